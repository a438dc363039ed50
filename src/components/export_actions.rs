use leptos::prelude::*;
use postmortem_core::editing::file_stem;
use postmortem_core::markdown::ExportOptions;
use postmortem_core::to_json;

use crate::components::file_actions::{copy_for_docs, copy_markdown};
use crate::components::form_section::plural;
use crate::components::print_header::PrintButton;
use crate::components::share::ShareButton;
use crate::download::download_text;
use crate::notice::use_notices;
use crate::state::use_editor;
use crate::workspace::Workspace;

/// Download the report as Markdown or JSON. Findings never block an export (a draft may need
/// sharing), but the message says how many remain.
#[component]
pub fn ExportActions() -> impl IntoView {
    let editor = use_editor();
    let notices = use_notices();
    let message = RwSignal::new(None::<(bool, String)>);
    let export = move |as_json: bool| {
        let (name, mime, text) = editor.report.with_untracked(|r| {
            if as_json {
                (format!("{}.json", file_stem(r)), "application/json", to_json(r))
            } else {
                (
                    format!("{}.md", file_stem(r)),
                    "text/markdown",
                    editor.markdown.get_untracked(),
                )
            }
        });
        let (errors, warnings) = editor.counts.get_untracked();
        let remaining = match (errors, warnings) {
            (0, 0) => "No findings remain.".to_owned(),
            (e, w) => format!("{} and {} remain.", plural(e, "error"), plural(w, "warning")),
        };
        message.set(Some(match download_text(&name, mime, &text) {
            Ok(()) => (true, format!("Downloaded {name}. {remaining}")),
            Err(error) => (
                false,
                format!("The download failed ({error:?}). Your report is still here."),
            ),
        }));
    };
    view! {
        <div class="export-actions">
            <button type="button" class="button primary" data-testid="export-md" on:click=move |_| export(false)>
                "Export Markdown"
            </button>
            <button type="button" class="button on-dark" data-testid="export-json" on:click=move |_| export(true)>
                "Export JSON"
            </button>
            <button
                type="button"
                class="button on-dark"
                data-testid="copy-markdown"
                title="Copy the Markdown to the clipboard"
                on:click=move |_| copy_markdown(editor, notices)
            >
                "Copy"
            </button>
            <button
                type="button"
                class="button on-dark"
                data-testid="copy-for-docs"
                title="Copy the report as formatted text, for a doc, a wiki or an email"
                on:click=move |_| copy_for_docs(editor, notices)
            >
                "Copy for Docs"
            </button>
            <PrintButton />
            <ShareButton />
            <MermaidOption />
            <p class="export-message" role="status" data-testid="export-message">
                {move || message.get().map(|(ok, text)| view! { <span class:error=!ok>{text}</span> })}
            </p>
        </div>
    }
}

/// Whether the Markdown (exported, copied and previewed) draws the timeline in Mermaid, which
/// GitHub and GitLab render. Remembered for the next visit.
#[component]
fn MermaidOption() -> impl IntoView {
    let editor = use_editor();
    let workspace = use_context::<Workspace>().expect("the workspace");
    view! {
        <label class="export-option" title="GitHub and GitLab draw it from a mermaid code block">
            <input
                type="checkbox"
                data-testid="export-mermaid"
                prop:checked=move || editor.export_options.get().mermaid
                on:change=move |ev| {
                    let options = ExportOptions { mermaid: event_target_checked(&ev) };
                    editor.export_options.set(options);
                    workspace.remember_export_options(options);
                }
            />
            "Timeline diagram"
        </label>
    }
}
