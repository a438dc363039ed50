//! Working offline: registers the service worker that keeps this build's files (written at
//! build time by `scripts/post-build.mjs`), and tells the page when a newer deployment has been
//! installed so the user can reload into it.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a newer version is installed and waiting for a reload.
#[derive(Clone, Copy)]
pub struct Updates {
    pub available: RwSignal<bool>,
    waiting: RwSignal<Option<ServiceWorker>, LocalStorage>,
}

impl Updates {
    /// Lets the waiting version take over; the page reloads when it has.
    pub fn reload_into_new_version(&self) {
        match self.waiting.get_untracked() {
            Some(worker) => drop(worker.post_message(&"skip-waiting".into())),
            None => drop(window().location().reload()),
        }
    }
}

/// Registers the service worker. Debug builds (`trunk serve`) skip it, so development never
/// runs from a stale cache.
pub fn handle_offline() -> Updates {
    let updates = Updates {
        available: RwSignal::new(false),
        waiting: RwSignal::new_local(None),
    };
    if cfg!(debug_assertions) {
        return updates;
    }
    let container = window().navigator().service_worker();
    // A new version took over (after "reload"): load its page.
    let had_controller = container.controller().is_some();
    let on_controller_change = Closure::<dyn Fn()>::new(move || {
        if had_controller {
            drop(window().location().reload());
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    let on_registered = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |value: wasm_bindgen::JsValue| {
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_updates(registration, updates);
    });
    // A registration failure (e.g. a browser with service workers off) leaves the app working online.
    drop(container.register("./sw.js").then(&on_registered));
    on_registered.forget();
    updates
}

fn watch_for_updates(registration: ServiceWorkerRegistration, updates: Updates) {
    let offer = move |worker: ServiceWorker| {
        // Only an update when a version already controls this page; the first install is not.
        if window().navigator().service_worker().controller().is_some() {
            updates.waiting.set(Some(worker));
            updates.available.set(true);
        }
    };
    if let Some(waiting) = registration.waiting() {
        offer(waiting);
    }
    let found_registration = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = found_registration.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state_change = Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed {
                offer(worker.clone());
            }
        });
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}
