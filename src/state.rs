//! The editor's state: the open report and what is derived from it. Findings, Markdown and
//! section states are memos of the report, so they can never disagree with it.
//!
//! Typing has to stay fast with hundreds of timeline entries, and Leptos marks every
//! subscriber of a signal, directly or not, on each change. So the form's inputs do not
//! subscribe to the report's content: a keystroke ([`Editor::edit`]) notifies only the derived
//! views (findings, preview, counts), because the input already shows what was typed. Every
//! other change ([`Editor::update`]: lists, selects, times, opening a report) also tells the
//! inputs to read the report again.

use std::collections::HashMap;

use leptos::prelude::*;
use postmortem_core::chart::{self, Chart};
use postmortem_core::markdown::{markdown_blocks, to_markdown_with, ExportOptions};
use postmortem_core::metrics::{self, KeyTimes};
use postmortem_core::preview::{remote_image_hosts, RemoteImages};
use postmortem_core::readiness::{self, Check};
use postmortem_core::validate::count;
use postmortem_core::writing::{self, Advice};
use postmortem_core::{validate, Finding, Report};

/// The document being edited and what the UI derives from it. Cheap to copy: every field is a
/// handle to a reactive value.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The report. Derived views subscribe to it; inputs read it through [`Editor::field`].
    pub report: RwSignal<Report>,
    /// Notified when inputs must re-read the report (any change but a keystroke).
    refresh: Trigger,
    pub findings: Memo<Vec<Finding>>,
    /// (errors, warnings) in the whole report.
    pub counts: Memo<(usize, usize)>,
    /// The key times, and the timeline drawn with them: worked out once per change for the
    /// key times panel, both charts (form and print) and the review checklist.
    pub key_times: Memo<KeyTimes>,
    pub chart: Memo<Chart>,
    /// The review checklist, for the readiness figure and the review panel.
    pub checklist: Memo<Vec<Check>>,
    /// The writing rules turned off in this browser.
    pub rules_off: RwSignal<Vec<String>>,
    /// The writing advice on the report, but for what it dismissed and the rules turned off.
    pub advice: Memo<Vec<Advice>>,
    /// What the export adds to the report (a Mermaid diagram), as the author chose.
    pub export_options: RwSignal<ExportOptions>,
    /// The export, whole. Memos are lazy: it is built only while something shows or needs it.
    pub markdown: Memo<String>,
    /// The export in blocks, for the preview (see `postmortem_core::markdown::markdown_blocks`).
    pub blocks: Memo<Vec<String>>,
    /// Each field's findings, kept up to date by one effect, so that a change in the findings
    /// reaches only the fields whose findings changed.
    findings_by_path: StoredValue<HashMap<String, ArcRwSignal<Vec<Finding>>>>,
    /// Fields the author has typed in or left, and their parents (`timeline[0].text` also
    /// marks `timeline[0]` and `timeline`): their findings show from then on, so a blank
    /// report does not open covered in errors. One signal per path, so touching a field wakes
    /// only that field.
    touched: StoredValue<HashMap<String, ArcRwSignal<bool>>>,
    /// Show every finding inline, touched or not (after "Check report", or for an opened report).
    pub show_all_findings: RwSignal<bool>,
    /// Whether the preview, the print and the copied HTML load images from other sites.
    pub remote_images: RwSignal<RemoteImages>,
    /// The sites the report's images are on.
    pub image_hosts: Memo<Vec<String>>,
}

impl Editor {
    pub fn new(report: Report, options: ExportOptions, rules_off: Vec<String>) -> Self {
        let report = RwSignal::new(report);
        let export_options = RwSignal::new(options);
        let rules_off = RwSignal::new(rules_off);
        let key_times = Memo::new(move |_| report.with(metrics::key_times));
        let advice = {
            // Texts already read are not read again: a keystroke reviews one field.
            let cache = StoredValue::new(writing::Cache::default());
            Memo::new(move |_| {
                rules_off.with(|off| {
                    report.with(|r| {
                        cache
                            .try_update_value(|cache| writing::review_with(r, off, cache))
                            .unwrap_or_default()
                    })
                })
            })
        };
        let findings = Memo::new(move |_| report.with(validate));
        let blocks = Memo::new(move |_| report.with(|r| markdown_blocks(r, export_options.get())));
        let editor = Self {
            report,
            refresh: Trigger::new(),
            findings,
            counts: Memo::new(move |_| findings.with(|f| count(f))),
            export_options,
            rules_off,
            advice,
            key_times,
            chart: Memo::new(move |_| key_times.with(|times| report.with(|r| chart::chart(r, times)))),
            checklist: Memo::new(move |_| {
                key_times.with(|times| advice.with(|advice| report.with(|r| readiness::checklist(r, times, advice))))
            }),
            markdown: Memo::new(move |_| report.with(|r| to_markdown_with(r, export_options.get()))),
            blocks,
            image_hosts: Memo::new(move |_| {
                blocks.with(|blocks| remote_image_hosts(blocks.iter().map(String::as_str)))
            }),
            remote_images: RwSignal::new(RemoteImages::Withhold),
            findings_by_path: StoredValue::new(HashMap::new()),
            touched: StoredValue::new(HashMap::new()),
            show_all_findings: RwSignal::new(false),
        };
        Effect::new(move |_| findings.with(|all| editor.hand_out_findings(all)));
        editor
    }

