//! Which draft is open and how saving it stands. Autosave, saving when the page is hidden,
//! noticing saves from other tabs and remembering the cursor are each a named handler called
//! once from the root component.

use leptos::prelude::*;
use postmortem_core::drafts::{Draft, DraftHeader};
use postmortem_core::markdown::ExportOptions;
use postmortem_core::Report;
use wasm_bindgen::JsCast;

use crate::state::Editor;
use crate::storage::{draft_id_of_key, DraftStore, Session, StorageError, StoredDraft};

/// How long after the last keystroke a draft is saved.
const AUTOSAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(500);

/// How saving the open draft stands, as the status line says it.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing typed yet: a blank draft is not stored.
    NothingToSave,
    Pending,
    Saved {
        at: String,
    },
    /// Storage works but this write was refused; the draft is only in memory.
    NotSaved(StorageError),
    /// No storage at all in this browser session.
    MemoryOnly(String),
}

/// How long drafts may live only in this browser before a backup is suggested: a week.
const BACKUP_AFTER_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// The open draft and the store it is saved in. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Workspace {
    store: StoredValue<DraftStore, LocalStorage>,
    pub draft_id: RwSignal<String>,
    /// The revision this tab last saved or loaded; `None` before the first save.
    base_revision: StoredValue<Option<u64>>,
    /// Typed since the last save.
    dirty: StoredValue<bool>,
    /// The next change to the report is a draft being loaded, not an edit to save.
    loading: StoredValue<bool>,
    pending: StoredValue<Option<TimeoutHandle>>,
    pub status: RwSignal<SaveStatus>,
    /// Notified when the list of drafts may have changed.
    pub library_changed: Trigger,
}

/// What the page opens with.
pub struct Opening {
    pub workspace: Workspace,
    pub report: Report,
    pub focused_field: Option<String>,
    /// Drafts that could not be read, to tell the user about.
    pub unreadable: usize,
    /// The export options chosen last time.
    pub export_options: ExportOptions,
    /// The writing rules turned off in this browser.
    pub rules_off: Vec<String>,
    /// The drafts have lived only in this browser for a week or more without a backup.
    pub backup_due: bool,
}

impl Workspace {
    /// Opens the store and the draft that was open last (or the most recent, or a new one).
    pub fn start() -> Opening {
        let store = DraftStore::open();
        DraftStore::ask_to_persist();
        let session = store.session();
        let drafts = store.list();
        let has_drafts = !drafts.is_empty();
        // A week of drafts with no backup: clearing site data would delete them all.
        let now = js_sys::Date::now();
        let since = session.last_backup.or(session.first_kept);
        let backup_due = has_drafts && since.is_some_and(|since| now - since > BACKUP_AFTER_MS);
        if has_drafts && session.first_kept.is_none() {
            let mut first = session.clone();
            first.first_kept = Some(now);
            let _ = store.save_session(&first);
        }
        let unreadable = drafts
            .iter()
            .filter(|d| matches!(d, StoredDraft::Unreadable { .. }))
            .count();
        let last = session
            .draft_id
            .as_deref()
            .and_then(|id| store.load(id))
            .and_then(Result::ok)
            .or_else(|| {
                drafts.into_iter().find_map(|d| match d {
                    StoredDraft::Readable(draft) => Some(*draft),
                    StoredDraft::Unreadable { .. } => None,
                })
            });
        let status = match store.unavailable_reason() {
            Some(reason) => SaveStatus::MemoryOnly(reason.to_owned()),
            None => match &last {
                Some(draft) => SaveStatus::Saved {
                    at: clock(&draft.saved_at),
                },
                None => SaveStatus::NothingToSave,
            },
        };
        let (id, revision, report, focused_field) = match last {
            Some(draft) => {
                let same = session.draft_id.as_deref() == Some(draft.id.as_str());
                (
                    draft.id,
                    Some(draft.revision),
                    draft.report,
                    session.focused_field.filter(|_| same),
                )
            }
            None => (new_draft_id(), None, Report::default(), None),
        };
        let workspace = Self {
            store: StoredValue::new_local(store),
            draft_id: RwSignal::new(id),
            base_revision: StoredValue::new(revision),
            dirty: StoredValue::new(false),
            loading: StoredValue::new(false),
            pending: StoredValue::new(None),
            status: RwSignal::new(status),
            library_changed: Trigger::new(),
        };
        Opening {
            workspace,
            report,
            focused_field,
            unreadable,
            export_options: ExportOptions {
                mermaid: session.mermaid,
            },
            rules_off: session.rules_off.clone(),
            backup_due,
        }
    }

