use chrono::FixedOffset;
use leptos::prelude::*;
use postmortem_core::editing::{from_local_input, input_offset, new_entry_time, sort_timeline, to_local_input};
use postmortem_core::fields::{Field, TIMELINE_ENTRY};
use postmortem_core::TimelineEntry;

use crate::components::field::{Control, FieldControl, SectionFindings, TextField};
use crate::components::list::{reorder_keys, AddButton, ItemControls, ListOps, ReportList};
use crate::components::summary_fields::{as_written, AsWrittenNote};
use crate::state::use_editor;

const TIMELINE: ReportList<TimelineEntry> = ReportList {
    get: |r| &r.timeline,
    get_mut: |r| &mut r.timeline,
};

/// What happened, in order: detection, what was tried (dead ends too), escalations, resolution.
#[component]
pub fn TimelineEditor() -> impl IntoView {
    let editor = use_editor();
    let ops = TIMELINE.ops(editor);
    let offset = editor.field(|r| input_offset(&r.summary));
    let add_entry = Callback::new(move |()| {
        let time = editor.report.with_untracked(|r| new_entry_time(r, r.timeline.len()));
        let entry = TimelineEntry {
            time,
            ..Default::default()
        };
        TIMELINE.append(editor, entry, |i| format!("timeline[{i}].text"));
        editor.touch("timeline");
    });
    let too_short_to_sort = move || ops.len.get() < 2;
    view! {
            <div class="span-2">
                <SectionFindings path="timeline" />
                <ol class="timeline-list" data-testid="timeline-list">
                    <For
                        each=move || 0..ops.len.get()
                        key=|index| *index
                        children=move |index| view! { <TimelineRow index=index ops=ops offset=offset /> }
                    />
                </ol>
                <div class="list-actions">
                    <AddButton label="Add entry" on_add=add_entry />
                    <button
                        type="button"
                        class="button ghost"
                        disabled=too_short_to_sort
                        on:click=move |_| editor.update(|r| sort_timeline(&mut r.timeline))
                    >
                        "Sort by time"
                    </button>
                    <span class="hint">"Alt+↑ / Alt+↓ moves the entry you are in."</span>
                </div>
            </div>
    }
}

/// One timeline entry: time, kind, who, and what happened.
#[component]
fn TimelineRow(
    index: usize,
    ops: ListOps,
    /// The offset the time inputs are in.
    offset: Signal<FixedOffset>,
) -> impl IntoView {
    let editor = use_editor();
    let input = move |field: Field<TimelineEntry>| {
        view! {
            <FieldControl
                label=field.label
                input=field.input
                placeholder=field.placeholder
                path=field.item_path("timeline", index)
                value=TIMELINE.text(editor, index, field.read)
                on_change=TIMELINE.setter(editor, index, field.write)
            />
        }
    };
    let [kind, actor, milestone, text] = TIMELINE_ENTRY;
    let time_value = editor.field(move |r| {
        let time = r.timeline.get(index).and_then(|e| e.time.as_ref());
        to_local_input(time, input_offset(&r.summary))
    });
    // A new time can clear a note about words kept as written, so other views read again.
    let set_time = Callback::new(move |v: String| {
        let time = from_local_input(&v, offset.get_untracked());
        editor.update(|r| {
            if let Some(e) = r.timeline.get_mut(index) {
                e.time = time;
            }
        })
    });
    view! {
        <li
            class="timeline-entry"
            data-testid="timeline-entry"
            on:keydown=reorder_keys(ops, index, "field-timeline-".into())
        >
            <div class="entry-head">
                <span class="entry-number" aria-hidden="true">
                    {index + 1}
                </span>
                <TextField
                    label="Time"
                    path=format!("timeline[{index}].time")
                    value=time_value
                    on_input=set_time
                    control=Control::DateTime
                />
                {input(kind)}
                <ItemControls index=index noun="entry" ops=ops />
            </div>
            <AsWrittenNote
                written=editor.field(move |r| as_written(r.timeline.get(index).and_then(|e| e.time.as_ref())))
                what="entry's"
            />
            <div class="entry-body">
                <div class="entry-side">{input(actor)} {input(milestone)}</div>
                {input(text)}
            </div>
        </li>
    }
}
