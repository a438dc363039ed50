use leptos::prelude::*;

use crate::components::preview::Preview;
use crate::components::print_header::PrintHeader;
use crate::state::use_editor;

/// The live preview of the export, rendered or as the raw Markdown that will be written.
#[component]
pub fn PreviewPane() -> impl IntoView {
    let editor = use_editor();
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
        <Show
            when=move || show_raw.get()
            fallback=move || view! { <Preview blocks=editor.blocks /> }
        >
            <pre class="raw-markdown" data-testid="raw-markdown">{move || editor.markdown.get()}</pre>
        </Show>
    }
}
