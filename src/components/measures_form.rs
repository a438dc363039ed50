use leptos::prelude::*;
use postmortem_core::editing::Section;
use postmortem_core::{CorrectiveTask, DueDate};

use crate::components::field::{SectionFindings, TextField};
use crate::components::form_section::FormSection;
use crate::components::list::{reorder_keys, AddButton, ItemControls, ListOps, ReportList, StringList};
use crate::components::summary_form::non_empty;
use crate::state::{field_id, use_editor};

const TASKS: ReportList<CorrectiveTask> = ReportList {
    get: |r| &r.measures.tasks,
    get_mut: |r| &mut r.measures.tasks,
};

/// Broad improvements and specific, owned tasks.
#[component]
pub fn MeasuresForm() -> impl IntoView {
    view! {
        <FormSection
            section=Section::Measures
            guidance="Broad improvements say what should change; tasks are specific, each with an owner and a due date, so they get done."
        >
            <div class="span-2">
                <SectionFindings path="measures" />
                <h3 class="subheading">"Improvements"</h3>
                <StringList
                    item_label="Improvement"
                    noun="improvement"
                    path="measures.improvements"
                    get=|r| &r.measures.improvements
                    get_mut=|r| &mut r.measures.improvements
                    add_label="Add improvement"
                    placeholder="Alert on certificate expiry 30 days ahead"
                />
                <h3 class="subheading">"Tasks"</h3>
                <TaskList />
            </div>
        </FormSection>
    }
}

#[component]
fn TaskList() -> impl IntoView {
    let editor = use_editor();
    let ops = TASKS.ops(editor);
    view! {
        <ol class="task-list">
            <For
                each=move || 0..ops.len.get()
                key=|index| *index
                children=move |index| view! { <TaskRow index=index ops=ops /> }
            />
        </ol>
        <AddButton
            label="Add task"
            on_add=Callback::new(move |()| {
                TASKS.append(editor, CorrectiveTask::default(), |i| format!("measures.tasks[{i}].text"))
            })
        />
    }
}

#[component]
fn TaskRow(index: usize, ops: ListOps) -> impl IntoView {
    let editor = use_editor();
    let path = move |field: &str| format!("measures.tasks[{index}].{field}");
    let read = move |get: fn(&CorrectiveTask) -> String| TASKS.text(editor, index, get);
    let write = move |apply: fn(&mut CorrectiveTask, String)| TASKS.setter(editor, index, apply);
    let done = editor.field(move |r| r.measures.tasks.get(index).is_some_and(|t| t.done));
    let done_id = field_id(&path("done"));
    let done_label_for = done_id.clone();
    view! {
        <li class="task" data-testid="task" on:keydown=reorder_keys(ops, index, "field-measures-tasks-".into())>
            <div class="task-main">
                <TextField
                    label="Task"
                    path=path("text")
                    value=read(|t| t.text.clone())
                    on_input=write(|t, v| t.text = v)
                    placeholder="Add an expiry alert for every client certificate"
                    class="grow"
                />
                <ItemControls index=index noun="task" ops=ops />
            </div>
            <div class="task-details">
                <TextField
                    label="Owner"
                    path=path("owner")
                    value=read(|t| t.owner.clone().unwrap_or_default())
                    on_input=write(|t, v| t.owner = non_empty(v))
                    placeholder="Payments team"
                />
                <TextField
                    label="Due"
                    path=path("due")
                    value=read(|t| t.due.as_ref().map(DueDate::to_json_string).unwrap_or_default())
                    on_input=write(|t, v| t.due = non_empty(v).map(|v| DueDate::parse(&v)))
                    placeholder="2026-04-01 or Q3"
                />
                <label class="checkbox" for=done_label_for>
                    <input
                        type="checkbox"
                        id=done_id
                        prop:checked=done
                        on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            editor.update(|r| {
                                if let Some(task) = r.measures.tasks.get_mut(index) {
                                    task.done = checked;
                                }
                            });
                        }
                    />
                    "Done"
                </label>
            </div>
        </li>
    }
}
