//! The 创卫办公台 desktop executable; everything happens in [`chuangwei_app_lib::run`].

// No console window behind the app in release builds on Windows.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    chuangwei_app_lib::run();
}
