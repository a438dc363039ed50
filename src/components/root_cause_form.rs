use leptos::prelude::*;
use postmortem_core::editing::Section;
use postmortem_core::fields;

use crate::components::field::ReportField;
use crate::components::form_section::FormSection;
use crate::components::list::StringList;

/// The detailed why and how, in Markdown.
#[component]
pub fn RootCauseForm() -> impl IntoView {
    view! {
        <FormSection
            section=Section::RootCauseAndResolution
            guidance="Explain the chain of events that led to the failure, what set it off, what made it possible or worse, and what restored service and how you verified it. Markdown works here: lists, `code`, fenced blocks, links."
        >
            <ReportField field=fields::ROOT_CAUSE />
            <ReportField field=fields::TRIGGER />
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
            <ReportField field=fields::RESOLUTION />
        </FormSection>
    }
}
