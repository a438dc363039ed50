//! The form, built from the open report's template: a card per section of the template, in
//! its order, under its headings, each part of a section drawn from the field descriptions in
//! `postmortem_core::fields`. Switching template moves the same fields between cards.

use leptos::prelude::*;
use postmortem_core::fields::{self, Field};
use postmortem_core::form::{Card, CardContent};
use postmortem_core::markdown::layout::{Part, Placed, SummaryItem};
use postmortem_core::{CorrectiveTask, ExtraSection, Image, Responder};

use crate::components::field::{ReportField, SectionFindings};
use crate::components::form_section::{use_form_cards, FormSection};
use crate::components::key_times::KeyTimesPanel;
use crate::components::list::{FieldList, ReportList, StringList};
use crate::components::summary_fields::{ImpactFigureList, IncidentWindow, PercentField, SeveritySelect};
use crate::components::timeline_chart::TimelineChart;
use crate::components::timeline_form::TimelineEditor;

/// Every card of the form, in the template's order.
#[component]
pub fn ReportForm() -> impl IntoView {
    let form = use_form_cards();
    view! {
        <form class="report-form" on:submit=|ev| ev.prevent_default() novalidate=true>
            // A card keeps its inputs (and the focus in them) across a template switch while
            // its heading and contents stay the same; the details card always does.
            <For
                each=move || form.cards.get()
                key=|card| (card.anchor.clone(), parts_address(card.content))
                children=move |card| view! { <FormCard card=card /> }
            />
        </form>
    }
}

/// Which parts a card shows, as the address of the template's table of them: the same card
/// of two templates shows the same inputs only when they share the table.
fn parts_address(content: CardContent) -> usize {
    match content {
        CardContent::Section(section) => section.parts.as_ptr() as usize,
        CardContent::Details | CardContent::OwnSections => 0,
    }
}

#[component]
fn FormCard(card: Card) -> impl IntoView {
    let content = match card.content {
        CardContent::Details => view! { <Details /> }.into_any(),
        CardContent::OwnSections => view! { <OwnSections /> }.into_any(),
        CardContent::Section(section) => section
            .parts
            .iter()
            .map(|placed| view! { <PlacedPart placed=*placed /> })
            .collect_view()
            .into_any(),
    };
    view! { <FormSection card=card>{content}</FormSection> }
}

/// What the export's title and details line say.
#[component]
fn Details() -> impl IntoView {
    let fields = [
        fields::AUTHORS,
        fields::OWNER,
        fields::INCIDENT_KEY,
        fields::INCIDENT_URL,
        fields::TAGS,
    ];
    view! {
        <ReportField field=fields::TITLE />
        <ReportField field=fields::SERVICE />
        <SeveritySelect />
        <ReportField field=fields::TEMPLATE />
        {fields.map(|field| view! { <ReportField field=field /> }).collect_view()}
    }
}

/// One part of a template's section, under its subheading when it has one.
#[component]
fn PlacedPart(placed: Placed) -> impl IntoView {
    // A block of Markdown is one field whose label already names it.
    let heading = placed
        .heading
        .filter(|_| !matches!(placed.part, Part::Text(_)))
        .map(|heading| view! { <h3 class="subheading span-2">{heading}</h3> });
    view! {
        {heading}
        <PartFields part=placed.part />
    }
}

const TASKS: ReportList<CorrectiveTask> = ReportList {
    get: |r| &r.measures.tasks,
    get_mut: |r| &mut r.measures.tasks,
};
const RESPONDERS: ReportList<Responder> = ReportList {
    get: |r| &r.responders,
    get_mut: |r| &mut r.responders,
};
const IMAGES: ReportList<Image> = ReportList {
    get: |r| &r.images,
    get_mut: |r| &mut r.images,
};
const EXTRA_SECTIONS: ReportList<ExtraSection> = ReportList {
    get: |r| &r.extra_sections,
    get_mut: |r| &mut r.extra_sections,
};

/// The inputs of one part of the report.
#[component]
fn PartFields(part: Part) -> impl IntoView {
    let whole = |content: AnyView| view! { <div class="span-2">{content}</div> }.into_any();
    match part {
        Part::Summary(items) => items.iter().map(|item| summary_item(*item)).collect_view().into_any(),
        Part::Timeline => view! { <TimelineChart /> <TimelineEditor /> }.into_any(),
        Part::KeyTimes => view! { <KeyTimesPanel /> }.into_any(),
        Part::Text(field) => view! { <ReportField field=fields::text_field(field) /> }.into_any(),
        Part::List(list) => whole(view! { <StringList list=fields::text_list(list) /> }.into_any()),
        Part::Tasks => whole(
            view! {
                <SectionFindings path="measures" />
                <FieldList list=TASKS path="measures.tasks" fields=fields::TASK.to_vec() noun="task" add_label="Add task" stacked=true />
            }
            .into_any(),
        ),
        Part::Responders => whole(
            view! {
                <FieldList list=RESPONDERS path="responders" fields=fields::RESPONDER.to_vec() noun="responder" add_label="Add responder" />
            }
            .into_any(),
        ),
        Part::Images => whole(
            view! { <FieldList list=IMAGES path="images" fields=fields::IMAGE.to_vec() noun="image" add_label="Add image" /> }
                .into_any(),
        ),
        Part::Review => [
            fields::REVIEW_STATUS,
            fields::REVIEW_DATE,
            fields::REVIEWERS,
            fields::SHARED_WITH,
        ]
        .map(|field: Field| view! { <ReportField field=field /> })
        .collect_view()
        .into_any(),
    }
}

fn summary_item(item: SummaryItem) -> AnyView {
    if let Some(field) = fields::summary_field(item) {
        let findings = (item == SummaryItem::Impact)
            .then(|| view! { <div class="span-2"><SectionFindings path="summary" /></div> });
        return view! { {findings} <ReportField field=field /> }.into_any();
    }
    match item {
        SummaryItem::Duration => view! { <IncidentWindow /> }.into_any(),
        SummaryItem::UsersAffected => view! { <PercentField /> }.into_any(),
        _ => view! {
            <div class="span-2">
                <h3 class="subheading">"Impact figures"</h3>
                <ImpactFigureList />
            </div>
        }
        .into_any(),
    }
}

/// The report's sections of its own: a heading and a Markdown body each.
#[component]
fn OwnSections() -> impl IntoView {
    view! {
        <div class="span-2">
            <FieldList
                list=EXTRA_SECTIONS
                path="extra_sections"
                fields=fields::EXTRA_SECTION.to_vec()
                noun="section"
                add_label="Add section"
                stacked=true
            />
        </div>
    }
}
