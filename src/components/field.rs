use leptos::prelude::*;
use postmortem_core::fields::{Field, Input};
use postmortem_core::writing::Advice;
use postmortem_core::{Dismissal, Finding, Level};

use crate::state::{field_id, use_editor, Editor};
use crate::workspace::Workspace;

/// What kind of control a [`TextField`] is.
#[derive(Clone, Copy, Default, PartialEq)]
pub enum Control {
    #[default]
    Line,
    /// A multi-line text area of this many rows.
    Area(u32),
    /// `<input type="datetime-local">`.
    DateTime,
}

/// A labelled text input bound to one field of the report, with its findings below it.
#[component]
pub fn TextField(
    /// The visible label.
    label: &'static str,
    /// The field's path in the report (`summary.impact`): names the input and its findings.
    #[prop(into)]
    path: String,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    on_input: Callback<String>,
    /// An example of a good answer.
    #[prop(optional)]
    placeholder: &'static str,
    /// Line, area or date-time.
    #[prop(optional)]
    control: Control,
    /// A message shown below the input that the report cannot hold, e.g. "not a number".
    #[prop(optional, into)]
    local_error: Option<Signal<Option<String>>>,
    /// Extra classes for the wrapper (layout).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let editor = use_editor();
    let id = field_id(&path);
    let message_id = format!("{id}-findings");
    let findings = editor.visible_findings(path.clone());
    let advice = editor.visible_advice(path.clone());
    let has = move |level: Level| findings.with(|f| f.iter().any(|f| f.level == level));
    let local_error = local_error.unwrap_or_else(|| Signal::stored(None));
    let invalid = move || has(Level::Error) || local_error.with(Option::is_some);
    let touch_path = path.clone();
    let touch = move || editor.touch(&touch_path);
    let input = move |ev| {
        on_input.run(event_target_value(&ev));
        touch();
    };
    let control_view = match control {
        Control::Area(rows) => view! {
            <textarea
                id=id.clone()
                rows=rows
                placeholder=placeholder
                prop:value=value
                on:input=input
                on:blur=move |_| editor.touch(&path)
                aria-invalid=move || invalid().to_string()
                aria-describedby=message_id.clone()
            ></textarea>
        }
        .into_any(),
        Control::Line | Control::DateTime => view! {
            <input
                id=id.clone()
                type=if control == Control::DateTime { "datetime-local" } else { "text" }
                placeholder=placeholder
                prop:value=value
                on:input=input
                on:blur=move |_| editor.touch(&path)
                aria-invalid=move || invalid().to_string()
                aria-describedby=message_id.clone()
            />
        }
        .into_any(),
    };
    view! {
        <div
            class=format!("field {class}")
            class:has-error=invalid
            class:has-warning=move || has(Level::Warning)
        >
            <label for=id.clone()>{label}</label>
            {control_view}
            <div class="field-messages" id=message_id.clone() aria-live="polite">
                {move || local_error.get().map(|message| view! { <p class="finding finding-error">{message}</p> })}
                <FindingList findings=findings />
                <AdviceList advice=advice />
            </div>
        </div>
    }
}

/// A labelled drop-down over a list of choices, bound to one field of the report, with its
/// findings below it. Values are the choices' JSON keys; "" is "not set".
#[component]
pub fn ChoiceField(
    /// The visible label.
    label: &'static str,
    /// The field's path in the report: names the control and its findings.
    #[prop(into)]
    path: String,
    /// Every choice as (value, words shown), in order.
    choices: Vec<(String, String)>,
    /// The words for leaving the field unset; without them a choice is always made.
    #[prop(default = None)]
    unset: Option<&'static str>,
    /// The value chosen now.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the value chosen.
    on_change: Callback<String>,
    /// Extra classes for the wrapper (layout).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let editor = use_editor();
    let id = field_id(&path);
    let message_id = format!("{id}-findings");
    let findings = editor.visible_findings(path.clone());
    let has = move |level: Level| findings.with(|f| f.iter().any(|f| f.level == level));
    let options = unset
        .map(|words| (String::new(), words.to_owned()))
        .into_iter()
        .chain(choices)
        .map(|(key, words)| {
            let chosen = key.clone();
            view! { <option value=key selected=move || value.with(|v| *v == chosen)>{words}</option> }
        })
        .collect_view();
    view! {
        <div class=format!("field {class}") class:has-error=move || has(Level::Error) class:has-warning=move || has(Level::Warning)>
            <label for=id.clone()>{label}</label>
            <select
                id=id
                prop:value=value
                on:change=move |ev| {
                    on_change.run(event_target_value(&ev));
                    editor.touch(&path);
                }
                aria-describedby=message_id.clone()
            >
                {options}
            </select>
            <div class="field-messages" id=message_id aria-live="polite">
                <FindingList findings=findings />
            </div>
        </div>
    }
}

