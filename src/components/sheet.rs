use leptos::prelude::*;

/// A panel over the page, opened by `open`: a backdrop that closes it, its heading, a close
/// button, a line saying what it is for, and its contents.
#[component]
pub fn Sheet(
    open: RwSignal<bool>,
    /// The heading, and the panel's name for screen readers.
    title: &'static str,
    /// What the close button does, for screen readers ("Close drafts").
    close_label: &'static str,
    /// The line under the heading.
    note: &'static str,
    /// Classes beside `library`, the sheet's own.
    #[prop(optional)]
    class: &'static str,
    test_id: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let class = if class.is_empty() {
        "library".to_owned()
    } else {
        format!("library {class}")
    };
    view! {
        <Show when=move || open.get()>
            <div class="library-backdrop" on:click=move |_| open.set(false)></div>
            <aside class=class.clone() aria-label=title data-testid=test_id>
                <header class="library-header">
                    <h2>{title}</h2>
                    <button type="button" class="icon-button" aria-label=close_label on:click=move |_| open.set(false)>
                        "✕"
                    </button>
                </header>
                <p class="library-note">{note}</p>
                {children()}
            </aside>
        </Show>
    }
}
