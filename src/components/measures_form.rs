use leptos::prelude::*;
use postmortem_core::editing::Section;
use postmortem_core::{CorrectiveTask, DueDate, Priority, TaskStatus, TaskType};

use crate::components::field::{choices, ChoiceField, SectionFindings, TextField};
use crate::components::form_section::FormSection;
use crate::components::list::{reorder_keys, AddButton, ItemControls, ListOps, ReportList, StringList};
use crate::state::use_editor;
use postmortem_core::fields::non_empty;

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
                <TextField
                    label="Ticket"
                    path=path("ticket")
                    value=read(|t| t.ticket.clone().unwrap_or_default())
                    on_input=write(|t, v| t.ticket = non_empty(v))
                    placeholder="OPS-1234 or a link"
                />
                <ChoiceField
                    label="Priority"
                    path=path("priority")
                    choices=choices(Priority::ALL, Priority::key, Priority::label)
                    unset="Not set"
                    value=read(|t| t.priority.map_or("", Priority::key).to_owned())
                    on_change=write(|t, v| t.priority = Priority::from_name(&v))
                />
                <ChoiceField
                    label="Type"
                    path=path("type")
                    choices=choices(TaskType::ALL, TaskType::key, TaskType::label)
                    unset="Not set"
                    value=read(|t| t.kind.map_or("", TaskType::key).to_owned())
                    on_change=write(|t, v| t.kind = TaskType::from_name(&v))
                />
                <ChoiceField
                    label="Status"
                    path=path("status")
                    choices=choices(TaskStatus::ALL, TaskStatus::key, TaskStatus::label)
                    value=read(|t| t.status.key().to_owned())
                    on_change=write(|t, v| t.status = TaskStatus::from_name(&v).unwrap_or_default())
                />
            </div>
        </li>
    }
}
