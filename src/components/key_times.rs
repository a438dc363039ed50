use leptos::prelude::*;
use postmortem_core::fields;
use postmortem_core::metrics::{describe, Source};
use postmortem_core::time::TimeDisplay;

use crate::components::field::ReportField;
use crate::state::use_editor;

/// Time to detect, acknowledge, mitigate and resolve, each with what it is measured between;
/// a moment read from an entry's kind rather than a mark says so, and one click marks it.
#[component]
pub fn KeyTimesPanel() -> impl IntoView {
    let editor = use_editor();
    let key_times = editor.key_times;
    let display = editor.select(|r| TimeDisplay::for_summary(&r.summary));
    let rows = Memo::new(move |_| {
        let times = display.get();
        key_times.with(|key_times| {
            key_times
                .figures()
                .into_iter()
                .map(|figure| {
                    // The end the figure is named for is the one to mark (the start of "time to
                    // acknowledge" is the detection, marked or not).
                    let unmarked = [figure.to, figure.from]
                        .into_iter()
                        .find_map(|end| match (end.point, end.source) {
                            (postmortem_core::metrics::Point::Milestone(m), Source::Inferred(entry)) => {
                                Some((m, entry))
                            }
                            _ => None,
                        });
                    (describe(&figure, &times), unmarked)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="key-times span-2" data-testid="key-times">
            {move || {
                let rows = rows.get();
                if rows.is_empty() {
                    return view! {
                        <p class="hint">
                            "Give the incident a start, then mark the timeline entries when it was detected, acknowledged, mitigated and resolved (or give them those kinds), and the key times appear here."
                        </p>
                    }
                    .into_any();
                }
                view! {
                    <ul class="key-time-list">
                        {rows
                            .into_iter()
                            .map(|(words, unmarked)| {
                                let mark = unmarked.map(|(milestone, entry)| {
                                    let label = format!("Mark entry {} as {}", entry + 1, milestone.label());
                                    view! {
                                        <button
                                            type="button"
                                            class="button ghost small"
                                            aria-label=label
                                            on:click=move |_| editor.update(|r| {
                                                if let Some(e) = r.timeline.get_mut(entry) {
                                                    e.milestone = Some(milestone);
                                                }
                                            })
                                        >
                                            "Mark it"
                                        </button>
                                    }
                                });
                                let (measure, rest) = words.split_once(": ").unwrap_or((&words, ""));
                                view! {
                                    <li class:inferred=unmarked.is_some()>
                                        <span>
                                            <strong>{measure.to_owned()}</strong>
                                            " "
                                            {rest.to_owned()}
                                        </span>
                                        {mark}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </div>
        <ReportField field=fields::KEY_TIMES_FROM />
    }
}
