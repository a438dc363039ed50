use leptos::prelude::*;
use leptos::task::spawn_local;
use postmortem_core::markdown::{markdown_blocks, ExportOptions};
use postmortem_core::{from_json, to_json, Report};

use postmortem_core::preview::{remote_image_hosts, RemoteImages};

use crate::components::preview::{ImageConsent, Preview};
use crate::notice::Notices;
use crate::share::{json_from, link_for, MARK, MAX_LINK};
use crate::state::{use_editor, Editor};
use crate::workspace::Workspace;

/// "Copy share link": the whole report in the link's fragment, or, when the link would be too
/// long for chat tools and browsers to keep, the advice to send the JSON file.
pub fn copy_share_link(editor: Editor, notices: Notices) {
    let json = editor.report.with_untracked(to_json);
    spawn_local(async move {
        let link = match link_for(&json).await {
            Ok(link) => link,
            Err(why) => return notices.error(format!("The share link could not be made ({why}).")),
        };
        if link.len() > MAX_LINK {
            return notices.error(format!(
                "This report needs a {:.1} KB link; links over 8 KB are cut by some chat tools and browsers. Send the JSON file instead (Export JSON).",
                link.len() as f64 / 1024.0
            ));
        }
        let clipboard = window().navigator().clipboard();
        match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&link)).await {
            Ok(_) => notices.info(format!(
                "Copied a share link ({:.1} KB). Anyone with the link can read the report; it never passes through a server.",
                link.len() as f64 / 1024.0
            )),
            Err(_) => notices.error("Could not copy the link to the clipboard. Export JSON instead."),
        }
    });
}

/// What a share link holds, once read.
#[derive(Clone, PartialEq)]
enum Shared {
    Reading,
    Report(Box<Report>),
    Broken(String),
}

/// A report opened from a share link: shown read-only, over the drafts, until the reader opens
/// it as a new draft (never over one) or closes it. A damaged link says so and opens nothing.
#[component]
pub fn SharedReport() -> impl IntoView {
    let editor = use_editor();
    let workspace = expect_context::<Workspace>();
    let shared = RwSignal::new(None::<Shared>);
    // On opening, and when a link is pasted into this tab's address bar.
    let read_link = move || {
        let hash = window().location().hash().unwrap_or_default();
        let Some(code) = hash.strip_prefix(MARK).map(str::to_owned) else {
            return;
        };
        shared.set(Some(Shared::Reading));
        spawn_local(async move {
            let read = match json_from(&code).await {
                Ok(json) => match from_json(&json) {
                    Ok(report) => Shared::Report(Box::new(report)),
                    Err(error) => Shared::Broken(format!("The report in it could not be read: {error}.")),
                },
                Err(why) => Shared::Broken(format!(
                    "The link is damaged or cut short ({why}). Ask for it again, or for the JSON file."
                )),
            };
            shared.set(Some(read));
        });
    };
    read_link();
    let listener = window_event_listener(leptos::ev::hashchange, move |_| read_link());
    on_cleanup(move || listener.remove());
    let close = move || {
        // Leave the link's report out of the address, so a reload shows the drafts.
        if let Ok(history) = window().history() {
            let location = window().location();
            let plain = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&plain));
        }
        shared.set(None);
    };
    move || {
        shared.get().map(|state| {
            let body = match state {
                Shared::Reading => view! { <p>"Reading the report in the link…"</p> }.into_any(),
                Shared::Broken(why) => view! {
                    <p class="finding finding-error" role="alert" data-testid="share-problem">
                        {why} " Nothing was opened; your drafts are unchanged."
                    </p>
                }
                .into_any(),
                Shared::Report(report) => {
                    let markdown = markdown_blocks(&report, ExportOptions::default());
                    let hosts = remote_image_hosts(markdown.iter().map(String::as_str));
                    let blocks = Signal::stored(markdown);
                    // A link's images wait for the reader too; allowing them here is not kept.
                    let images = RwSignal::new(RemoteImages::Withhold);
                    let open = move |_| {
                        workspace.open_as_new(editor, (*report).clone());
                        close();
                    };
                    view! {
                        <div class="shared-actions">
                            <button type="button" class="button primary" data-testid="open-shared" on:click=open>
                                "Open as a new draft"
                            </button>
                        </div>
                        <ImageConsent
                            hosts=Signal::stored(hosts)
                            images=images
                            allow=Callback::new(move |()| images.set(RemoteImages::Load))
                        />
                        <Preview blocks=blocks images=images />
                    }
                    .into_any()
                }
            };
            view! {
                <div class="library-backdrop"></div>
                <section class="shared-report" aria-label="Shared report" data-testid="shared-report">
                    <header class="library-header">
                        <h2>"A shared report, read-only"</h2>
                        <button type="button" class="icon-button" aria-label="Close the shared report" on:click=move |_| close()>
                            "✕"
                        </button>
                    </header>
                    <p class="library-note">
                        "It came in the link and is shown here only; opening it makes a new draft, and no draft is changed."
                    </p>
                    {body}
                </section>
            }
        })
    }
}
