use leptos::prelude::*;
use leptos::task::spawn_local;
use postmortem_core::drafts::{backup_to_json, Draft};
use postmortem_core::markdown::UNTITLED;
use postmortem_core::templates::Starter;
use postmortem_core::validate::count;
use postmortem_core::{validate, Report};
use wasm_bindgen::JsCast;

use crate::components::file_actions::OpenFileButton;
use crate::components::form_section::plural;
use crate::components::sheet::Sheet;
use crate::download::download_text;
use crate::notice::{use_notices, Notices};
use crate::state::use_editor;
use crate::storage::StoredDraft;
use crate::workspace::{date_and_clock, new_draft_id, Workspace};

/// Downloads every readable draft as one backup file, and remembers when, for the reminder.
pub fn download_backup(workspace: Workspace, notices: Notices) {
    let readable: Vec<Draft> = workspace
        .store()
        .list()
        .into_iter()
        .filter_map(|d| match d {
            StoredDraft::Readable(draft) => Some(*draft),
            StoredDraft::Unreadable { .. } => None,
        })
        .collect();
    let date = String::from(js_sys::Date::new_0().to_iso_string());
    let name = format!("postmortem-drafts-{}.json", &date[..10.min(date.len())]);
    match download_text(&name, "application/json", &backup_to_json(&readable)) {
        Ok(()) => {
            workspace.remember_backup();
            notices.info(format!("Downloaded {name} with {}.", plural(readable.len(), "draft")));
        }
        Err(_) => notices.error("The backup could not be downloaded."),
    }
}

