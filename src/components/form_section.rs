use leptos::prelude::*;
use postmortem_core::form::{card_states, cards, Card, CardState};

use crate::state::{use_editor, Editor};

/// The form's cards for the open report's template, and how each stands, shared by the form
/// and the navigator.
#[derive(Clone, Copy)]
pub struct FormCards {
    pub cards: Memo<Vec<Card>>,
    pub states: Memo<Vec<CardState>>,
}

impl FormCards {
    pub fn new(editor: Editor) -> Self {
        let template = editor.select(|r| r.template);
        let cards = Memo::new(move |_| cards(template.get()));
        let states = Memo::new(move |_| editor.findings.with(|f| cards.with(|c| card_states(f, c))));
        Self { cards, states }
    }

    /// The state of the card at `anchor` (complete while it is not shown).
    pub fn state(self, anchor: &str) -> CardState {
        let at = self.cards.with(|c| c.iter().position(|c| c.anchor == anchor));
        at.and_then(|i| self.states.with(|s| s.get(i).copied()))
            .unwrap_or(CardState::Complete)
    }
}

pub fn use_form_cards() -> FormCards {
    use_context().unwrap_or_else(|| FormCards::new(use_editor()))
}

/// One card of the form: its heading, a line or two on what a good answer contains, and its
/// fields.
#[component]
pub fn FormSection(
    /// Which card this is.
    card: Card,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{}-heading", card.anchor);
    let labelled_by = heading_id.clone();
    view! {
        <section class="form-section" id=card.anchor.clone() aria-labelledby=labelled_by>
            <header class="form-section-header">
                <h2 id=heading_id>{card.heading}</h2>
                <SectionBadge anchor=card.anchor.clone() />
            </header>
            <p class="guidance">{card.guidance}</p>
            <div class="form-grid">{children()}</div>
        </section>
    }
}

/// A small badge: ✓ complete, or the number of errors or warnings.
#[component]
pub fn SectionBadge(
    /// The card whose state is shown.
    anchor: String,
) -> impl IntoView {
    let form = use_form_cards();
    let state = Memo::new(move |_| form.state(&anchor));
    move || {
        let (class, text, label) = match state.get() {
            CardState::Complete => ("badge badge-ok", "✓".to_owned(), "complete".to_owned()),
            CardState::HasWarnings(n) => ("badge badge-warning", n.to_string(), plural(n, "warning")),
            CardState::HasErrors(n) => ("badge badge-error", n.to_string(), plural(n, "error")),
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