    /// A keystroke in an input that already shows the new text.
    pub fn edit(&self, change: impl FnOnce(&mut Report)) {
        self.report.update(change);
    }

    /// Any other change: the inputs read the report again.
    pub fn update(&self, change: impl FnOnce(&mut Report)) {
        self.report.update(change);
        self.refresh.notify();
    }

    /// The writing advice on one field, shown like its findings: once the field is touched, or
    /// when every finding is asked for.
    pub fn visible_advice(&self, path: String) -> Memo<Vec<Advice>> {
        let advice = self.advice;
        let touched = self.touched_at(&path);
        let show_all = self.show_all_findings;
        Memo::new(move |_| {
            if show_all.get() || touched.get() {
                advice.with(|all| all.iter().filter(|a| a.path == path).cloned().collect())
            } else {
                Vec::new()
            }
        })
    }

    /// Replaces the whole report, e.g. with an opened one, and shows all its findings.
    pub fn replace(&self, report: Report) {
        self.update(|r| *r = report);
        self.show_all_findings.set(true);
    }

    /// What an input shows: read again after every change but a keystroke.
    pub fn field<T: Send + Sync + 'static>(&self, read: impl Fn(&Report) -> T + Send + Sync + 'static) -> Signal<T> {
        let (report, refresh) = (self.report, self.refresh);
        Signal::derive(move || {
            refresh.track();
            report.with_untracked(&read)
        })
    }

    /// A memo of one part of the report that follows every change, keystrokes included. For
    /// derived displays (the duration, the start hint), not for inputs.
    pub fn select<T>(&self, part: impl Fn(&Report) -> T + Send + Sync + 'static) -> Memo<T>
    where
        T: PartialEq + Send + Sync + 'static,
    {
        let report = self.report;
        Memo::new(move |_| report.with(&part))
    }

    /// What a text input shows.
    pub fn text(&self, get: fn(&Report) -> &String) -> Signal<String> {
        self.field(move |r| get(r).clone())
    }

    /// What the input of an optional text shows: empty when absent.
    pub fn optional_text(&self, get: fn(&Report) -> &Option<String>) -> Signal<String> {
        self.field(move |r| get(r).clone().unwrap_or_default())
    }

    /// A callback that writes an input's new text into the report.
    pub fn setter(&self, apply: fn(&mut Report, String)) -> Callback<String> {
        let editor = *self;
        Callback::new(move |text: String| editor.edit(|r| apply(r, text)))
    }

    pub fn touch(&self, path: &str) {
        let parents = path
            .char_indices()
            .filter(|(_, c)| *c == '.' || *c == '[')
            .map(|(at, _)| &path[..at]);
        for path in parents.chain(std::iter::once(path)) {
            let touched = self.touched_at(path);
            if !touched.get_untracked() {
                touched.set(true);
            }
        }
    }

    fn touched_at(&self, path: &str) -> ArcRwSignal<bool> {
        if let Some(signal) = self.touched.with_value(|map| map.get(path).cloned()) {
            return signal;
        }
        let signal = ArcRwSignal::new(false);
        self.touched
            .update_value(|map| drop(map.insert(path.to_owned(), signal.clone())));
        signal
    }

    /// The findings to show beside the field at `path`.
    pub fn visible_findings(&self, path: String) -> Memo<Vec<Finding>> {
        let findings = self.findings_at(&path);
        let touched = self.touched_at(&path);
        let show_all = self.show_all_findings;
        Memo::new(move |_| {
            if show_all.get() || touched.get() {
                findings.get()
            } else {
                Vec::new()
            }
        })
    }

    fn findings_at(&self, path: &str) -> ArcRwSignal<Vec<Finding>> {
        if let Some(signal) = self.findings_by_path.with_value(|map| map.get(path).cloned()) {
            return signal;
        }
        let current = self
            .findings
            .with_untracked(|all| all.iter().filter(|f| f.path == path).cloned().collect());
        let signal = ArcRwSignal::new(current);
        self.findings_by_path
            .update_value(|map| drop(map.insert(path.to_owned(), signal.clone())));
        signal
    }

    fn hand_out_findings(&self, all: &[Finding]) {
        let mut by_path: HashMap<&str, Vec<Finding>> = HashMap::new();
        for finding in all {
            by_path.entry(finding.path.as_str()).or_default().push(finding.clone());
        }
        self.findings_by_path.with_value(|map| {
            for (path, signal) in map {
                let now = by_path.remove(path.as_str()).unwrap_or_default();
                if signal.with_untracked(|before| *before != now) {
                    signal.set(now);
                }
            }
        });
    }
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
