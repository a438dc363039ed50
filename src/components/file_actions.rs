use leptos::prelude::*;
use leptos::task::spawn_local;
use postmortem_core::drafts::{open_file, Draft, Opened, MAX_IMPORT_BYTES};
use wasm_bindgen::{JsCast, JsValue};

use crate::file_link::{open_with_picker, use_file_link, FileLink};

use crate::components::import_markdown::{open_imported, use_last_import, LastImport};
use crate::notice::{use_notices, Notices};
use crate::state::{use_editor, Editor};
use crate::workspace::{new_draft_id, Workspace};

/// Opens a chosen or dropped file: a report exported as JSON or written in Markdown opens as a
/// new draft; a backup adds its drafts. Whatever goes wrong, the open draft is left as it was
/// and a notice says why. A file chosen through the File System Access API comes with its
/// handle: the new draft is linked to it, so Ctrl+S writes it back.
pub fn open_chosen_file(
    file: web_sys::File,
    editor: Editor,
    workspace: Workspace,
    notices: Notices,
    last: LastImport,
    handle: Option<(FileLink, JsValue)>,
) {
    let name = file.name();
    if file.size() > MAX_IMPORT_BYTES as f64 {
        let size_mb = file.size() / (1024.0 * 1024.0);
        notices.error(format!(
            "Could not open {name}: the file is {size_mb:.1} MB; the largest file Postmortem Studio opens is 5 MB. Your current draft is unchanged."
        ));
        return;
    }
    spawn_local(async move {
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                notices.error(format!("Could not read {name}. Your current draft is unchanged."));
                return;
            }
        };
        match open_file(&name, &bytes) {
            Ok(Opened::Report(report)) => {
                workspace.open_as_new(editor, *report);
                match handle {
                    Some((link, handle)) => {
                        link.link_opened(handle);
                        notices.info(format!("Opened {name} as a new draft; Ctrl+S saves it back to {name}."));
                    }
                    None => notices.info(format!("Opened {name} as a new draft.")),
                }
            }
            Ok(Opened::Backup(drafts)) => restore_backup(&name, drafts, workspace, notices),
            Ok(Opened::Markdown(markdown)) => match crate::importer::import_markdown(&markdown).await {
                Ok(imported) => {
                    open_imported(&name, imported, editor, workspace, notices, last);
                    if let Some((link, handle)) = handle {
                        link.link_opened(handle);
                    }
                }
                Err(reason) => notices.error(format!(
                    "Could not open {name}: {reason} Your current draft is unchanged."
                )),
            },
            Err(error) => {
                // Some reasons end in a question ("is it a PDF or an image?"): no full stop after it.
                let reason = error.to_string();
                let stop = if reason.ends_with('?') { "" } else { "." };
                notices.error(format!(
                    "Could not open {name}: {reason}{stop} Your current draft is unchanged."
                ))
            }
        }
    });
}

/// Adds every readable draft of a backup as a new draft, so nothing stored is overwritten.
fn restore_backup(
    name: &str,
    drafts: Vec<Result<Draft, postmortem_core::drafts::DraftError>>,
    workspace: Workspace,
    notices: Notices,
) {
    let store = workspace.store();
    let mut restored = 0;
    let mut problems = Vec::new();
    for (n, draft) in drafts.into_iter().enumerate() {
        match draft {
            Ok(draft) => match store.save(
                &Draft {
                    id: new_draft_id(),
                    ..draft
                },
                None,
            ) {
                Ok(_) => restored += 1,
                Err(error) => problems.push(format!("draft {}: {error}", n + 1)),
            },
            Err(error) => problems.push(format!("draft {}: {error}", n + 1)),
        }
    }
    workspace.library_changed.notify();
    if problems.is_empty() {
        notices.info(format!("Restored {restored} draft(s) from {name}."));
    } else {
        notices.error(format!(
            "Restored {restored} draft(s) from {name}; not restored: {}.",
            problems.join("; ")
        ));
    }
}

