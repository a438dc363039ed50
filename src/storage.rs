//! All browser storage lives here: typed keys, probing, and saving drafts so that nothing is
//! lost. Three rules:
//! - Storage may be missing or refuse us (private mode, blocked cookies, a full quota): every
//!   operation returns an error to show, never panics, and the app keeps working in memory.
//! - Bytes under our keys that we cannot read (corrupt, truncated, from a newer version) are
//!   never overwritten or deleted; they are listed so the user can download them as they are.
//! - A save never silently replaces a newer save from another tab: each draft carries a
//!   revision, and a save states the revision it started from.

use gloo_storage::Storage as _;
use postmortem_core::drafts::{Draft, DraftError, DraftHeader};
use postmortem_core::Report;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const PREFIX: &str = "postmortem-studio/";

/// Our keys in localStorage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// A draft's envelope.
    Draft(String),
    /// Which draft was open and where the cursor was.
    Session,
}

impl Key {
    pub fn name(&self) -> String {
        match self {
            Key::Draft(id) => format!("{PREFIX}draft/{id}"),
            Key::Session => format!("{PREFIX}session"),
        }
    }

    fn parse(name: &str) -> Option<Self> {
        let rest = name.strip_prefix(PREFIX)?;
        if let Some(id) = rest.strip_prefix("draft/") {
            return Some(Key::Draft(id.to_owned()));
        }
        (rest == "session").then_some(Key::Session)
    }
}

/// Why something could not be stored.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum StorageError {
    #[error("browser storage is not available ({0}); your work is kept in this tab only")]
    Unavailable(String),
    #[error("browser storage is full")]
    QuotaExceeded,
    #[error("another tab saved this draft since this tab last loaded it")]
    Conflict(Box<Draft>),
    #[error("the browser refused to save ({0})")]
    Refused(String),
    #[error("the copy of this draft in browser storage is unreadable ({0}), so it was left as it is")]
    Unreadable(DraftError),
}

/// What is stored under one draft key.
#[derive(Clone, Debug, PartialEq)]
pub enum StoredDraft {
    Readable(Box<Draft>),
    /// Kept byte for byte; the user can download it.
    Unreadable {
        key: String,
        raw: String,
        reason: String,
    },
}

/// Which draft was open and which field had the cursor, restored after a reload, and the
/// export's options, kept from one visit to the next.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub draft_id: Option<String>,
    pub focused_field: Option<String>,
    /// Exports include a Mermaid diagram of the timeline.
    #[serde(default)]
    pub mermaid: bool,
    /// The writing rules turned off in this browser, by id.
    #[serde(default)]
    pub rules_off: Vec<String>,
    /// When this browser first kept a draft, and when the drafts were last backed up
    /// (milliseconds since 1970), for the reminder that they live only here.
    #[serde(default)]
    pub first_kept: Option<f64>,
    #[serde(default)]
    pub last_backup: Option<f64>,
    /// The drafts whose images from other sites the user allowed to load, by id.
    #[serde(default)]
    pub images_allowed: Vec<String>,
}

/// The drafts in this browser. Without storage, every operation says why it did nothing.
/// Clones share what this tab last wrote.
#[derive(Clone)]
pub struct DraftStore {
    storage: Result<web_sys::Storage, String>,
    last_write: Rc<RefCell<Option<LastWrite>>>,
}

/// The text this tab last wrote under a draft key, kept as the JS string it stored.
struct LastWrite {
    key: String,
    text: JsString,
    revision: u64,
}

impl DraftStore {
    /// Probes localStorage with a write, since merely having the object does not mean it works.
    pub fn open() -> Self {
        Self {
            storage: probe(),
            last_write: Rc::default(),
        }
    }

    pub fn unavailable_reason(&self) -> Option<&str> {
        self.storage.as_ref().err().map(String::as_str)
    }

    fn storage(&self) -> Result<&web_sys::Storage, StorageError> {
        self.storage
            .as_ref()
            .map_err(|reason| StorageError::Unavailable(reason.clone()))
    }

    /// Every draft under our keys, readable or not, most recently saved first.
    pub fn list(&self) -> Vec<StoredDraft> {
        let mut drafts: Vec<StoredDraft> = self
            .keys()
            .into_iter()
            .filter_map(|key| match &key {
                Key::Draft(_) => self.read(&key),
                _ => None,
            })
            .collect();
        drafts.sort_by(|a, b| match (a, b) {
            (StoredDraft::Readable(a), StoredDraft::Readable(b)) => b.saved_at.cmp(&a.saved_at),
            (StoredDraft::Readable(_), _) => std::cmp::Ordering::Less,
            (_, StoredDraft::Readable(_)) => std::cmp::Ordering::Greater,
            _ => std::cmp::Ordering::Equal,
        });
        drafts
    }

    fn keys(&self) -> Vec<Key> {
        let Ok(storage) = self.storage() else { return Vec::new() };
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter_map(|name| Key::parse(&name))
            .collect()
    }

    fn read(&self, key: &Key) -> Option<StoredDraft> {
        let raw = self.storage().ok()?.get_item(&key.name()).ok().flatten()?;
        Some(match Draft::from_json(&raw) {
            Ok(draft) => StoredDraft::Readable(Box::new(draft)),
            Err(reason) => StoredDraft::Unreadable {
                key: key.name(),
                raw,
                reason: reason.to_string(),
            },
        })
    }

    /// The stored draft with this id, if any.
    pub fn load(&self, id: &str) -> Option<Result<Draft, DraftError>> {
        let raw = self
            .storage()
            .ok()?
            .get_item(&Key::Draft(id.to_owned()).name())
            .ok()
            .flatten()?;
        Some(Draft::from_json(&raw))
    }

