use leptos::prelude::*;
use postmortem_core::validate::count;
use postmortem_core::{to_markdown, validate, Report};

use crate::components::preview::Preview;
use crate::example::example_report;

/// The root component: the open report and its preview.
#[component]
pub fn App() -> impl IntoView {
    match example_report() {
        Ok(report) => view! { <ReportView report=report /> }.into_any(),
        Err(error) => view! {
            <main class="page">
                <p class="banner banner-error" role="alert">
                    "The example report could not be read: " {error.to_string()}
                </p>
            </main>
        }
        .into_any(),
    }
}

/// A report's title, a short status line and its rendered preview.
#[component]
fn ReportView(
    /// The report to show.
    report: Report,
) -> impl IntoView {
    let findings = validate(&report);
    let (errors, warnings) = count(&findings);
    let status = match (errors, warnings) {
        (0, 0) => "Complete: no findings".to_owned(),
        _ => format!("{errors} error(s), {warnings} warning(s)"),
    };
    let title = report.title.clone();
    let markdown = Signal::derive(move || to_markdown(&report));
    view! {
        <header class="app-bar">
            <div class="brand">
                <img src="favicon.svg" alt="" width="28" height="28" />
                <span>"Postmortem Studio"</span>
            </div>
            <span class="app-bar-note">"Example report · read-only preview"</span>
        </header>
        <main class="page">
            <div class="doc-heading">
                <div>
                    <p class="eyebrow">"Open report"</p>
                    <p class="doc-title" data-testid="report-title">{title}</p>
                </div>
                <p class="doc-status" data-testid="report-status">{status}</p>
            </div>
            <Preview markdown=markdown />
        </main>
    }
}
