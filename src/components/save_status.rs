use leptos::prelude::*;
use postmortem_core::editing::file_stem;
use postmortem_core::to_json;

use crate::download::download_text;
use crate::state::use_editor;
use crate::storage::StorageError;
use crate::workspace::{SaveStatus, Workspace};

/// A quiet line in the app bar: "Saved · 12:04", or that something is wrong.
#[component]
pub fn SaveStatusLine() -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let text = move || match workspace.status.get() {
        SaveStatus::NothingToSave => "Nothing to save yet".to_owned(),
        SaveStatus::Pending => "Saving…".to_owned(),
        SaveStatus::Saved { at } => format!("Saved · {at}"),
        SaveStatus::NotSaved(_) => "Not saved".to_owned(),
        SaveStatus::MemoryOnly(_) => "Not saved: storage unavailable".to_owned(),
    };
    let problem = move || {
        matches!(
            workspace.status.get(),
            SaveStatus::NotSaved(_) | SaveStatus::MemoryOnly(_)
        )
    };
    view! {
        <span class="save-status" class:problem=problem data-testid="save-status" role="status">
            {text}
        </span>
    }
}

/// Says plainly when work is not saved, why, and what to do; offers a download so nothing is
/// lost, and the three choices when another tab saved the same draft.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let editor = use_editor();
    let download = move |_| {
        let (name, text) = editor
            .report
            .with_untracked(|r| (format!("{}.json", file_stem(r)), to_json(r)));
        // A failed download leaves the banner up; the draft is still in this tab.
        let _ = download_text(&name, "application/json", &text);
    };
    let retry = move |_| workspace.save_now(editor);
    move || match workspace.status.get() {
        SaveStatus::NotSaved(StorageError::Conflict(theirs)) => {
            let load = theirs.clone();
            Some(
                view! {
                    <div class="banner banner-warning" role="alert" data-testid="conflict-banner">
                        <p>
                            <strong>"This draft was changed in another tab."</strong>
                            " Nothing has been overwritten. Choose which version to keep."
                        </p>
                        <div class="banner-actions">
                            <button type="button" class="button secondary" on:click=move |_| workspace.keep_mine(editor, &theirs)>
                                "Keep mine"
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| workspace.load_theirs(editor, (*load).clone())>
                                "Load theirs"
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| workspace.keep_both(editor)>
                                "Keep both"
                            </button>
                        </div>
                    </div>
                }
                .into_any(),
            )
        }
        SaveStatus::NotSaved(error) => {
            let message = match error {
                StorageError::QuotaExceeded => "Not saved: browser storage is full. Your draft is safe in this tab, and the copy saved earlier is unchanged. Download a copy, or delete old drafts to make room.".to_owned(),
                other => format!("Not saved: {other}. Your draft is safe in this tab; download a copy to be sure."),
            };
            Some(
                view! {
                    <div class="banner banner-error" role="alert" data-testid="storage-banner">
                        <p>{message}</p>
                        <div class="banner-actions">
                            <button type="button" class="button secondary" on:click=download>"Download a copy"</button>
                            <button type="button" class="button secondary" on:click=retry>"Try again"</button>
                        </div>
                    </div>
                }
                .into_any(),
            )
        }
        SaveStatus::MemoryOnly(reason) => Some(
            view! {
                <div class="banner banner-warning" role="alert" data-testid="storage-banner">
                    <p>
                        "Browser storage is not available (" {reason}
                        "), so this tab keeps your work in memory only. Download a copy before you close it."
                    </p>
                    <div class="banner-actions">
                        <button type="button" class="button secondary" on:click=download>"Download a copy"</button>
                    </div>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}

/// Offers the newer version once it is installed; the draft is saved before the reload.
#[component]
pub fn UpdateBanner(
    /// The service worker's news.
    updates: crate::offline::Updates,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let editor = use_editor();
    view! {
        <Show when=move || updates.available.get()>
            <div class="banner banner-info" role="status" data-testid="update-banner">
                <p>"A new version of Postmortem Studio is available."</p>
                <div class="banner-actions">
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            workspace.save_now(editor);
                            updates.reload_into_new_version();
                        }
                    >
                        "Reload"
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// A quiet reminder, after a week of drafts kept only in this browser with no backup: clearing
/// the site's data would delete them.
#[component]
pub fn BackupReminder(
    /// Whether the reminder is due, as the page opened.
    due: bool,
) -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let notices = crate::notice::use_notices();
    let shown = RwSignal::new(due);
    view! {
        <Show when=move || shown.get()>
            <div class="banner banner-info" role="status" data-testid="backup-reminder">
                <p>
                    "Your drafts live only in this browser, and have not been backed up for a week or more. Clearing the site's data would delete them."
                </p>
                <div class="banner-actions">
                    <button
                        type="button"
                        class="button secondary"
                        on:click=move |_| {
                            crate::components::draft_library::download_backup(workspace, notices);
                            shown.set(false);
                        }
                    >
                        "Download a backup"
                    </button>
                    <button
                        type="button"
                        class="button ghost"
                        on:click=move |_| {
                            // Asked again in a week.
                            workspace.remember_backup();
                            shown.set(false);
                        }
                    >
                        "Not now"
                    </button>
                </div>
            </div>
        </Show>
    }
}
