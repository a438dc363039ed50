use leptos::prelude::*;
use postmortem_core::chart::Mark;
use postmortem_core::{EntryKind, Milestone};

use crate::components::list::focus_by_id;
use crate::state::{field_id, use_editor};

/// The drawing's size in its own units, about the pane's in pixels so that its text reads at
/// the page's size; it scales to the pane.
const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 112.0;
/// Where the axis runs, leaving room for two rows of milestone labels above.
const AXIS_Y: f64 = 74.0;
const MARGIN: f64 = 30.0;
/// Milestone labels closer than this take the row above the previous one's.
const LABEL_ROOM: f64 = 84.0;

fn x_of(fraction: f64) -> f64 {
    MARGIN + fraction * (WIDTH - 2.0 * MARGIN)
}

/// The incident on one time axis: the impact window as a band, each timed entry as a mark in
/// its kind's colour, milestones labelled, long silences shaded. A mark's tooltip is its
/// entry; clicking or pressing Enter on it moves to the entry's fields.
#[component]
pub fn TimelineChart() -> impl IntoView {
    let editor = use_editor();
    let drawn = editor.chart;
    move || {
        let c = drawn.get();
        let (start, end) = c.axis.clone()?;
        let window = c.window.map(|(from, to)| {
            view! { <rect class="chart-window" x=x_of(from) y=AXIS_Y - 12.0 width=(x_of(to) - x_of(from)).max(2.0) height=24 rx=4 /> }
        });
        let silences = c
            .silences
            .iter()
            .map(|s| {
                let middle = (x_of(s.from) + x_of(s.to)) / 2.0;
                view! {
                    <g class="chart-silence">
                        <line x1=x_of(s.from) x2=x_of(s.to) y1=AXIS_Y + 18.0 y2=AXIS_Y + 18.0 />
                        <text x=middle y=AXIS_Y + 32.0 text-anchor="middle">{format!("{} with no entry", s.length)}</text>
                    </g>
                }
            })
            .collect_view();
        // Milestone labels alternate rows where they would overlap.
        let mut last_label: Option<(f64, bool)> = None;
        let marks = c
            .marks
            .into_iter()
            .map(|mark| {
                let x = x_of(mark.x);
                let raised = match (mark.milestone, last_label) {
                    (Some(_), Some((previous, raised))) if x - previous < LABEL_ROOM => !raised,
                    _ => false,
                };
                if mark.milestone.is_some() {
                    last_label = Some((x, raised));
                }
                view! { <ChartMark mark=mark raised=raised /> }
            })
            .collect_view();
        let unplotted = (!c.unplotted.is_empty()).then(|| {
            let entries = c
                .unplotted
                .iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            view! { <p class="hint">{format!("Not drawn, their times being words: entries {entries}.")}</p> }
        });
        Some(view! {
            <figure class="timeline-chart span-2" data-testid="timeline-chart">
                <svg
                    viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                    role="group"
                    aria-label=format!("The timeline from {start} to {end}; the key times above say the same in words.")
                >
                    {window}
                    <line class="chart-axis" x1=MARGIN x2=WIDTH - MARGIN y1=AXIS_Y y2=AXIS_Y />
                    {silences}
                    {marks}
                </svg>
                <figcaption>
                    <span>{start}</span>
                    <span class="chart-legend">
                        <span class="legend-window">"impact window"</span>
                        {LEGEND.map(|(kind, label)| view! { <span class=format!("legend-{}", kind.key())>{label}</span> })}
                    </span>
                    <span>{end}</span>
                </figcaption>
                {unplotted}
            </figure>
        })
    }
}

/// The kinds the legend names; the others are drawn grey.
const LEGEND: [(EntryKind, &str); 4] = [
    (EntryKind::Detection, "detection"),
    (EntryKind::Mitigation, "mitigation"),
    (EntryKind::Resolution, "resolution"),
    (EntryKind::MisleadingPath, "misleading path"),
];

/// An entry's text, shortened for a tooltip.
fn short(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

#[component]
fn ChartMark(
    mark: Mark,
    /// Its milestone label sits a row higher, clear of its neighbour's.
    raised: bool,
) -> impl IntoView {
    let x = x_of(mark.x);
    let entry = mark.entry;
    let go = move || {
        let id = field_id(&format!("timeline[{entry}].text"));
        if let Some(element) = document().get_element_by_id(&id) {
            element.scroll_into_view();
        }
        focus_by_id(&id);
    };
    let head = match (mark.milestone, mark.inferred) {
        (Some(m), false) => format!("Entry {}, {}, {}", entry + 1, mark.clock, m.label()),
        (Some(m), true) => format!("Entry {}, {}, {} (inferred)", entry + 1, mark.clock, m.label()),
        (None, _) => format!("Entry {}, {}", entry + 1, mark.clock),
    };
    // The entry's words, read when the mark is drawn and again when it is pointed at or
    // focused: following every keystroke would make each one do work for every mark.
    let editor = use_editor();
    let head = StoredValue::new(head);
    let read = move || {
        let text = editor
            .report
            .with_untracked(|r| r.timeline.get(entry).map(|e| short(&e.text)).unwrap_or_default());
        format!("{}: {text}", head.get_value())
    };
    let label = RwSignal::new(read());
    let refresh = move || {
        let now = read();
        if label.with_untracked(|l| *l != now) {
            label.set(now);
        }
    };
    let top = if raised { AXIS_Y - 50.0 } else { AXIS_Y - 32.0 };
    let inferred = mark.inferred;
    let milestone = mark.milestone.map(|m: Milestone| {
        view! {
            <g class="chart-milestone" class:inferred=inferred>
                <line x1=x x2=x y1=top + 4.0 y2=AXIS_Y />
                <text x=x y=top text-anchor="middle">{m.label()}</text>
            </g>
        }
    });
    view! {
        <g
            class=format!("chart-mark mark-{}", mark.kind.key())
            tabindex="0"
            role="button"
            aria-label=label
            on:mouseenter=move |_| refresh()
            on:focus=move |_| refresh()
            on:click=move |_| go()
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    go();
                }
            }
        >
            <title>{label}</title>
            {milestone}
            // A target of 24 pixels round the dot, easier to hit than the dot.
            <circle class="chart-hit" cx=x cy=AXIS_Y r=12 />
            <circle class="chart-dot" cx=x cy=AXIS_Y r=7 />
        </g>
    }
}
