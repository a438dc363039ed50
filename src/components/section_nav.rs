use leptos::prelude::*;

use crate::components::form_section::{use_form_cards, SectionBadge};

/// Every card of the form with its state (complete, warnings, errors); a click jumps to it.
#[component]
pub fn SectionNav() -> impl IntoView {
    let form = use_form_cards();
    view! {
        <nav class="section-nav" aria-label="Sections">
            <ol>
                <For
                    each=move || form.cards.get()
                    key=|card| card.anchor.clone()
                    children=move |card| {
                        let anchor = card.anchor.clone();
                        view! {
                            <li>
                                <a
                                    href=format!("#{}", card.anchor)
                                    data-testid=format!("nav-{}", card.anchor)
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        jump_to(&anchor);
                                    }
                                >
                                    <span class="nav-label">{card.heading}</span>
                                    <SectionBadge anchor=card.anchor.clone() />
                                </a>
                            </li>
                        }
                    }
                />
            </ol>
        </nav>
    }
}

fn jump_to(anchor: &str) {
    if let Some(element) = document().get_element_by_id(anchor) {
        element.scroll_into_view();
        if let Some(heading) = document().get_element_by_id(&format!("{anchor}-heading")) {
            let _ = heading.set_attribute("tabindex", "-1");
            if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading) {
                let _ = heading.focus();
            }
        }
    }
}
