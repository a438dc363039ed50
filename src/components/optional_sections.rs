use leptos::prelude::*;
use postmortem_core::editing::Section;
use postmortem_core::{ExtraSection, Image, LessonsLearned, Report, Responder, Role};

use postmortem_core::fields::{self, non_empty};

use crate::components::field::{Control, ReportField, TextField};
use crate::components::form_section::FormSection;
use crate::components::list::{reorder_keys, AddButton, FieldList, ItemControls, ReportList, RowField, StringList};
use crate::state::use_editor;

static NO_LESSONS: Vec<String> = Vec::new();

fn lessons(r: &mut Report) -> &mut LessonsLearned {
    r.lessons_learned.get_or_insert_with(LessonsLearned::default)
}

const RESPONDERS: ReportList<Responder> = ReportList {
    get: |r| &r.responders,
    get_mut: |r| &mut r.responders,
};

/// Who worked on the incident, and in which role.
#[component]
fn ResponderList() -> impl IntoView {
    let role = |r: &Responder| r.role.as_ref().map(|role| role.label().to_owned()).unwrap_or_default();
    view! {
        <FieldList
            list=RESPONDERS
            path="responders"
            fields=vec![
                RowField { label: "Name", field: "name", placeholder: "Priya Raman", grow: true, read: |r: &Responder| r.name.clone(), write: |r: &mut Responder, v| r.name = v },
                RowField { label: "Role", field: "role", placeholder: "incident commander, scribe…", grow: false, read: role, write: |r: &mut Responder, v| r.role = non_empty(v).map(|v| Role::parse(&v)) },
            ]
            noun="responder"
            add_label="Add responder"
        />
    }
}

/// Where the postmortem is in its review, who reviewed it and who it went to.
#[component]
fn ReviewForm() -> impl IntoView {
    view! {
        <div class="form-grid">
            <ReportField field=fields::REVIEW_STATUS />
            <ReportField field=fields::REVIEW_DATE />
            <ReportField field=fields::REVIEWERS />
            <ReportField field=fields::SHARED_WITH />
        </div>
    }
}

/// Lessons learned, images and free sections: added when the report needs them.
#[component]
pub fn OptionalSections() -> impl IntoView {
    let editor = use_editor();
    let has_lessons = editor.select(|r| r.lessons_learned.is_some());
    view! {
        <FormSection
            section=Section::Optional
            guidance="Add what this incident needs beyond the template: lessons learned, graphs and screenshots, or sections of your own (customer communication, an appendix)."
        >
            <div class="span-2">
                <Show
                    when=move || has_lessons.get()
                    fallback=move || {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| editor.update(|r| r.lessons_learned = Some(LessonsLearned::default()))
                            >
                                "Add lessons learned"
                            </button>
                        }
                    }
                >
                    <LessonsForm />
                </Show>
                <h3 class="subheading">"Responders"</h3>
                <ResponderList />
                <h3 class="subheading">"Images"</h3>
                <ImageList />
                <h3 class="subheading">"Review"</h3>
                <ReviewForm />
                <h3 class="subheading">"Your own sections"</h3>
                <ExtraSectionList />
            </div>
        </FormSection>
    }
}

#[component]
fn LessonsForm() -> impl IntoView {
    let editor = use_editor();
    view! {
        <div class="subsection">
            <div class="subsection-header">
                <h3 class="subheading">"Lessons learned"</h3>
                <button
                    type="button"
                    class="button ghost small"
                    on:click=move |_| editor.update(|r| r.lessons_learned = None)
                >
                    "Remove section"
                </button>
            </div>
            <h4 class="minor-heading">"What went well"</h4>
            <StringList
                item_label="Went well"
                noun="item"
                path="lessons_learned.went_well"
                get=|r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.went_well)
                get_mut=|r| &mut lessons(r).went_well
                add_label="Add"
                placeholder="Rollback took two minutes"
            />
            <h4 class="minor-heading">"What went wrong"</h4>
            <StringList
                item_label="Went wrong"
                noun="item"
                path="lessons_learned.went_wrong"
                get=|r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.went_wrong)
                get_mut=|r| &mut lessons(r).went_wrong
                add_label="Add"
                placeholder="The alert went to an unmonitored channel"
            />
            <h4 class="minor-heading">"Where we got lucky"</h4>
            <StringList
                item_label="Got lucky"
                noun="item"
                path="lessons_learned.got_lucky"
                get=|r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.got_lucky)
                get_mut=|r| &mut lessons(r).got_lucky
                add_label="Add"
                placeholder="It happened outside the sales peak"
            />
        </div>
    }
}

const IMAGES: ReportList<Image> = ReportList {
    get: |r| &r.images,
    get_mut: |r| &mut r.images,
};

#[component]
fn ImageList() -> impl IntoView {
    view! {
        <FieldList
            list=IMAGES
            path="images"
            fields=vec![
                RowField { label: "Image URL", field: "url", placeholder: "https://grafana.example.com/render/d/checkout.png", grow: true, read: |i: &Image| i.url.clone(), write: |i: &mut Image, v| i.url = v },
                RowField { label: "Description", field: "alt", placeholder: "Checkout error rate, 09:00–11:00", grow: true, read: |i: &Image| i.alt.clone(), write: |i: &mut Image, v| i.alt = v },
            ]
            noun="image"
            add_label="Add image"
        />
    }
}

const EXTRA_SECTIONS: ReportList<ExtraSection> = ReportList {
    get: |r| &r.extra_sections,
    get_mut: |r| &mut r.extra_sections,
};

#[component]
fn ExtraSectionList() -> impl IntoView {
    let editor = use_editor();
    let ops = EXTRA_SECTIONS.ops(editor);
    let field = move |index: usize, read: fn(&ExtraSection) -> String| EXTRA_SECTIONS.text(editor, index, read);
    let write = move |index: usize, apply: fn(&mut ExtraSection, String)| EXTRA_SECTIONS.setter(editor, index, apply);
    view! {
        <ol class="extra-list">
            <For
                each=move || 0..ops.len.get()
                key=|index| *index
                children=move |index| {
                    view! {
                        <li class="extra-section" on:keydown=reorder_keys(ops, index, "field-extra_sections-".into())>
                            <div class="task-main">
                                <TextField
                                    label="Heading"
                                    path=format!("extra_sections[{index}].heading")
                                    value=field(index, |s| s.heading.clone())
                                    on_input=write(index, |s, v| s.heading = v)
                                    placeholder="Customer communication"
                                    class="grow"
                                />
                                <ItemControls index=index noun="section" ops=ops />
                            </div>
                            <TextField
                                label="Body (Markdown)"
                                path=format!("extra_sections[{index}].body")
                                value=field(index, |s| s.body.clone())
                                on_input=write(index, |s, v| s.body = v)
                                control=Control::Area(5)
                                placeholder="What we told customers, when, and where."
                            />
                        </li>
                    }
                }
            />
        </ol>
        <AddButton
            label="Add section"
            on_add=Callback::new(move |()| {
                EXTRA_SECTIONS.append(editor, ExtraSection::default(), |i| format!("extra_sections[{i}].heading"))
            })
        />
    }
}
