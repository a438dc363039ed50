//! Postmortem Studio in the browser: a thin Leptos layer over `postmortem-core`.
//! Everything here needs a browser, so on native targets the crate is empty and native
//! `cargo test` stays fast.
#![cfg(target_arch = "wasm32")]

pub mod components;
pub mod download;
pub mod example;
pub mod file_link;
pub mod importer;
pub mod notice;
pub mod offline;
pub mod share;
pub mod state;
pub mod storage;
pub mod workspace;

pub use components::app::App;

/// Starts the app in the page's `<body>`. The loader in Trunk.toml calls this only once the
/// static outline has painted.
pub fn start() {
    console_error_panic_hook::set_once();
    // The static outline in index.html stood in for the app until now.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
