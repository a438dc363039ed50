use leptos::prelude::*;
use postmortem_core::editing::Section;

use crate::components::field::{Control, TextField};
use crate::components::form_section::FormSection;
use crate::components::list::StringList;
use crate::state::use_editor;

/// The detailed why and how, in Markdown.
#[component]
pub fn RootCauseForm() -> impl IntoView {
    let editor = use_editor();
    view! {
        <FormSection
            section=Section::RootCauseAndResolution
            guidance="Explain the chain of events that led to the failure, what set it off, what made it possible or worse, and what restored service and how you verified it. Markdown works here: lists, `code`, fenced blocks, links."
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
                label="Trigger"
                path="root_cause_and_resolution.trigger"
                value=editor.text(|r| &r.root_cause_and_resolution.trigger)
                on_input=editor.setter(|r, v| r.root_cause_and_resolution.trigger = v)
                control=Control::Area(2)
                placeholder="What set it off, if not the cause itself: the certificate's expiry time passing at 09:12."
                class="span-2"
            />
            <div class="span-2">
                <h3 class="subheading">"Contributing factors"</h3>
                <StringList
                    item_label="Contributing factor"
                    noun="factor"
                    path="root_cause_and_resolution.contributing_factors"
                    get=|r| &r.root_cause_and_resolution.contributing_factors
                    get_mut=|r| &mut r.root_cause_and_resolution.contributing_factors
                    add_label="Add contributing factor"
                    placeholder="Expiry monitoring only probed public endpoints"
                />
            </div>
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
