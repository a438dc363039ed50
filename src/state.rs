//! The editor's state: the open report and what is derived from it. Findings, Markdown and
//! the section states are memos of the report, so they can never disagree with it.

use std::collections::HashSet;

use leptos::prelude::*;
use postmortem_core::validate::count;
use postmortem_core::{to_markdown, validate, Finding, Report};

/// The document being edited and what the UI derives from it. Cheap to copy: every field is a
/// handle to a reactive value.
#[derive(Clone, Copy)]
pub struct Editor {
    pub report: RwSignal<Report>,
    pub findings: Memo<Vec<Finding>>,
    pub markdown: Memo<String>,
    /// Fields the author has typed in or left: their findings show inline from then on, so a
    /// blank report does not open covered in errors.
    touched: RwSignal<HashSet<String>>,
    /// Show every finding inline, touched or not (after "Check report", or for an opened report).
    pub show_all_findings: RwSignal<bool>,
}

impl Editor {
    pub fn new(report: Report) -> Self {
        let report = RwSignal::new(report);
        Self {
            report,
            findings: Memo::new(move |_| report.with(validate)),
            markdown: Memo::new(move |_| report.with(to_markdown)),
            touched: RwSignal::new(HashSet::new()),
            show_all_findings: RwSignal::new(false),
        }
    }

    /// Changes the report.
    pub fn update(&self, change: impl FnOnce(&mut Report)) {
        self.report.update(change);
    }

    /// Replaces the whole report, e.g. with an opened one, and shows all its findings.
    pub fn replace(&self, report: Report) {
        self.report.set(report);
        self.show_all_findings.set(true);
    }

    /// A memo of one part of the report: views that read it re-render only when it changes.
    pub fn select<T>(&self, part: impl Fn(&Report) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let report = self.report;
        Memo::new(move |_| report.with(&part))
    }

    /// A memo of one text field of the report.
    pub fn text(&self, get: fn(&Report) -> &String) -> Memo<String> {
        self.select(move |r| get(r).clone())
    }

    /// A memo of an optional text field, empty when absent.
    pub fn optional_text(&self, get: fn(&Report) -> &Option<String>) -> Memo<String> {
        self.select(move |r| get(r).clone().unwrap_or_default())
    }

    /// A callback that writes a field's new text into the report.
    pub fn setter(&self, apply: fn(&mut Report, String)) -> Callback<String> {
        let editor = *self;
        Callback::new(move |text: String| editor.update(|r| apply(r, text)))
    }

    pub fn touch(&self, path: &str) {
        if !self.touched.with_untracked(|t| t.contains(path)) {
            self.touched.update(|t| {
                t.insert(path.to_owned());
            });
        }
    }

    /// The findings to show beside the field at `path`.
    pub fn visible_findings(&self, path: String) -> Memo<Vec<Finding>> {
        let (findings, touched, show_all) = (self.findings, self.touched, self.show_all_findings);
        Memo::new(move |_| {
            if !show_all.get() && !touched.with(|t| t.iter().any(|t| is_within(t, &path))) {
                return Vec::new();
            }
            findings.with(|all| all.iter().filter(|f| f.path == path).cloned().collect())
        })
    }

    /// (errors, warnings) in the whole report.
    pub fn counts(&self) -> Memo<(usize, usize)> {
        let findings = self.findings;
        Memo::new(move |_| findings.with(|f| count(f)))
    }
}

/// Whether `touched` is the field at `path` or inside it: typing in `timeline[0].text` also
/// reveals what is said of the whole `timeline`.
fn is_within(touched: &str, path: &str) -> bool {
    touched
        .strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The editor of the page, provided by the root component.
pub fn use_editor() -> Editor {
    expect_context::<Editor>()
}

/// The DOM id of the input for a finding path: `timeline[3].time` → `field-timeline-3-time`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("field-");
    let mut last_dash = true;
    for c in path.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
            last_dash = false;
        } else if !last_dash {
            id.push('-');
            last_dash = true;
        }
    }
    id.trim_end_matches('-').to_owned()
}