/// Every draft in this browser: start a new one, open, rename, copy, delete (with undo), and
/// back them all up to one file or restore them from it.
#[component]
pub fn DraftLibrary(
    /// Whether the panel is shown.
    open: RwSignal<bool>,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let editor = use_editor();
    let notices = use_notices();
    let drafts = Signal::derive(move || {
        workspace.library_changed.track();
        workspace.store().list()
    });
    let start = move |starter: Starter| {
        workspace.open_as_new(editor, starter.report());
        open.set(false);
    };
    let backup = move |_| download_backup(workspace, notices);
    view! {
        <Sheet
            open=open
            title="Drafts"
            close_label="Close drafts"
            note="Saved in this browser as you type. Nothing leaves your machine."
            test_id="library"
        >
            <StorageUse />
            <div class="library-new">
                {Starter::ALL
                    .into_iter()
                    .map(|starter| {
                        view! {
                            <button type="button" class="button secondary" on:click=move |_| start(starter)>
                                "New: " {starter.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <ul class="library-list" data-testid="library-list">
                // Keyed by draft and revision: a save re-renders only the draft it changed.
                <For
                    each=move || drafts.get()
                    key=|stored| match stored {
                        StoredDraft::Readable(draft) => format!("{}@{}", draft.id, draft.revision),
                        StoredDraft::Unreadable { key, .. } => key.clone(),
                    }
                    children=move |stored| match stored {
                        StoredDraft::Readable(draft) => view! { <DraftItem draft=*draft open=open /> }.into_any(),
                        StoredDraft::Unreadable { key, raw, reason } => {
                            view! { <UnreadableItem key=key raw=raw reason=reason /> }.into_any()
                        }
                    }
                />
            </ul>
            <footer class="library-footer">
                <button type="button" class="button secondary" on:click=backup>
                    "Download all drafts"
                </button>
                <OpenFileButton label="Open file or backup…" />
            </footer>
        </Sheet>
    }
}

fn title_of(report: &Report) -> String {
    if report.title.trim().is_empty() {
        UNTITLED.to_owned()
    } else {
        report.title.clone()
    }
}

#[component]
fn DraftItem(draft: Draft, open: RwSignal<bool>) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let editor = use_editor();
    let notices = use_notices();
    let id = draft.id.clone();
    let is_current = Memo::new(move |_| workspace.draft_id.with(|open| *open == id));
    let (errors, warnings) = count(&validate(&draft.report));
    let state = match (errors, warnings) {
        (0, 0) => "Complete".to_owned(),
        (0, w) => plural(w, "warning"),
        (e, _) => plural(e, "error"),
    };
    let renaming = RwSignal::new(false);
    let title = title_of(&draft.report);
    let draft = StoredValue::new(draft);
    // An item can be replaced while a click on it is handled (a save re-lists the drafts):
    // handlers read its values with `try_`, and a stale click does nothing.
    let open_it = move |_| {
        if let Some(draft) = draft.try_get_value() {
            workspace.open_draft(editor, draft);
            open.set(false);
        }
    };
    let rename = move |new_title: String| {
        // Enter, then the blur of the input it removes: rename once.
        if renaming.try_get_untracked() != Some(true) {
            return;
        }
        renaming.set(false);
        let Some(mut renamed) = draft.try_get_value() else {
            return;
        };
        if new_title.trim().is_empty() || new_title == renamed.report.title {
            return;
        }
        if workspace.draft_id.get_untracked() == renamed.id {
            editor.update(|r| r.title = new_title);
        } else {
            renamed.report.title = new_title;
            let base = renamed.revision;
            if let Err(error) = workspace.store().save(&renamed, Some(base)) {
                notices.error(format!("Could not rename: {error}."));
            }
            workspace.library_changed.notify();
        }
    };
    let duplicate = move |_| {
        let Some(mut copy) = draft.try_get_value() else { return };
        copy.report.title = format!("Copy of {}", title_of(&copy.report));
        copy.id = new_draft_id();
        match workspace.store().save(&copy, None) {
            Ok(_) => notices.info(format!("Made “{}”.", copy.report.title)),
            Err(error) => notices.error(format!("Could not copy: {error}.")),
        }
        workspace.library_changed.notify();
    };
    let delete = move |_| {
        let Some(deleted) = draft.try_get_value() else { return };
        let store = workspace.store();
        if let Err(error) = store.delete(&deleted.id) {
            notices.error(format!("Could not delete: {error}."));
            return;
        }
        let was_open = workspace.draft_id.get_untracked() == deleted.id;
        if was_open {
            workspace.open_as_new(editor, Report::default());
        }
        workspace.library_changed.notify();
        let title = title_of(&deleted.report);
        notices.with_undo(format!("Deleted “{title}”."), move || {
            // Back under its own id; its revisions count again from 1.
            let restored = workspace.store().save(&deleted, None);
            match restored {
                Ok(back) if was_open => workspace.open_draft(editor, back),
                Ok(_) => {}
                Err(error) => notices.error(format!("Could not undo: {error}.")),
            }
            workspace.library_changed.notify();
        });
    };
    let edited = draft.with_value(|d| date_and_clock(&d.saved_at));
    view! {
        <li class="library-item" class:current=is_current data-testid="library-item">
            <Show
                when=move || renaming.get()
                fallback={
                    let title = title.clone();
                    move || view! { <button type="button" class="library-title" on:click=open_it>{title.clone()}</button> }
                }
            >
                <input
                    class="library-rename"
                    aria-label="New title"
                    prop:value=title.clone()
                    autofocus=true
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            rename(event_target_value(&ev));
                        } else if ev.key() == "Escape" {
                            renaming.set(false);
                        }
                    }
                    on:blur=move |ev| rename(event_target_value(&ev))
                />
            </Show>
            <p class="library-meta">
                {format!("Edited {edited} · {state}")}
                {move || is_current.get().then_some(" · open now")}
            </p>
            <div class="library-actions">
                <button type="button" class="button ghost small" on:click=move |_| renaming.set(true)>"Rename"</button>
                <button type="button" class="button ghost small" on:click=duplicate>"Duplicate"</button>
                <button type="button" class="button ghost small" on:click=delete>"Delete"</button>
            </div>
        </li>
    }
}

/// Stored bytes under our key that could not be read: kept as they are, downloadable.
#[component]
fn UnreadableItem(key: String, raw: String, reason: String) -> impl IntoView {
    let file_name = format!("{}.txt", key.replace('/', "-"));
    view! {
        <li class="library-item unreadable" data-testid="unreadable-draft">
            <p class="library-title-static">"Unreadable draft"</p>
            <p class="library-meta">{format!("{reason}. It is kept unchanged.")}</p>
            <div class="library-actions">
                <button
                    type="button"
                    class="button ghost small"
                    on:click=move |_| drop(download_text(&file_name, "text/plain", &raw))
                >
                    "Download as stored"
                </button>
            </div>
        </li>
    }
}

/// How much this site stores and may store, and whether the browser keeps it when space runs
/// short (it may clear unpersisted data); a button asks it to.
#[component]
fn StorageUse() -> impl IntoView {
    let state = RwSignal::new(None::<(Option<f64>, Option<f64>, bool)>);
    let read = move || {
        spawn_local(async move {
            let manager = window().navigator().storage();
            let wait = |p: Result<js_sys::Promise, wasm_bindgen::JsValue>| async move {
                match p {
                    Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok(),
                    Err(_) => None,
                }
            };
            let persisted = wait(manager.persisted())
                .await
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            let estimate: Option<web_sys::StorageEstimate> = wait(manager.estimate()).await.map(|v| v.unchecked_into());
            let (usage, quota) = estimate.map_or((None, None), |e| (e.get_usage(), e.get_quota()));
            state.set(Some((usage, quota, persisted)));
        });
    };
    read();
    let ask = move |_| {
        spawn_local(async move {
            if let Ok(promise) = window().navigator().storage().persist() {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            }
            read();
        });
    };
    let size = |bytes: f64| {
        if bytes >= 1e9 {
            format!("{:.1} GB", bytes / 1e9)
        } else if bytes >= 1e6 {
            format!("{:.1} MB", bytes / 1e6)
        } else {
            format!("{:.0} KB", (bytes / 1e3).ceil())
        }
    };
    move || {
        state.get().map(|(usage, quota, persisted)| {
            let used = match (usage, quota) {
                (Some(u), Some(q)) => format!("This site stores {} of the {} the browser allows it.", size(u), size(q)),
                (Some(u), None) => format!("This site stores {}.", size(u)),
                _ => String::new(),
            };
            view! {
                <p class="library-note" data-testid="storage-use">
                    {used}
                    " "
                    {if persisted {
                        "The browser keeps these drafts even when space runs short."
                    } else {
                        "The browser may clear these drafts when space runs short; download a backup to be safe."
                    }}
                    {(!persisted).then(|| view! {
                        " "
                        <button type="button" class="link-button" on:click=ask>"Ask the browser to keep them"</button>
                    })}
                </p>
            }
        })
    }
}
