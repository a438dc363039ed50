use leptos::prelude::*;
use postmortem_core::editing::Section;

use crate::components::field::{Control, TextField};
use crate::components::form_section::FormSection;
use crate::state::use_editor;

/// The detailed why and how, in Markdown.
#[component]
pub fn RootCauseForm() -> impl IntoView {
    let editor = use_editor();
    view! {
        <FormSection
            section=Section::RootCauseAndResolution
            guidance="Explain the chain of events that led to the failure, and what restored service and how you verified it. Markdown works here: lists, `code`, fenced blocks, links."
        >
            <TextField
                label="Root cause"
                path="root_cause_and_resolution.root_cause"
                value=editor.text(|r| &r.root_cause_and_resolution.root_cause)
                on_input=editor.setter(|r, v| r.root_cause_and_resolution.root_cause = v)
                control=Control::Area(8)
                placeholder="The renewal job was suspended during the scheduler migration, so the certificate expired on…"
                class="span-2"
            />
            <TextField
                label="Resolution"
                path="root_cause_and_resolution.resolution"
                value=editor.text(|r| &r.root_cause_and_resolution.resolution)
                on_input=editor.setter(|r, v| r.root_cause_and_resolution.resolution = v)
                control=Control::Area(6)
                placeholder="We issued a new certificate, deployed it, and confirmed payments succeeded end to end."
                class="span-2"
            />
        </FormSection>
    }
}