    pub fn store(&self) -> DraftStore {
        self.store.get_value()
    }

    /// Saves now if anything was typed since the last save.
    pub fn save_now(&self, editor: Editor) {
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
            self.pending.set_value(None);
        }
        if !self.dirty.get_value() {
            return;
        }
        let never_saved = self.base_revision.get_value().is_none();
        if never_saved && editor.report.with_untracked(|report| *report == Report::default()) {
            self.dirty.set_value(false);
            return;
        }
        let (id, saved_at, base) = (
            self.draft_id.get_untracked(),
            now_rfc3339(),
            self.base_revision.get_value(),
        );
        // Timed as the "autosave" measure for `make bench`; only the latest is kept.
        let performance = window().performance();
        if let Some(performance) = &performance {
            performance.clear_measures_with_measure_name("autosave");
            drop(performance.mark("autosave-start"));
        }
        let result = editor
            .report
            .with_untracked(|report| self.store().save_report(&id, &saved_at, report, base));
        if let Some(performance) = &performance {
            drop(performance.measure_with_start_mark("autosave", "autosave-start"));
        }
        self.record(result);
    }

    fn record(&self, result: Result<DraftHeader, StorageError>) {
        match result {
            Ok(saved) => {
                self.base_revision.set_value(Some(saved.revision));
                self.dirty.set_value(false);
                self.status.set(SaveStatus::Saved {
                    at: clock(&saved.saved_at),
                });
                self.library_changed.notify();
            }
            Err(StorageError::Unavailable(reason)) => self.status.set(SaveStatus::MemoryOnly(reason)),
            Err(error) => self.status.set(SaveStatus::NotSaved(error)),
        }
    }

    /// "Keep mine": save this tab's version over the other tab's.
    pub fn keep_mine(&self, editor: Editor, theirs: &Draft) {
        self.base_revision.set_value(Some(theirs.revision));
        self.dirty.set_value(true);
        self.save_now(editor);
    }

    /// "Load theirs": replace this tab's version with the stored one.
    pub fn load_theirs(&self, editor: Editor, theirs: Draft) {
        self.base_revision.set_value(Some(theirs.revision));
        self.dirty.set_value(false);
        self.status.set(SaveStatus::Saved {
            at: clock(&theirs.saved_at),
        });
        editor.update(|r| *r = theirs.report);
        self.dirty.set_value(false);
    }

    /// "Keep both": this tab's version becomes a new draft; the other stays as it was.
    pub fn keep_both(&self, editor: Editor) {
        self.switch_to(new_draft_id(), None);
        self.dirty.set_value(true);
        self.save_now(editor);
    }

    /// Makes `report` the open draft, as a new draft (an opened file, a template, a copy).
    pub fn open_as_new(&self, editor: Editor, report: Report) {
        self.save_now(editor);
        self.switch_to(new_draft_id(), None);
        editor.replace(report);
        self.dirty.set_value(true);
        self.save_now(editor);
    }

    /// Opens a stored draft.
    pub fn open_draft(&self, editor: Editor, draft: Draft) {
        self.save_now(editor);
        self.switch_to(draft.id, Some(draft.revision));
        self.status.set(SaveStatus::Saved {
            at: clock(&draft.saved_at),
        });
        editor.update(|r| *r = draft.report);
        self.dirty.set_value(false);
    }

    fn switch_to(&self, id: String, revision: Option<u64>) {
        self.draft_id.set(id);
        self.base_revision.set_value(revision);
        self.remember(|session| session.focused_field = None);
    }

    /// Keeps the export options for the next visit.
    pub fn remember_export_options(&self, options: ExportOptions) {
        self.remember(|session| session.mermaid = options.mermaid);
    }

    /// Remembers that the drafts were just backed up.
    pub fn remember_backup(&self) {
        self.remember(|session| session.last_backup = Some(js_sys::Date::now()));
    }

    /// Keeps the writing rules turned off for the next visit.
    pub fn remember_rules_off(&self, rules: Vec<String>) {
        self.remember(|session| session.rules_off = rules);
    }

    /// Whether the user allowed draft `id` to load its images from other sites.
    pub fn images_allowed(&self, id: &str) -> bool {
        self.store()
            .session()
            .images_allowed
            .iter()
            .any(|allowed| allowed == id)
    }

    /// Remembers that the open draft may load its images from other sites.
    pub fn allow_images(&self) {
        let id = self.draft_id.get_untracked();
        self.remember(|session| {
            if !session.images_allowed.contains(&id) {
                session.images_allowed.push(id);
            }
        });
    }

    fn remember(&self, change: impl FnOnce(&mut Session)) {
        let store = self.store();
        let mut session = store.session();
        session.draft_id = Some(self.draft_id.get_untracked());
        change(&mut session);
        // The session is a convenience; failing to store it loses no work.
        let _ = store.save_session(&session);
    }
}

