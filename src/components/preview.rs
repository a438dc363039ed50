use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;
use postmortem_core::preview::RemoteImages;

/// The rendered Markdown of the report, as readers will see it.
///
/// The export arrives in blocks (title, sections, runs of timeline entries); each is rendered
/// on its own and keyed by its text, so a keystroke replaces only the block it changed and the
/// browser re-lays out only that part.
///
/// This is the only place the app sets `inner_html`, and only with the output of the core's
/// sanitising renderer (`postmortem_core::preview`), so text typed into a report can never run
/// script.
#[component]
pub fn Preview(
    /// The Markdown to render, in consecutive blocks that each render on their own.
    #[prop(into)]
    blocks: Signal<Vec<String>>,
    /// Whether images on other sites are loaded or shown as their alt text.
    #[prop(into)]
    images: Signal<RemoteImages>,
) -> impl IntoView {
    let keyed = move || {
        let images = images.get();
        blocks.with(|blocks| {
            blocks
                .iter()
                .enumerate()
                .map(|(position, text)| (position, fingerprint(text), images, text.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <article class="preview markdown-body" data-testid="preview">
            <For
                each=keyed
                key=|(position, fingerprint, images, _)| (*position, *fingerprint, *images)
                children=|(_, _, images, text)| {
                    let html = postmortem_core::preview::to_html(&text, images);
                    view! { <div class="preview-block" inner_html=html></div> }
                }
            />
        </article>
    }
}

fn fingerprint(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// Until images from other sites are allowed: which sites they are on, why they wait, and the
/// button that loads them.
#[component]
pub fn ImageConsent(
    #[prop(into)] hosts: Signal<Vec<String>>,
    #[prop(into)] images: Signal<RemoteImages>,
    /// Loads them (and, for a draft, remembers it).
    allow: Callback<()>,
) -> impl IntoView {
    let waiting = move || images.get() == RemoteImages::Withhold && hosts.with(|h| !h.is_empty());
    view! {
        <Show when=waiting>
            <p class="image-consent" data-testid="image-consent">
                <span>
                    "Images not loaded: loading them tells the sites they are on that this report was opened, and when."
                </span>
                <button type="button" class="button secondary small" data-testid="load-images" on:click=move |_| allow.run(())>
                    {move || format!("Load images from {}", hosts.get().join(", "))}
                </button>
            </p>
        </Show>
    }
}
