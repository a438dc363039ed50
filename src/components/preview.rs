use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;

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
) -> impl IntoView {
    let keyed = move || {
        blocks.with(|blocks| {
            blocks
                .iter()
                .enumerate()
                .map(|(position, text)| (position, fingerprint(text), text.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <article class="preview markdown-body" data-testid="preview">
            <For
                each=keyed
                key=|(position, fingerprint, _)| (*position, *fingerprint)
                children=|(_, _, text)| {
                    let html = postmortem_core::preview::to_html(&text);
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
