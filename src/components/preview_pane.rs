use leptos::prelude::*;

use postmortem_core::preview::RemoteImages;

use crate::components::preview::{ImageConsent, Preview};
use crate::components::print_header::PrintHeader;
use crate::state::use_editor;
use crate::workspace::Workspace;

/// The live preview of the export, rendered or as the raw Markdown that will be written.
#[component]
pub fn PreviewPane() -> impl IntoView {
    let editor = use_editor();
    let workspace = expect_context::<Workspace>();
    // Each draft loads its remote images only once the user allowed it for that draft.
    Effect::new(move |_| {
        let allowed = workspace.images_allowed(&workspace.draft_id.get());
        editor.remote_images.set(if allowed {
            RemoteImages::Load
        } else {
            RemoteImages::Withhold
        });
    });
    let show_raw = RwSignal::new(false);
    view! {
        <div class="preview-toolbar" role="group" aria-label="Preview mode">
            <span class="preview-caption">"Preview of the export"</span>
            <div class="segmented">
                <button
                    type="button"
                    aria-pressed=move || (!show_raw.get()).to_string()
                    on:click=move |_| show_raw.set(false)
                >
                    "Rendered"
                </button>
                <button
                    type="button"
                    data-testid="show-markdown"
                    aria-pressed=move || show_raw.get().to_string()
                    on:click=move |_| show_raw.set(true)
                >
                    "Markdown"
                </button>
            </div>
        </div>
        <PrintHeader />
        <ImageConsent
            hosts=editor.image_hosts
            images=editor.remote_images
            allow=Callback::new(move |()| {
                editor.remote_images.set(RemoteImages::Load);
                workspace.allow_images();
            })
        />
        <Show
            when=move || show_raw.get()
            fallback=move || view! { <Preview blocks=editor.blocks images=editor.remote_images /> }
        >
            <pre class="raw-markdown" data-testid="raw-markdown">{move || editor.markdown.get()}</pre>
        </Show>
    }
}
