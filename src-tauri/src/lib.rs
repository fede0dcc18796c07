//! The Tauri desktop shell: thin commands over cw-core.
