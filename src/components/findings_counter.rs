use leptos::prelude::*;

use crate::components::form_section::plural;
use crate::state::use_editor;

/// How many errors and warnings the report has; pressing it shows them all inline.
#[component]
pub fn FindingsCounter() -> impl IntoView {
    let editor = use_editor();
    let counts = editor.counts;
    let text = move || match counts.get() {
        (0, 0) => "No findings".to_owned(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{} · {}", plural(e, "error"), plural(w, "warning")),
    };
    let has_errors = move || counts.get().0 > 0;
    let only_warnings = move || counts.get().0 == 0 && counts.get().1 > 0;
    view! {
        <button
            type="button"
            class="findings-counter"
            class:has-errors=has_errors
            class:has-warnings=only_warnings
            data-testid="findings-counter"
            aria-pressed=move || editor.show_all_findings.get().to_string()
            title="Show every finding beside its field"
            on:click=move |_| editor.show_all_findings.update(|on| *on = !*on)
        >
            {text}
        </button>
    }
}
