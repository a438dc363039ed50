use leptos::prelude::*;
use postmortem_core::editing::file_stem;
use postmortem_core::markdown::ExportOptions;
use postmortem_core::to_json;
use wasm_bindgen::JsCast;

use crate::components::file_actions::{copy_for_docs, copy_markdown};
use crate::components::form_section::plural;
use crate::components::print_header::print_report;
use crate::components::share::copy_share_link;
use crate::download::download_text;
use crate::file_link::{use_file_link, FileLink};
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
    let menu = NodeRef::<leptos::html::Details>::new();
    // A choice in the menu closes it, as menus do; the diagram switch leaves it open.
    let close_menu = move |ev: leptos::ev::MouseEvent| {
        let chose = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.closest("button").ok().flatten().is_some());
        if let (true, Some(menu)) = (chose, menu.get_untracked()) {
            menu.set_open(false);
        }
    };
    // A click elsewhere or Escape closes it too.
    let outside = window_event_listener(leptos::ev::click, move |ev| {
        let Some(menu) = menu.get_untracked() else { return };
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|t| menu.contains(Some(&t)));
        if !inside {
            menu.set_open(false);
        }
    });
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if let (true, Some(menu)) = (ev.key() == "Escape", menu.get_untracked()) {
            menu.set_open(false);
        }
    });
    on_cleanup(move || {
        outside.remove();
        escape.remove();
    });
    view! {
        <div class="export-actions">
            <SaveToFileButton />
            <details class="menu" node_ref=menu data-testid="export-menu">
                <summary class="button primary" data-testid="export-menu-button">"Export"</summary>
                <div class="menu-items" role="group" aria-label="Export" on:click=close_menu>
                    <MenuItem
                        test_id="export-md"
                        label="Download Markdown"
                        hint="to commit to the repository"
                        on_choose=Callback::new(move |()| export(false))
                    />
                    <MenuItem
                        test_id="export-json"
                        label="Download JSON"
                        hint="to reopen here later"
                        on_choose=Callback::new(move |()| export(true))
                    />
                    <MenuItem
                        test_id="copy-markdown"
                        label="Copy Markdown"
                        on_choose=Callback::new(move |()| copy_markdown(editor, notices))
                    />
                    <MenuItem
                        test_id="copy-for-docs"
                        label="Copy for Docs"
                        hint="formatted, for a doc, a wiki or an email"
                        on_choose=Callback::new(move |()| copy_for_docs(editor, notices))
                    />
                    <MenuItem
                        test_id="print"
                        label="Print / PDF"
                        hint="the report alone, as a document"
                        on_choose=Callback::new(|()| print_report())
                    />
                    <MenuItem
                        test_id="share-link"
                        label="Copy share link"
                        hint="anyone with the link can read the report"
                        on_choose=Callback::new(move |()| copy_share_link(editor, notices))
                    />
                    <MermaidOption />
                </div>
            </details>
            <p class="export-message" role="status" data-testid="export-message">
                {move || message.get().map(|(ok, text)| view! { <span class:error=!ok>{text}</span> })}
            </p>
        </div>
    }
}

/// One choice of the Export menu: what it does, and for what, in a smaller line.
#[component]
fn MenuItem(
    test_id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    on_choose: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" class="menu-item" data-testid=test_id on:click=move |_| on_choose.run(())>
            {label}
            {hint.map(|hint| view! { <small>{hint}</small> })}
        </button>
    }
}

/// "Save to file…", then "Save to checkout.md" once the draft is linked to a file (Ctrl+S
/// does the same), with the choice to write the file at every autosave.
#[component]
fn SaveToFileButton() -> impl IntoView {
    let link = use_file_link();
    let name = link.name();
    let label = move || match name.get() {
        Some(name) => format!("Save to {name}"),
        None => "Save to file…".to_owned(),
    };
    let title = if FileLink::supported() {
        "Save the report to a file on this computer; Ctrl+S saves to it again"
    } else {
        "This browser cannot keep saving to one file, so this downloads the Markdown"
    };
    view! {
        <div class="save-to-file">
            <button type="button" class="button on-dark" data-testid="save-to-file" title=title on:click=move |_| link.save()>
                {label}
            </button>
            <Show when=move || name.get().is_some()>
                <label class="export-option" title="Write the file each time the draft is saved here">
                    <input
                        type="checkbox"
                        data-testid="file-autosave"
                        prop:checked=move || link.autosave.get()
                        on:change=move |ev| link.autosave.set(event_target_checked(&ev))
                    />
                    "Autosave"
                </label>
                <button
                    type="button"
                    class="button on-dark small"
                    data-testid="unlink-file"
                    title="Stop saving to this file (the file stays as it is)"
                    on:click=move |_| link.unlink()
                >
                    "Unlink"
                </button>
            </Show>
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
            "Timeline diagram in the Markdown"
        </label>
    }
}
