//! A draft linked to a file on disk: where the browser has the File System Access API
//! (Chromium-based browsers), "Save to file…" asks for a place once, and Ctrl+S (and, when
//! turned on, every autosave) writes the report there again: Markdown to a `.md` file, the
//! JSON export to a `.json` one. The file handle is kept in IndexedDB under the draft's id, so
//! the link survives a reload; the browser may ask again for permission to write.
//!
//! Where the API is missing, saving falls back to a download and says so. A write that fails
//! (permission taken back, file moved, disk full) says why and leaves the draft as it is.

use leptos::prelude::*;
use leptos::task::spawn_local;
use postmortem_core::editing::file_stem;
use postmortem_core::to_json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::download::download_text;
use crate::notice::Notices;
use crate::state::Editor;
use crate::workspace::{SaveStatus, Workspace};

// The handles are JavaScript objects the structured clone of IndexedDB keeps; this module is
// bundled by wasm-bindgen as one of the site's own scripts, so the CSP's 'self' covers it.
#[wasm_bindgen(inline_js = r#"
const STORE = "handles";
function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("postmortem-studio-files", 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}
async function inStore(mode, act) {
  const db = await database();
  return await new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  }).finally(() => db.close());
}
const TYPES = [
  { description: "Markdown postmortem", accept: { "text/markdown": [".md"] } },
  { description: "Postmortem JSON", accept: { "application/json": [".json"] } },
];
export function canSave() { return typeof globalThis.showSaveFilePicker === "function"; }
export function canOpen() { return typeof globalThis.showOpenFilePicker === "function"; }
export async function pickSave(suggestedName) {
  return await globalThis.showSaveFilePicker({ suggestedName, types: TYPES });
}
export async function pickOpen() {
  const [handle] = await globalThis.showOpenFilePicker({ types: TYPES });
  return handle;
}
export async function fileOf(handle) { return await handle.getFile(); }
export function nameOf(handle) { return handle.name; }
export async function write(handle, text, ask) {
  const mode = { mode: "readwrite" };
  let state = handle.queryPermission ? await handle.queryPermission(mode) : "granted";
  if (state !== "granted" && ask && handle.requestPermission) state = await handle.requestPermission(mode);
  if (state !== "granted") throw new DOMException("no permission to write", "NotAllowedError");
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (error) {
    try { await writable.abort(); } catch (_) {}
    throw error;
  }
}
export async function remember(id, handle) { await inStore("readwrite", (s) => s.put(handle, id)); }
export async function recall(id) { return (await inStore("readonly", (s) => s.get(id))) ?? null; }
export async function forget(id) { await inStore("readwrite", (s) => s.delete(id)); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = canSave)]
    fn can_save() -> bool;
    #[wasm_bindgen(js_name = canOpen)]
    fn can_open() -> bool;
    #[wasm_bindgen(catch, js_name = pickSave)]
    async fn pick_save(suggested_name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = pickOpen)]
    async fn pick_open() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = fileOf)]
    async fn file_of(handle: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = nameOf)]
    fn name_of(handle: &JsValue) -> String;
    #[wasm_bindgen(catch)]
    async fn write(handle: &JsValue, text: &str, ask: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    async fn remember(id: &str, handle: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    async fn recall(id: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn forget(id: &str) -> Result<(), JsValue>;
}

/// The file a draft is linked to.
#[derive(Clone)]
struct Linked {
    draft_id: String,
    handle: JsValue,
    name: String,
}

impl Linked {
    /// The report as this file holds it: the JSON export for a `.json` file, else Markdown.
    fn contents(&self, editor: Editor) -> String {
        if self.name.to_ascii_lowercase().ends_with(".json") {
            editor.report.with_untracked(to_json)
        } else {
            editor.markdown.get_untracked()
        }
    }
}

/// The open draft's file, if it has one. Cheap to copy; provided by the root component.
#[derive(Clone, Copy)]
pub struct FileLink {
    linked: RwSignal<Option<Linked>, LocalStorage>,
    /// Write the file after every autosave too, not only on Ctrl+S.
    pub autosave: RwSignal<bool>,
    /// A write is under way, so a second is not started over it.
    writing: StoredValue<bool>,
    editor: Editor,
    workspace: Workspace,
    notices: Notices,
}

impl FileLink {
    /// Follows the open draft: its file is looked up whenever another draft opens.
    pub fn provide(editor: Editor, workspace: Workspace, notices: Notices) -> Self {
        let link = Self {
            linked: RwSignal::new_local(None),
            autosave: RwSignal::new(false),
            writing: StoredValue::new(false),
            editor,
            workspace,
            notices,
        };
        Effect::new(move |_| {
            let id = workspace.draft_id.get();
            // A draft just opened from a file may be linked before this runs.
            if link
                .linked
                .with_untracked(|l| l.as_ref().is_some_and(|l| l.draft_id == id))
            {
                return;
            }
            link.linked.set(None);
            if !can_save() {
                return;
            }
            spawn_local(async move {
                // An IndexedDB that cannot be opened (private mode) only means no link.
                let Ok(handle) = recall(&id).await else { return };
                let current = workspace.draft_id.get_untracked() == id;
                if handle.is_null() || handle.is_undefined() || !current || link.linked.with_untracked(Option::is_some)
                {
                    return;
                }
                let name = name_of(&handle);
                link.linked.set(Some(Linked {
                    draft_id: id,
                    handle,
                    name,
                }));
            });
        });
        // Autosave to the file follows the draft's own saves, never a prompt: without a
        // permission already given, it waits for Ctrl+S.
        Effect::new(move |_| {
            if matches!(workspace.status.get(), SaveStatus::Saved { .. }) && link.autosave.get_untracked() {
                link.write_linked(false);
            }
        });
        handle_save_keys(link);
        provide_context(link);
        link
    }

    /// The linked file's name.
    pub fn name(&self) -> Signal<Option<String>> {
        let linked = self.linked;
        Signal::derive(move || linked.with(|l| l.as_ref().map(|l| l.name.clone())))
    }

    pub fn supported() -> bool {
        can_save()
    }

    /// Ctrl+S: writes the linked file, or asks where to save first.
    pub fn save(&self) {
        if self.linked.with_untracked(Option::is_some) {
            self.write_linked(true);
        } else {
            self.save_as();
        }
    }

    /// "Save to file…": asks where, links the draft to that file, and writes it. Without the
    /// API, downloads the Markdown instead and says why.
    pub fn save_as(&self) {
        let link = *self;
        let stem = self.editor.report.with_untracked(file_stem);
        if !can_save() {
            let name = format!("{stem}.md");
            let text = self.editor.markdown.get_untracked();
            match download_text(&name, "text/markdown", &text) {
                Ok(()) => self.notices.info(format!(
                    "Downloaded {name}. This browser cannot keep saving to one file (it lacks the File System Access API), so each save is a new download."
                )),
                Err(_) => self
                    .notices
                    .error(format!("Could not download {name}. Your draft is kept in this browser.")),
            }
            return;
        }
        spawn_local(async move {
            let handle = match pick_save(&format!("{stem}.md")).await {
                Ok(handle) => handle,
                // Closing the picker is a choice, not a fault.
                Err(error) if error_name(&error) == "AbortError" => return,
                Err(error) => {
                    link.notices.error(format!(
                        "Could not choose a file to save to: {}. Your draft is kept in this browser.",
                        describe(&error)
                    ));
                    return;
                }
            };
            link.link(handle).await;
            link.write_linked(true);
        });
    }

    /// Links the open draft to `handle`, for this visit and the next.
    async fn link(&self, handle: JsValue) {
        let draft_id = self.workspace.draft_id.get_untracked();
        let name = name_of(&handle);
        if let Err(error) = remember(&draft_id, &handle).await {
            self.notices.error(format!(
                "Linked this draft to {name} for this visit only: the browser would not keep the link ({}).",
                describe(&error)
            ));
        }
        self.linked.set(Some(Linked { draft_id, handle, name }));
    }

    /// Links the draft just opened from `handle` to that file, so Ctrl+S writes it back.
    pub fn link_opened(&self, handle: JsValue) {
        let link = *self;
        spawn_local(async move { link.link(handle).await });
    }

    /// Unlinks the open draft from its file; the file itself is left as it is.
    pub fn unlink(&self) {
        let Some(linked) = self.linked.get_untracked() else {
            return;
        };
        self.linked.set(None);
        spawn_local(async move {
            drop(forget(&linked.draft_id).await);
        });
    }

    /// Writes the open draft to its file. `ask`: the user pressed a key or a button, so the
    /// browser may show its permission prompt.
    fn write_linked(&self, ask: bool) {
        let Some(linked) = self.linked.get_untracked() else {
            return;
        };
        if linked.draft_id != self.workspace.draft_id.get_untracked() || self.writing.get_value() {
            return;
        }
        self.writing.set_value(true);
        let text = linked.contents(self.editor);
        let link = *self;
        spawn_local(async move {
            let result = write(&linked.handle, &text, ask).await;
            link.writing.set_value(false);
            let name = &linked.name;
            match result {
                Ok(()) if ask => link.notices.info(format!("Saved to {name}.")),
                Ok(()) => {}
                Err(error) => link.notices.error(match error_name(&error).as_str() {
                    "NotAllowedError" if !ask => format!(
                        "Not saved to {name}: the browser asks again for permission to write it. Press Ctrl+S to allow it. Your draft is kept in this browser."
                    ),
                    "NotAllowedError" => format!(
                        "Not saved to {name}: the browser did not allow writing to it. Your draft is kept in this browser."
                    ),
                    "NotFoundError" => format!(
                        "Not saved to {name}: the file was moved or deleted. Use Save to file… to choose it again. Your draft is kept in this browser."
                    ),
                    "QuotaExceededError" => format!(
                        "Not saved to {name}: the disk is full. Your draft is kept in this browser."
                    ),
                    _ => format!(
                        "Not saved to {name}: {}. Your draft is kept in this browser.",
                        describe(&error)
                    ),
                }),
            }
        });
    }
}

/// "Open file…" with the API: the chosen file opens as a new draft linked to it. Returns
/// false where the API is missing, so the caller uses the file input instead.
pub fn open_with_picker(open: impl FnOnce(web_sys::File, JsValue) + 'static, notices: Notices) -> bool {
    if !can_open() {
        return false;
    }
    spawn_local(async move {
        let handle = match pick_open().await {
            Ok(handle) => handle,
            Err(error) if error_name(&error) == "AbortError" => return,
            Err(error) => {
                notices.error(format!(
                    "Could not open a file: {}. Your current draft is unchanged.",
                    describe(&error)
                ));
                return;
            }
        };
        match file_of(&handle).await {
            Ok(file) => open(file.unchecked_into(), handle),
            Err(error) => notices.error(format!(
                "Could not read {}: {}. Your current draft is unchanged.",
                name_of(&handle),
                describe(&error)
            )),
        }
    });
    true
}

/// Ctrl+S (Cmd+S on a Mac) saves to the file rather than saving the page.
fn handle_save_keys(link: FileLink) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        if (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && key.eq_ignore_ascii_case("s") {
            ev.prevent_default();
            link.save();
        }
    });
    on_cleanup(move || handle.remove());
}

fn error_name(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.name()))
        .or_else(|| {
            error
                .dyn_ref::<web_sys::DomException>()
                .map(web_sys::DomException::name)
        })
        .unwrap_or_default()
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "the browser gave no reason".to_owned())
}

pub fn use_file_link() -> FileLink {
    expect_context::<FileLink>()
}
