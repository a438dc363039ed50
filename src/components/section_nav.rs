use leptos::prelude::*;
use postmortem_core::editing::{section_state, Section, SectionState};

use crate::state::use_editor;

/// Every section with its state (complete, warnings, errors); a click jumps to it.
#[component]
pub fn SectionNav() -> impl IntoView {
    view! {
        <nav class="section-nav" aria-label="Sections">
            <ol>
                {Section::ALL
                    .into_iter()
                    .map(|section| {
                        view! {
                            <li>
                                <a
                                    href=format!("#{}", section.anchor())
                                    data-testid=format!("nav-{}", section.anchor())
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        jump_to(section);
                                    }
                                >
                                    <span class="nav-label">{section.label()}</span>
                                    <SectionBadge section=section />
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

fn jump_to(section: Section) {
    if let Some(element) = document().get_element_by_id(section.anchor()) {
        element.scroll_into_view();
        if let Some(heading) = document().get_element_by_id(&format!("{}-heading", section.anchor())) {
            let _ = heading.set_attribute("tabindex", "-1");
            if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                let _ = heading.focus();
            }
        }
    }
}

/// A small badge: ✓ complete, or the number of errors or warnings.
#[component]
pub fn SectionBadge(
    /// The section whose state is shown.
    section: Section,
) -> impl IntoView {
    let editor = use_editor();
    let state = Memo::new(move |_| editor.findings.with(|f| section_state(f, section)));
    move || {
        let (class, text, label) = match state.get() {
            SectionState::Complete => ("badge badge-ok", "✓".to_owned(), "complete".to_owned()),
            SectionState::HasWarnings(n) => ("badge badge-warning", n.to_string(), plural(n, "warning")),
            SectionState::HasErrors(n) => ("badge badge-error", n.to_string(), plural(n, "error")),
        };
        view! {
            <span class=class title=label.clone() aria-label=label>
                {text}
            </span>
        }
    }
}

/// "1 error", "3 warnings".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
