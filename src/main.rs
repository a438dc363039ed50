//! Mounts the app. The app itself lives in the library so that tests can import it.

#[cfg(target_arch = "wasm32")]
fn main() {
    postmortem_editor::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("postmortem-editor is a web app: serve it with `make serve` (see README.md).");
    std::process::exit(2);
}