pub use postmortem_core::fields::choices_of as choices;

/// One of the report's fields as `postmortem_core::fields` describes it: a text input, a text
/// area or a drop-down, bound to the report.
#[component]
pub fn ReportField(
    /// The field's description.
    field: Field,
) -> impl IntoView {
    let editor = use_editor();
    view! {
        <FieldControl
            label=field.label
            input=field.input
            placeholder=field.placeholder
            path=field.path.to_owned()
            value=editor.field(field.read)
            on_change=editor.setter(field.write)
            class=if field.wide { "span-2" } else { "" }
        />
    }
}

/// The control a field's description asks for (of the report, or of an item of a list),
/// showing `value` and reporting changes. It takes the description's parts rather than the
/// description, so that one copy serves every kind of item.
#[component]
pub fn FieldControl(
    label: &'static str,
    input: Input,
    placeholder: &'static str,
    /// The field's whole path in the report.
    path: String,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    /// Extra classes for the wrapper (layout).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    match input {
        Input::Choice { choices, unset } => view! {
            <ChoiceField label=label path=path choices=choices() unset=unset value=value on_change=on_change class=class />
        }
        .into_any(),
        input => view! {
            <TextField
                label=label
                path=path
                value=value
                on_input=on_change
                placeholder=placeholder
                control=match input {
                    Input::Area(rows) => Control::Area(rows),
                    _ => Control::Line,
                }
                class=class
            />
        }
        .into_any(),
    }
}

/// Findings as short messages, errors in red and warnings in amber.
#[component]
pub fn FindingList(
    /// The findings to show.
    #[prop(into)]
    findings: Signal<Vec<Finding>>,
) -> impl IntoView {
    move || {
        findings.with(|findings| {
            findings
                .iter()
                .map(|f| {
                    let class = match f.level {
                        Level::Error => "finding finding-error",
                        Level::Warning => "finding finding-warning",
                    };
                    view! { <p class=class>{f.message.clone()}</p> }
                })
                .collect_view()
        })
    }
}

/// Writing advice on a field: the phrase quoted, why it reads badly, what to write instead,
/// where the advice comes from; it can be dismissed (kept in the report) or its rule turned
/// off (in this browser).
#[component]
pub fn AdviceList(#[prop(into)] advice: Signal<Vec<Advice>>) -> impl IntoView {
    let editor = use_editor();
    let workspace = use_context::<Workspace>();
    move || {
        advice.with(|all| {
            all.iter()
                .map(|a| {
                    let rule = a.rule;
                    let quote = a.quote.clone();
                    let kept = quote.clone();
                    let dismiss = move |_| {
                        let dismissal = Dismissal {
                            rule: rule.id.to_owned(),
                            quote: kept.clone(),
                        };
                        editor.update(|r| r.review.get_or_insert_with(Default::default).dismissed.push(dismissal));
                    };
                    let turn_off = move |_| set_rule_on(editor, workspace, rule.id, false);
                    view! {
                        <div class=format!("advice advice-{}", rule.strength.key()) data-testid="advice" data-rule=rule.id>
                            <p>
                                <span class="advice-quote">"“" {quote} "”"</span>
                                " "
                                {rule.why}
                            </p>
                            <p class="advice-instead">{rule.instead}</p>
                            <p class="advice-actions">
                                <span class="advice-rule">{rule.id}</span>
                                <a href=rule.source target="_blank" rel="noopener noreferrer">
                                    "Why"
                                </a>
                                <button type="button" class="link-button" on:click=dismiss>
                                    "Dismiss"
                                </button>
                                <button type="button" class="link-button" on:click=turn_off>
                                    "Turn this rule off"
                                </button>
                            </p>
                        </div>
                    }
                })
                .collect_view()
        })
    }
}

/// Turns a writing rule on or off in this browser, for this visit and the next.
pub fn set_rule_on(editor: Editor, workspace: Option<Workspace>, rule: &str, on: bool) {
    editor.rules_off.update(|off| {
        off.retain(|o| o != rule);
        if !on {
            off.push(rule.to_owned());
        }
    });
    if let Some(workspace) = workspace {
        workspace.remember_rules_off(editor.rules_off.get_untracked());
    }
}

/// Findings about a whole section or list rather than one input (`timeline`, `measures`).
#[component]
pub fn SectionFindings(
    /// The section-level path.
    path: &'static str,
) -> impl IntoView {
    let findings = use_editor().visible_findings(path.to_owned());
    view! {
        <div class="section-findings" id=field_id(path) tabindex="-1" aria-live="polite">
            <FindingList findings=findings />
        </div>
    }
}
