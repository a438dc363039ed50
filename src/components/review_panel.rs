use leptos::prelude::*;
use postmortem_core::readiness::{readiness, Check};
use postmortem_core::writing::rule;
use postmortem_core::{DueDate, ReviewStatus};

use crate::components::field::set_rule_on;
use crate::components::sheet::Sheet;
use crate::state::use_editor;
use crate::workspace::Workspace;

/// "Ready 7 of 9": how much of the review checklist the report meets; opens the checklist.
#[component]
pub fn ReadinessButton(open: RwSignal<bool>) -> impl IntoView {
    let checks = use_editor().checklist;
    let counts = Memo::new(move |_| checks.with(|c| readiness(c)));
    view! {
        <button
            type="button"
            class="readiness"
            class:ready=move || counts.get().0 == counts.get().1
            data-testid="readiness"
            title="What a reviewer checks before a postmortem is done"
            on:click=move |_| open.set(true)
        >
            {move || {
                let (done, all) = counts.get();
                format!("Ready {done} of {all}")
            }}
        </button>
    }
}

/// The review checklist, the review's status and the writing rules turned off here.
#[component]
pub fn ReviewPanel(open: RwSignal<bool>) -> impl IntoView {
    let editor = use_editor();
    let checks = editor.checklist;
    let status = editor.select(|r| r.review.as_ref().map(|r| r.status).unwrap_or_default());
    view! {
        <Sheet
            open=open
            title="Review"
            close_label="Close review"
            note="What a reviewer checks before a postmortem is done. The report ticks what it can answer; you tick the rest."
            class="review-sheet"
            test_id="review-panel"
        >
            <ul class="checklist" data-testid="checklist">
                {move || checks.get().into_iter().map(|check| view! { <CheckItem check=check /> }).collect_view()}
            </ul>
            <StatusStep status=status />
            <RulesOff />
        </Sheet>
    }
}

#[component]
fn CheckItem(check: Check) -> impl IntoView {
    let editor = use_editor();
    match check.manual {
        Some(manual) => {
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                editor.update(|r| {
                    let review = r.review.get_or_insert_with(Default::default);
                    review.checked.retain(|c| *c != manual);
                    if on {
                        review.checked.push(manual);
                    }
                    r.review = r.review.take().filter(|r| !r.is_empty());
                })
            };
            view! {
                <li class="check manual" class:done=check.done>
                    <label>
                        <input type="checkbox" prop:checked=check.done on:change=toggle />
                        {check.label}
                    </label>
                </li>
            }
            .into_any()
        }
        None => view! {
            <li class="check" class:done=check.done>
                <span class="check-mark" aria-hidden="true">{if check.done { "✓" } else { "○" }}</span>
                <span>
                    <span class="visually-hidden">{if check.done { "Done: " } else { "Not yet: " }}</span>
                    {check.label}
                    {check.missing.map(|m| view! { <span class="check-missing">{m}</span> })}
                </span>
            </li>
        }
        .into_any(),
    }
}

/// Moves the review on: draft → in review → reviewed → published, dating it when reviewed.
#[component]
fn StatusStep(status: Memo<ReviewStatus>) -> impl IntoView {
    let editor = use_editor();
    let next = move || {
        let all = ReviewStatus::ALL;
        let at = all.iter().position(|s| *s == status.get()).unwrap_or(0);
        all.get(at + 1).copied()
    };
    view! {
        <div class="status-step">
            <p>"Status: " <strong data-testid="review-status">{move || status.get().label()}</strong></p>
            {move || {
                next()
                    .map(|step| {
                        view! {
                            <button
                                type="button"
                                class="button secondary"
                                on:click=move |_| editor.update(|r| {
                                    let review = r.review.get_or_insert_with(Default::default);
                                    review.status = step;
                                    if step == ReviewStatus::Reviewed && review.date.is_none() {
                                        review.date = Some(DueDate::parse(&today()));
                                    }
                                })
                            >
                                {format!("Mark {}", step.label())}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

fn today() -> String {
    let now = String::from(js_sys::Date::new_0().to_iso_string());
    now.get(..10).unwrap_or_default().to_owned()
}

/// The writing rules turned off in this browser, each with a way back.
#[component]
fn RulesOff() -> impl IntoView {
    let editor = use_editor();
    let workspace = use_context::<Workspace>();
    view! {
        <Show when=move || editor.rules_off.with(|off| !off.is_empty())>
            <h3 class="subheading">"Writing rules turned off in this browser"</h3>
            <ul class="rules-off">
                {move || {
                    editor
                        .rules_off
                        .get()
                        .into_iter()
                        .map(|id| {
                            let why = rule(&id).map(|r| r.why).unwrap_or("A rule this version does not know.");
                            let back = id.clone();
                            view! {
                                <li>
                                    <span class="advice-rule">{id.clone()}</span>
                                    " "
                                    {why}
                                    " "
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| set_rule_on(editor, workspace, &back, true)
                                    >
                                        "Turn on"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}
