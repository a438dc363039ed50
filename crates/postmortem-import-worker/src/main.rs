//! The Markdown reader, run in a Web Worker. It says `"ready"` once it listens; the app
//! (`src/importer.rs`) then posts `[id, markdown]`, and the worker answers `[id, report, notes, regenerated]`, the report as the
//! app's own JSON export, which reads back exactly, and the two lists as arrays of strings.

#[cfg(target_arch = "wasm32")]
fn main() {
    use js_sys::Array;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let request = Array::from(&event.data());
        let markdown = request.get(1).as_string().unwrap_or_default();
        let imported = postmortem_core::import_markdown(&markdown);
        let strings = |list: &[String]| list.iter().map(|s| JsValue::from_str(s)).collect::<Array>();
        let reply = Array::of4(
            &request.get(0),
            &JsValue::from_str(&postmortem_core::to_json(&imported.report)),
            &strings(&imported.notes),
            &strings(&imported.regenerated),
        );
        // Posting plain strings and arrays cannot fail.
        let _ = replies.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Messages sent while the wasm loaded found no handler: the app waits for this one first.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

// Natively there is no worker: the crate builds so that the workspace's native checks pass.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
