use leptos::prelude::*;
use postmortem_core::markdown::duration_line;
use postmortem_core::time::TimeDisplay;

use crate::components::timeline_chart::TimelineChart;
use crate::state::use_editor;

/// Shown only on paper: what a reader of the printout needs before the report (its severity,
/// review status and window) and the timeline drawn, which lives in the form on screen.
#[component]
pub fn PrintHeader() -> impl IntoView {
    let editor = use_editor();
    let facts = editor.select(|r| {
        let mut facts = vec!["Postmortem".to_owned()];
        if let Some(severity) = &r.severity {
            facts.push(severity.label().to_owned());
        }
        facts.push(
            r.review
                .as_ref()
                .map(|v| v.status)
                .unwrap_or_default()
                .label()
                .to_owned(),
        );
        if let Some(window) = duration_line(&r.summary, &TimeDisplay::for_summary(&r.summary)) {
            facts.push(window);
        }
        facts.join(" · ")
    });
    view! {
        <header class="print-header" aria-hidden="true">
            <p class="print-facts" data-testid="print-facts">{move || facts.get()}</p>
            <TimelineChart />
        </header>
    }
}

/// Prints the report (or saves it as PDF, from the browser's print dialog).
pub fn print_report() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
