use leptos::prelude::*;

/// The rendered Markdown of the report, as readers will see it.
///
/// This is the only place the app sets `inner_html`, and only with the output of the core's
/// sanitising renderer (`postmortem_core::preview`), so text typed into a report can never run
/// script.
#[component]
pub fn Preview(
    /// The Markdown to render.
    #[prop(into)]
    markdown: Signal<String>,
) -> impl IntoView {
    let html = Memo::new(move |_| markdown.with(|md| postmortem_core::preview::to_html(md)));
    view! { <article class="preview markdown-body" data-testid="preview" inner_html=html></article> }
}