/// Saves ~0.5 s after the last change, and shows that a save is pending.
pub fn handle_autosave(editor: Editor, workspace: Workspace) {
    let first_run = StoredValue::new(true);
    Effect::new(move |_| {
        editor.report.track();
        if first_run.get_value() || workspace.loading.get_value() {
            first_run.set_value(false);
            workspace.loading.set_value(false);
            return;
        }
        workspace.dirty.set_value(true);
        // A problem stays on screen until a save succeeds, rather than flickering per keystroke.
        if !matches!(
            workspace.status.get_untracked(),
            SaveStatus::MemoryOnly(_) | SaveStatus::NotSaved(_)
        ) {
            workspace.status.set(SaveStatus::Pending);
        }
        if let Some(handle) = workspace.pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || workspace.save_now(editor), AUTOSAVE_DELAY).ok();
        workspace.pending.set_value(handle);
    });
}

/// Saves at once when the page is hidden or closed: a timer may never fire after that.
pub fn handle_page_hide(editor: Editor, workspace: Workspace) {
    let save = move || workspace.save_now(editor);
    let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            save();
        }
    });
    let on_page_hide = window_event_listener(leptos::ev::pagehide, move |_| save());
    on_cleanup(move || {
        on_visibility.remove();
        on_page_hide.remove();
    });
}

/// Another tab saved a draft. If it is this one and nothing is typed here since, take its
/// version; otherwise let the user choose, never overwriting either silently.
pub fn handle_other_tabs(editor: Editor, workspace: Workspace) {
    let listener = window_event_listener(leptos::ev::storage, move |event| {
        workspace.library_changed.notify();
        let Some(id) = event.key().as_deref().and_then(draft_id_of_key) else {
            return;
        };
        if id != workspace.draft_id.get_untracked() {
            return;
        }
        let Some(Ok(theirs)) = workspace.store().load(&id) else {
            return;
        };
        if Some(theirs.revision) == workspace.base_revision.get_value() {
            return;
        }
        if workspace.dirty.get_value() {
            workspace
                .status
                .set(SaveStatus::NotSaved(StorageError::Conflict(Box::new(theirs))));
        } else {
            workspace.load_theirs(editor, theirs);
        }
    });
    on_cleanup(move || listener.remove());
}

/// Remembers which field has the cursor, to put it back after a reload.
pub fn handle_cursor(workspace: Workspace) {
    let listener = window_event_listener(leptos::ev::focusin, move |event| {
        let id = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|e| e.id())
            .filter(|id| id.starts_with("field-"));
        if let Some(id) = id {
            workspace.remember(|session| session.focused_field = Some(id));
        }
    });
    on_cleanup(move || listener.remove());
}

/// Puts the cursor back in the field it was in, and scrolls it into view.
pub fn restore_cursor(field_id: String) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&field_id) {
            element.scroll_into_view();
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

pub fn new_draft_id() -> String {
    let time = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("{time:x}-{random:x}")
}

fn now_rfc3339() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// "12:04" in the user's local time, for the status line.
pub fn clock(rfc3339: &str) -> String {
    local(rfc3339).map_or_else(
        || rfc3339.to_owned(),
        |d| format!("{:02}:{:02}", d.get_hours(), d.get_minutes()),
    )
}

/// "2026-03-14 12:04" in the user's local time, for the list of drafts.
pub fn date_and_clock(rfc3339: &str) -> String {
    local(rfc3339).map_or_else(
        || rfc3339.to_owned(),
        |d| {
            format!(
                "{}-{:02}-{:02} {}",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date(),
                clock(rfc3339)
            )
        },
    )
}

fn local(rfc3339: &str) -> Option<js_sys::Date> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    (!date.get_time().is_nan()).then_some(date)
}