    /// Saves `draft` as the next revision after `base` (see [`DraftStore::save_report`]).
    pub fn save(&self, draft: &Draft, base: Option<u64>) -> Result<Draft, StorageError> {
        let saved = self.save_report(&draft.id, &draft.saved_at, &draft.report, base)?;
        Ok(Draft {
            revision: saved.revision,
            ..draft.clone()
        })
    }

    /// Saves `report` as draft `id`'s next revision after `base` (the revision this tab last
    /// read, or `None` for a draft never saved), and says which revision it stored. Refuses
    /// when another tab saved in between, and leaves the stored copy as it was when the browser
    /// refuses the write (e.g. a full quota). Autosave's path: it borrows the report rather
    /// than copying it.
    pub fn save_report(
        &self,
        id: &str,
        saved_at: &str,
        report: &Report,
        base: Option<u64>,
    ) -> Result<DraftHeader, StorageError> {
        let storage = self.storage()?;
        let key = Key::Draft(id.to_owned()).name();
        let stored = storage
            .unchecked_ref::<TextStorage>()
            .get_item(&key)
            .map_err(|e| StorageError::Refused(describe(&e)))?;
        // The stored copy's revision: known at once while the copy is exactly what this tab
        // last wrote, else read from its envelope alone. Either way no more than that is read,
        // which keeps autosave of a long report cheap; the whole draft is read only when it is
        // another tab's, to offer it.
        let stored_revision = match &stored {
            None => None,
            Some(text) => {
                let revision = match self.revision_written_as(&key, text) {
                    Some(revision) => revision,
                    // Unreadable bytes under this key are not ours to overwrite.
                    None => {
                        Draft::header_from_json(&String::from(text))
                            .map_err(StorageError::Unreadable)?
                            .revision
                    }
                };
                if Some(revision) != base {
                    return Err(match Draft::from_json(&String::from(text)) {
                        Ok(theirs) => StorageError::Conflict(Box::new(theirs)),
                        Err(reason) => StorageError::Unreadable(reason),
                    });
                }
                Some(revision)
            }
        };
        let saved = DraftHeader {
            id: id.to_owned(),
            revision: stored_revision.unwrap_or(0) + 1,
            saved_at: saved_at.to_owned(),
        };
        let size_guess = stored.as_ref().map_or(0, |text| text.length() as usize + 1024);
        let text = JsString::from(saved.envelope_json(report, size_guess).as_str());
        write(storage, &key, &text)?;
        *self.last_write.borrow_mut() = Some(LastWrite {
            key,
            text,
            revision: saved.revision,
        });
        Ok(saved)
    }

    /// The revision of `text` stored under `key`, if this tab wrote exactly that text.
    fn revision_written_as(&self, key: &str, text: &JsString) -> Option<u64> {
        let last = self.last_write.borrow();
        let last = last.as_ref()?;
        // `===` on two JS strings: the same object, or the same characters.
        (last.key == key && last.text == *text).then_some(last.revision)
    }

    /// Removes a draft, freeing its space (the library keeps it in memory for Undo).
    pub fn delete(&self, id: &str) -> Result<(), StorageError> {
        let storage = self.storage()?;
        storage
            .remove_item(&Key::Draft(id.to_owned()).name())
            .map_err(|e| StorageError::Refused(describe(&e)))
    }

    pub fn session(&self) -> Session {
        if self.storage.is_err() {
            return Session::default();
        }
        gloo_storage::LocalStorage::get(Key::Session.name()).unwrap_or_default()
    }

    pub fn save_session(&self, session: &Session) -> Result<(), StorageError> {
        self.storage()?;
        gloo_storage::LocalStorage::set(Key::Session.name(), session).map_err(|e| match e {
            gloo_storage::errors::StorageError::JsError(js) if js.name == "QuotaExceededError" => {
                StorageError::QuotaExceeded
            }
            other => StorageError::Refused(other.to_string()),
        })
    }

    /// Asks the browser not to evict our storage under pressure. Best effort.
    pub fn ask_to_persist() {
        if let Some(window) = web_sys::window() {
            if let Ok(manager) = window.navigator().storage().persist() {
                drop(manager);
            }
        }
    }
}

/// The draft key of a `storage` event from another tab, if it is one of ours.
pub fn draft_id_of_key(name: &str) -> Option<String> {
    match Key::parse(name)? {
        Key::Draft(id) => Some(id),
        _ => None,
    }
}

fn probe() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    let storage = match window.local_storage() {
        Ok(Some(storage)) => storage,
        Ok(None) => return Err("the browser offers none".to_owned()),
        Err(e) => return Err(describe(&e)),
    };
    let probe_key = format!("{PREFIX}probe");
    storage.set_item(&probe_key, "1").map_err(|e| describe(&e))?;
    storage.remove_item(&probe_key).map_err(|e| describe(&e))?;
    Ok(storage)
}

fn write(storage: &web_sys::Storage, key: &str, value: &JsString) -> Result<(), StorageError> {
    storage
        .unchecked_ref::<TextStorage>()
        .set_item(key, value)
        .map_err(|error| {
            match error
                .dyn_ref::<web_sys::DomException>()
                .map(web_sys::DomException::name)
            {
                Some(name) if name == "QuotaExceededError" => StorageError::QuotaExceeded,
                _ => StorageError::Refused(describe(&error)),
            }
        })
}

#[wasm_bindgen]
extern "C" {
    /// localStorage through `getItem` and `setItem` that leave the value a JS string: a
    /// draft's text is only copied into Rust when it has to be read.
    type TextStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(this: &TextStorage, key: &str) -> Result<Option<JsString>, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &TextStorage, key: &str, value: &JsString) -> Result<(), JsValue>;
}

/// A JS error in a few words: "SecurityError: access denied".
fn describe(error: &wasm_bindgen::JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", exception.name(), exception.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
