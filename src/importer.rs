//! Reading a Markdown postmortem, in a Web Worker with a wasm of its own
//! (`crates/postmortem-import-worker`). The importer is about a tenth of the app's code and the
//! first screen needs none of it, so it is downloaded the first time someone opens or pastes
//! Markdown (the service worker keeps it for offline use); in a worker, a long report also
//! never freezes the page while it is read.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Promise};
use postmortem_core::{from_json, Imported};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The worker's script, beside index.html (public/import-worker-loader.js).
const READER_URL: &str = "./import-worker-loader.js";

/// Reads `markdown` into a report, as [`postmortem_core::import_markdown`] does. Fails only
/// when the reader cannot be loaded or stops (offline before it was ever kept, say), with a
/// sentence for the author.
pub async fn import_markdown(markdown: &str) -> Result<Imported, String> {
    let asked = READER.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            *slot = Some(Reader::start()?);
        }
        Ok::<_, String>(slot.as_mut().map(|reader| reader.ask(markdown)))
    })?;
    let Some(answer) = asked else {
        return Err(NOT_LOADED.to_owned());
    };
    let reply = JsFuture::from(answer)
        .await
        .map_err(|error| error.as_string().unwrap_or_else(|| NOT_LOADED.to_owned()))?;
    let reply = Array::from(&reply);
    let strings = |value: JsValue| {
        Array::from(&value)
            .iter()
            .filter_map(|s| s.as_string())
            .collect::<Vec<String>>()
    };
    let report = from_json(&reply.get(1).as_string().unwrap_or_default())
        .map_err(|e| format!("The Markdown reader gave back a report this version cannot read ({e})."))?;
    Ok(Imported {
        report,
        notes: strings(reply.get(2)),
        regenerated: strings(reply.get(3)),
    })
}

/// What the worker posts once it listens (crates/postmortem-import-worker).
const READY: &str = "ready";

const NOT_LOADED: &str = "The Markdown reader could not be loaded. Check your connection, then try again.";

thread_local! {
    static READER: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

/// The requests waiting for an answer, by id: each promise's resolve and reject.
type Waiting = Rc<RefCell<HashMap<u32, (Function, Function)>>>;

/// Ends the reader: every waiting import fails with `message`, and the next import starts a
/// new reader.
fn stop(message: &str) {
    let Some(stopped) = READER.with(|slot| slot.borrow_mut().take()) else {
        return;
    };
    stopped.worker.terminate();
    for (_, (_, reject)) in stopped.waiting.borrow_mut().drain() {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(message));
    }
    // Dropped once this event is handled: the handler running now is one of its closures.
    leptos::prelude::set_timeout(move || drop(stopped), std::time::Duration::ZERO);
}

struct Reader {
    worker: Worker,
    waiting: Waiting,
    /// Requests posted before the worker said it is ready. A worker's messages that arrive
    /// while its wasm is still loading would find no handler and be lost.
    queued: Rc<RefCell<Option<Vec<Array>>>>,
    next_id: u32,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl Reader {
    fn start() -> Result<Self, String> {
        let worker = Worker::new(READER_URL).map_err(|_| NOT_LOADED.to_owned())?;
        let waiting: Waiting = Rc::default();
        let queued: Rc<RefCell<Option<Vec<Array>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let answered = waiting.clone();
        let (ready, sender) = (queued.clone(), worker.clone());
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            match event.data().as_string().as_deref() {
                Some(READY) => {
                    for request in ready.borrow_mut().take().unwrap_or_default() {
                        // Strings and arrays always post.
                        let _ = sender.post_message(&request);
                    }
                    return;
                }
                // The loader could not start the wasm ("failed: …").
                Some(_) => return stop(NOT_LOADED),
                None => {}
            }
            let reply = Array::from(&event.data());
            let id = reply.get(0).as_f64().unwrap_or(-1.0) as u32;
            if let Some((resolve, _)) = answered.borrow_mut().remove(&id) {
                let _ = resolve.call1(&JsValue::NULL, &reply);
            }
        });
        let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            event.prevent_default();
            // A script that did not load sends a plain event; an error in the worker, an
            // ErrorEvent with its message.
            match event
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .filter(|m| !m.is_empty())
            {
                Some(detail) => stop(&format!("The Markdown reader stopped ({detail}). Try again.")),
                None => stop(NOT_LOADED),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            waiting,
            queued,
            next_id: 0,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Posts one import; the promise settles with the worker's reply, or is rejected with a
    /// sentence for the author if the reader stops first.
    fn ask(&mut self, markdown: &str) -> Promise {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        let waiting = self.waiting.clone();
        let promise = Promise::new(&mut |resolve, reject| {
            waiting.borrow_mut().insert(id, (resolve, reject));
        });
        let request = Array::of2(&JsValue::from(id), &JsValue::from_str(markdown));
        if let Some(queue) = self.queued.borrow_mut().as_mut() {
            queue.push(request);
        } else if self.worker.post_message(&request).is_err() {
            if let Some((_, reject)) = self.waiting.borrow_mut().remove(&id) {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(NOT_LOADED));
            }
        }
        promise
    }
}
