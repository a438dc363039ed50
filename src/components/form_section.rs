use leptos::prelude::*;
use postmortem_core::editing::Section;

use crate::components::section_nav::SectionBadge;

/// One section of the form: its heading, a line or two on what a good answer contains, and
/// its fields.
#[component]
pub fn FormSection(
    /// Which section this is.
    section: Section,
    /// What readers need from this section.
    guidance: &'static str,
    children: Children,
) -> impl IntoView {
    let heading_id = format!("{}-heading", section.anchor());
    let labelled_by = heading_id.clone();
    view! {
        <section class="form-section" id=section.anchor() aria-labelledby=labelled_by>
            <header class="form-section-header">
                <h2 id=heading_id>{section.label()}</h2>
                <SectionBadge section=section />
            </header>
            <p class="guidance">{guidance}</p>
            <div class="form-grid">{children()}</div>
        </section>
    }
}