/// "Open file…": a report exported as JSON, a Markdown postmortem, or a backup of drafts.
#[component]
pub fn OpenFileButton(
    /// The button's text.
    #[prop(optional)]
    label: Option<&'static str>,
    /// On the dark app bar.
    #[prop(optional)]
    dark: bool,
) -> impl IntoView {
    let editor = use_editor();
    let workspace = expect_context::<Workspace>();
    let notices = use_notices();
    let last = use_last_import();
    let link = use_file_link();
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <input
            type="file"
            accept=".json,.md,.markdown,.txt,.rst,.adoc,.asciidoc,.org,.html,.htm,application/json,text/markdown,text/plain,text/x-rst,text/asciidoc,text/html"
            class="visually-hidden"
            aria-label="Open a file"
            tabindex="-1"
            data-testid="open-file-input"
            node_ref=input
            on:change=move |ev| {
                let target: web_sys::HtmlInputElement = event_target(&ev);
                if let Some(file) = target.files().and_then(|files| files.get(0)) {
                    open_chosen_file(file, editor, workspace, notices, last, None);
                }
                target.set_value("");
            }
        />
        <button
            type="button"
            class=if dark { "button on-dark" } else { "button secondary" }
            title="Open a Markdown postmortem, a report exported as JSON, or a backup of drafts"
            on:click=move |_| {
                let open = move |file, handle| open_chosen_file(file, editor, workspace, notices, last, Some((link, handle)));
                if !open_with_picker(open, notices) {
                    if let Some(input) = input.get() {
                        input.click();
                    }
                }
            }
        >
            {label.unwrap_or("Open file…")}
        </button>
    }
}

/// Dropping a file anywhere on the page opens it.
pub fn handle_file_drop(
    editor: Editor,
    workspace: Workspace,
    notices: Notices,
    last: LastImport,
    dragging: RwSignal<bool>,
) {
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if carries_files(&ev) {
            ev.prevent_default();
            dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        dragging.set(false);
        let Some(file) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        ev.prevent_default();
        open_chosen_file(file, editor, workspace, notices, last, None);
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
        .unwrap_or(false)
}

/// Copies the exported Markdown to the clipboard.
/// Puts the rendered report on the clipboard as HTML, with its Markdown as the plain text
/// beside it, so that pasting into a doc, a wiki or an email keeps headings, lists, tables and
/// bold. The HTML is the preview's, sanitised: no script, no handlers, no styles.
pub fn copy_for_docs(editor: Editor, notices: Notices) {
    let markdown = editor.markdown.get_untracked();
    let html = format!(
        "<meta charset=\"utf-8\">{}",
        postmortem_core::preview::to_html(&markdown, editor.remote_images.get_untracked())
    );
    spawn_local(async move {
        let written = async {
            let blob = |text: &str, kind: &str| {
                let options = web_sys::BlobPropertyBag::new();
                options.set_type(kind);
                let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
                web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            };
            let record = js_sys::Object::new();
            let (rich, plain) = (blob(&html, "text/html")?, blob(&markdown, "text/plain")?);
            js_sys::Reflect::set(&record, &"text/html".into(), &rich)?;
            js_sys::Reflect::set(&record, &"text/plain".into(), &plain)?;
            let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record)?;
            let items = js_sys::Array::of1(&item);
            wasm_bindgen_futures::JsFuture::from(window().navigator().clipboard().write(&items)).await
        };
        match written.await {
            Ok(_) => notices.info("Copied the report for docs: paste it into a doc, a wiki or an email."),
            Err(error) => {
                let reason = error
                    .dyn_ref::<web_sys::DomException>()
                    .map(|e| e.message())
                    .unwrap_or_else(|| "this browser cannot copy formatted text".to_owned());
                notices.error(format!(
                    "Could not copy the formatted report ({reason}). Copy the Markdown instead, or export it."
                ));
            }
        }
    });
}

pub fn copy_markdown(editor: Editor, notices: Notices) {
    let markdown = editor.markdown.get_untracked();
    spawn_local(async move {
        let clipboard = window().navigator().clipboard();
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&markdown)).await {
            Ok(_) => notices.info("Copied the Markdown to the clipboard."),
            Err(error) => {
                let reason = error
                    .dyn_ref::<web_sys::DomException>()
                    .map(|e| e.message())
                    .unwrap_or_else(|| "the browser refused".to_owned());
                notices.error(format!(
                    "Could not copy to the clipboard ({reason}). Use Export Markdown instead."
                ));
            }
        }
    });
}
