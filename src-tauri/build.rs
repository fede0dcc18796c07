//! Build script: embeds the Tauri config and generates the ACL with an explicit allow-list of app commands.

fn main() {
    // Declaring the app's commands makes them subject to capabilities, like plugin commands:
    // the page may invoke only what capabilities/main.json allows (`allow-call`, `allow-save-document`, `allow-pick-folder`).
    let attributes =
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
            "call",
            "save_document",
            "pick_folder",
        ]));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
