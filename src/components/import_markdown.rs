//! Opening an existing Markdown postmortem: by file (picker or drop, see `file_actions`) or by
//! pasting it. The report opens as a new draft, and what the importer guessed is listed above
//! the form until the author dismisses it.

use leptos::prelude::*;
use postmortem_core::drafts::MAX_IMPORT_BYTES;
use postmortem_core::Imported;

use crate::notice::{use_notices, Notices};
use crate::state::{use_editor, Editor};
use crate::workspace::Workspace;

/// What the last import guessed, for the draft it created.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportNotes {
    pub draft_id: String,
    pub source: String,
    pub notes: Vec<String>,
}

/// The notes of the last import, shared by the places that import and the panel that shows them.
#[derive(Clone, Copy)]
pub struct LastImport(pub RwSignal<Option<ImportNotes>>);

pub fn use_last_import() -> LastImport {
    expect_context::<LastImport>()
}

/// Opens an imported report as a new draft, so that nothing already saved is touched.
pub fn open_imported(
    source: &str,
    imported: Imported,
    editor: Editor,
    workspace: Workspace,
    notices: Notices,
    last: LastImport,
) {
    // What was worked out again is worth saying, beside the guesses.
    let Imported {
        report,
        mut notes,
        regenerated,
    } = imported;
    notes.extend(regenerated);
    workspace.open_as_new(editor, report);
    let count = notes.len();
    last.0.set(Some(ImportNotes {
        draft_id: workspace.draft_id.get_untracked(),
        source: source.to_owned(),
        notes,
    }));
    if count == 0 {
        notices.info(format!("Imported {source} as a new draft."));
    } else {
        notices.info(format!(
            "Imported {source} as a new draft. {count} note{} above the form say{} what to check.",
            if count == 1 { "" } else { "s" },
            if count == 1 { "s" } else { "" }
        ));
    }
}

/// The list of what the importer guessed, shown while its draft is open.
#[component]
pub fn ImportNotesPanel() -> impl IntoView {
    let workspace = expect_context::<Workspace>();
    let last = use_last_import().0;
    let shown = move || last.get().filter(|n| n.draft_id == workspace.draft_id.get());
    view! {
        {move || {
            shown()
                .map(|imported| {
                    let count = imported.notes.len();
                    view! {
                        <aside class="import-notes" aria-label="Import notes" data-testid="import-notes">
                            <header>
                                <h2>"Imported from " {imported.source.clone()}</h2>
                                <button type="button" class="icon-button" aria-label="Dismiss import notes" on:click=move |_| last.set(None)>
                                    "✕"
                                </button>
                            </header>
                            {if count == 0 {
                                view! { <p>"Every part found its field. Check the form and the preview before you share it."</p> }.into_any()
                            } else {
                                view! {
                                    <p>"Check these guesses; text that fit no field is in the section “Unplaced” at the end."</p>
                                    <ul>{imported.notes.into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
                                }
                                    .into_any()
                            }}
                        </aside>
                    }
                })
        }}
    }
}

/// "Paste…" in the app bar: opens the paste dialog.
#[component]
pub fn PasteMarkdownButton(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button type="button" class="button on-dark" data-testid="paste-markdown" on:click=move |_| open.set(true)>
            "Paste…"
        </button>
    }
}

/// A dialog with a text box; the pasted postmortem opens as a new draft.
#[component]
pub fn PasteMarkdownDialog(open: RwSignal<bool>) -> impl IntoView {
    let editor = use_editor();
    let workspace = expect_context::<Workspace>();
    let notices = use_notices();
    let last = use_last_import();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // While the reader (loaded on first use, see `importer`) works on the text.
    let reading = RwSignal::new(false);
    let textarea = NodeRef::<leptos::html::Textarea>::new();
    let close = move || {
        open.set(false);
        problem.set(None);
    };
    let import = move || {
        let markdown = text.get_untracked();
        if markdown.trim().is_empty() {
            problem.set(Some("Paste a postmortem written in Markdown first.".to_owned()));
            return;
        }
        if markdown.len() > MAX_IMPORT_BYTES {
            problem.set(Some(
                "That is more than 5 MB of text; the largest postmortem Postmortem Studio opens is 5 MB.".to_owned(),
            ));
            return;
        }
        if reading.get_untracked() {
            return;
        }
        reading.set(true);
        leptos::task::spawn_local(async move {
            let imported = crate::importer::import_markdown(&markdown).await;
            reading.set(false);
            // Cancelled while it was read: nothing opens.
            if !open.get_untracked() {
                return;
            }
            match imported {
                Ok(imported) => {
                    open_imported("pasted Markdown", imported, editor, workspace, notices, last);
                    text.set(String::new());
                    close();
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    Effect::new(move || {
        if open.get() {
            if let Some(area) = textarea.get() {
                let _ = area.focus();
            }
        }
    });
    view! {
        <Show when=move || open.get()>
            <div class="library-backdrop" on:click=move |_| close()></div>
            <div
                class="paste-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="paste-title"
                data-testid="paste-dialog"
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                }
            >
                <h2 id="paste-title">"Paste a Markdown postmortem"</h2>
                <p class="library-note">
                    "Sections, summary lines, timeline times and action items are recognised however they are written. "
                    "It opens as a new draft; your current draft is not changed."
                </p>
                <label class="visually-hidden" for="paste-text">"Markdown"</label>
                <textarea
                    id="paste-text"
                    class="paste-text"
                    data-testid="paste-text"
                    node_ref=textarea
                    spellcheck="false"
                    placeholder="# Checkout outage\n\n## Timeline\n- 14:05 UTC — Alert fired…"
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        problem.set(None);
                    }
                ></textarea>
                <Show when=move || problem.get().is_some()>
                    <p class="paste-error" role="alert">{move || problem.get().unwrap_or_default()}</p>
                </Show>
                <div class="paste-actions">
                    <button type="button" class="button secondary" on:click=move |_| close()>"Cancel"</button>
                    <button
                        type="button"
                        class="button"
                        data-testid="paste-import"
                        disabled=move || reading.get()
                        on:click=move |_| import()
                    >
                        {move || if reading.get() { "Reading…" } else { "Import as new draft" }}
                    </button>
                </div>
            </div>
        </Show>
    }
}
