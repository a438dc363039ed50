//! The summary's fields that need more than a field description: the severity's open scale,
//! the incident window with its timezone, the share of users, and the impact figures.

use leptos::prelude::*;
use postmortem_core::editing::{
    change_timezone, from_local_input, input_offset, parse_percent, percent_input, timezone_choices, to_local_input,
};
use postmortem_core::fields::IMPACT_FIGURE;
use postmortem_core::time::{format_duration, parse_timezone, TimeDisplay};
use postmortem_core::{ImpactFigure, Moment, Report, Severity};

use crate::components::field::{ChoiceField, Control, FindingList, TextField};
use crate::components::list::{FieldList, ReportList};
use crate::state::{field_id, use_editor};

/// The levels of the scales teams use, and whatever else the report already says.
#[component]
pub fn SeveritySelect() -> impl IntoView {
    let editor = use_editor();
    let current = editor.field(|r| r.severity.as_ref().map(|s| s.label().to_owned()).unwrap_or_default());
    let mut levels: Vec<(String, String)> = Severity::SUGGESTED
        .iter()
        .map(|s| ((*s).to_owned(), (*s).to_owned()))
        .collect();
    let written = current.get_untracked();
    if !written.is_empty() && !Severity::SUGGESTED.contains(&written.as_str()) {
        levels.push((written.clone(), written));
    }
    view! {
        <ChoiceField
            label="Severity"
            path="severity"
            choices=levels
            unset=Some("Not set")
            value=current
            on_change=editor.setter(|r, v| r.severity = Severity::parse(&v))
        />
    }
}

/// Start, end and timezone, with the duration computed as the author types.
#[component]
pub fn IncidentWindow() -> impl IntoView {
    let editor = use_editor();
    let offset = editor.field(|r| input_offset(&r.summary));
    let moment_input = move |get: fn(&Report) -> &Option<Moment>| {
        editor.field(move |r| to_local_input(get(r).as_ref(), input_offset(&r.summary)))
    };
    let set_moment = move |apply: fn(&mut Report, Option<Moment>)| {
        Callback::new(move |v: String| {
            let moment = from_local_input(&v, offset.get_untracked());
            editor.update(|r| apply(r, moment));
        })
    };
    let duration = editor.select(|r| {
        let s = &r.summary;
        match (
            s.started_at.as_ref().and_then(Moment::exact),
            s.ended_at.as_ref().and_then(Moment::exact),
        ) {
            (Some(start), Some(end)) => format_duration(end - start),
            _ => None,
        }
    });
    let label = editor.select(|r| TimeDisplay::for_summary(&r.summary).label().to_owned());
    view! {
        <fieldset class="field-group span-2">
            <legend>"When"</legend>
            <div class="window-grid">
                <TextField
                    label="Start"
                    path="summary.started_at"
                    value=moment_input(|r| &r.summary.started_at)
                    on_input=set_moment(|r, m| r.summary.started_at = m)
                    control=Control::DateTime
                />
                <TextField
                    label="End"
                    path="summary.ended_at"
                    value=moment_input(|r| &r.summary.ended_at)
                    on_input=set_moment(|r, m| r.summary.ended_at = m)
                    control=Control::DateTime
                />
                <TimezoneSelect />
            </div>
            <AsWrittenNote written=editor.field(|r| as_written(r.summary.started_at.as_ref())) what="start" />
            <AsWrittenNote written=editor.field(|r| as_written(r.summary.ended_at.as_ref())) what="end" />
            <p class="duration" data-testid="duration" aria-live="polite">
                {move || match duration.get() {
                    Some(d) => format!("Duration: {d} ({})", label.get()),
                    None => "Duration: enter a start and an end".to_owned(),
                }}
            </p>
        </fieldset>
    }
}

#[component]
fn TimezoneSelect() -> impl IntoView {
    let editor = use_editor();
    let current = editor.field(|r| TimeDisplay::for_summary(&r.summary).label().to_owned());
    let written = editor.field(|r| r.summary.timezone.clone().unwrap_or_default());
    let findings = editor.visible_findings("summary.timezone".to_owned());
    let choices = timezone_choices();
    view! {
        <div class="field">
            <label for=field_id("summary.timezone")>"Timezone"</label>
            <select
                id=field_id("summary.timezone")
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    editor.update(|r| change_timezone(r, &chosen));
                    editor.touch("summary.timezone");
                }
            >
                // A timezone the app does not understand stays selectable, so it is not lost.
                {move || {
                    let written = written.get();
                    let unknown = !written.trim().is_empty() && parse_timezone(&written).is_none();
                    unknown.then(|| view! { <option value=written.clone() selected=true>{written.clone()}</option> })
                }}
                {choices
                    .into_iter()
                    .map(|zone| {
                        let value = zone.clone();
                        view! {
                            <option value=value.clone() selected=move || current.get() == value>
                                {zone}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <div class="field-messages">
                <FindingList findings=findings />
            </div>
        </div>
    }
}

/// The author's words for a time that could not be read as a date and time.
pub fn as_written(moment: Option<&Moment>) -> Option<String> {
    match moment {
        Some(Moment::AsWritten(text)) => Some(text.clone()),
        _ => None,
    }
}

/// Says what the author wrote when a time could not be read as a date and time, so that it is
/// not silently lost behind an empty input.
#[component]
pub fn AsWrittenNote(
    /// The author's words, when the time is kept as written.
    #[prop(into)]
    written: Signal<Option<String>>,
    /// What the time is ("start").
    what: &'static str,
) -> impl IntoView {
    move || {
        written.get().map(|text| {
            view! {
                <p class="as-written">
                    "The " {what} " time is written as “" <strong>{text}</strong>
                    "”. Pick a date and time to replace it."
                </p>
            }
        })
    }
}

/// The share of users affected. The field keeps what was typed, even when it is not a number,
/// and says why it was not taken.
#[component]
pub fn PercentField() -> impl IntoView {
    let editor = use_editor();
    let stored = editor.field(|r| r.summary.users_affected_percent);
    let typed = RwSignal::new(percent_input(stored.get_untracked()));
    let problem = RwSignal::new(None::<String>);
    // Follow the report when it changes other than by typing here (an opened report): the
    // words typed stay while they still mean the stored value.
    Effect::new(move |_| {
        let value = stored.get();
        if parse_percent(&typed.get_untracked()).ok().flatten() != value {
            typed.set(percent_input(value));
            problem.set(None);
        }
    });
    view! {
        <TextField
            label="Users affected (%)"
            path="summary.users_affected_percent"
            value=typed
            on_input=Callback::new(move |v: String| {
                let parsed = parse_percent(&v);
                typed.set(v);
                match parsed {
                    Ok(value) => {
                        problem.set(None);
                        editor.edit(|r| r.summary.users_affected_percent = value);
                    }
                    Err(message) => {
                        problem.set(Some(message));
                        editor.edit(|r| r.summary.users_affected_percent = None);
                    }
                }
            })
            placeholder="40"
            local_error=problem
        />
    }
}

const FIGURES: ReportList<ImpactFigure> = ReportList {
    get: |r| &r.summary.impact_figures,
    get_mut: |r| &mut r.summary.impact_figures,
};

/// Named quantities beside the impact: "Failed checkouts: 1,240".
#[component]
pub fn ImpactFigureList() -> impl IntoView {
    view! {
        <FieldList
            list=FIGURES
            path="summary.impact_figures"
            fields=IMPACT_FIGURE.to_vec()
            noun="figure"
            add_label="Add impact figure"
        />
    }
}
