//! The postmortem report: what an author writes, in the shape real reports take
//! (issue summary, timeline, root cause and resolution, corrective measures, optional extras).
//!
//! The model is deliberately permissive: a draft may be half written or wrong, and validation
//! (`crate::validate`) says what is missing. Only the JSON reader (`crate::json`) is strict.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A whole postmortem report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub title: String,
    /// The layout its Markdown follows: the sections, their order and their headings.
    #[serde(default, skip_serializing_if = "Template::is_classic")]
    pub template: Template,
    /// What was affected, e.g. "Checkout API".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The incident this report is about, in the team's tracker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<IncidentReference>,
    /// Free words to find the report by: teams, services, causes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Who sees the postmortem through to published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Who worked on the incident, and in which role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responders: Vec<Responder>,
    #[serde(default)]
    pub summary: IssueSummary,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub root_cause_and_resolution: RootCauseAndResolution,
    #[serde(default)]
    pub measures: CorrectiveMeasures,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lessons_learned: Option<LessonsLearned>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// Sections outside the template, kept so that no content is ever dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_sections: Vec<ExtraSection>,
    /// Where the postmortem is in its review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// The incident in the team's tracker: a key such as `INC-1042`, a link, or both.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentReference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl IncidentReference {
    pub fn is_empty(&self) -> bool {
        [&self.key, &self.url]
            .into_iter()
            .flatten()
            .all(|t| t.trim().is_empty())
    }
}

/// A person who worked on the incident.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responder {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// A responder's role: the ones incident response names, or the team's own words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    IncidentCommander,
    Communications,
    Scribe,
    SubjectExpert,
    Other(String),
}

impl Role {
    pub const NAMED: [Role; 4] = [
        Self::IncidentCommander,
        Self::Communications,
        Self::Scribe,
        Self::SubjectExpert,
    ];

    pub fn label(&self) -> &str {
        match self {
            Self::IncidentCommander => "incident commander",
            Self::Communications => "communications",
            Self::Scribe => "scribe",
            Self::SubjectExpert => "subject expert",
            Self::Other(text) => text,
        }
    }

    /// The JSON value: the named roles' keys, or the text.
    pub fn key(&self) -> &str {
        match self {
            Self::IncidentCommander => "incident_commander",
            Self::Communications => "communications",
            Self::Scribe => "scribe",
            Self::SubjectExpert => "subject_expert",
            Self::Other(text) => text,
        }
    }

    /// A named role by its key or label ("Incident Commander", "IC" too), otherwise the words.
    pub fn parse(text: &str) -> Self {
        let text = text.trim();
        let known = Self::NAMED.into_iter().find(|r| {
            r.key().eq_ignore_ascii_case(text)
                || r.label().eq_ignore_ascii_case(text)
                || (r == &Self::IncidentCommander && text.eq_ignore_ascii_case("ic"))
        });
        known.unwrap_or_else(|| Self::Other(text.to_owned()))
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(deserializer)?))
    }
}

/// Where the postmortem is in its review, who reviewed it and who it went to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub status: ReviewStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
    /// When it was (or will be) reviewed: a date, or the team's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DueDate>,
    /// Teams, lists or people it was shared with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_with: Vec<String>,
    /// The checks of the review checklist that only a reviewer can tick, ticked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checked: Vec<ReviewCheck>,
    /// Writing advice the author or a reviewer looked at and set aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<Dismissal>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.status == ReviewStatus::Draft
            && self.reviewers.iter().all(|r| r.trim().is_empty())
            && self.date.is_none()
            && self.shared_with.iter().all(|r| r.trim().is_empty())
            && self.checked.is_empty()
            && self.dismissed.is_empty()
    }
}

/// A piece of writing advice set aside: the rule and the phrase it was about, so that the same
/// phrase stays quiet wherever it moves in the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dismissal {
    /// The rule's id (`blameless/counterfactual`).
    pub rule: String,
    pub quote: String,
}

impl Report {
    /// Whether the advice of `rule` about `quote` was set aside.
    pub fn dismissed(&self, rule: &str, quote: &str) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.dismissed.iter().any(|d| d.rule == rule && d.quote == quote))
    }
}

/// Defines a closed list of choices once: its JSON keys (snake case), the words readers see,
/// and the list in order.
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $key:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The identifier used in JSON.
            pub fn key(self) -> &'static str {
                match self { $(Self::$variant => $key,)+ }
            }

            /// The words shown to readers, as they appear in exported Markdown.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }

            /// Reads the key or the label, ignoring case.
            pub fn from_name(name: &str) -> Option<Self> {
                let name = name.trim();
                Self::ALL.iter().copied().find(|c| c.key().eq_ignore_ascii_case(name) || c.label().eq_ignore_ascii_case(name))
            }
        }
    };
}

choices! {
    /// Where the postmortem is in its review.
    #[derive(Default)]
    ReviewStatus {
        #[default]
        Draft => "draft", "draft";
        InReview => "in_review", "in review";
        Reviewed => "reviewed", "reviewed";
        Published => "published", "published";
    }
}

choices! {
    /// The postmortem templates teams already use. The data is the same in all; the template
    /// decides the Markdown's sections, their order and their headings.
    #[derive(Default)]
    Template {
        #[default]
        Classic => "classic", "Classic";
        GoogleSre => "google-sre", "Google SRE";
        PagerDuty => "pagerduty", "PagerDuty";
        Atlassian => "atlassian", "Atlassian";
    }
}

impl Template {
    pub fn is_classic(&self) -> bool {
        *self == Self::Classic
    }
}

choices! {
    /// How the incident came to the team's attention.
    DetectionMethod {
        Alert => "alert", "alert";
        CustomerReport => "customer_report", "customer report";
        Staff => "staff", "staff";
        AutomatedCheck => "automated_check", "automated check";
        Other => "other", "other";
    }
}

choices! {
    /// A moment of the incident a timeline entry marks. The summary's start and end stay the
    /// impact window; these are the moments between.
    Milestone {
        Declared => "declared", "declared";
        Detected => "detected", "detected";
        Acknowledged => "acknowledged", "acknowledged";
        Mitigated => "mitigated", "mitigated";
        Resolved => "resolved", "resolved";
    }
}

choices! {
    /// A check of the review checklist that the report cannot answer by itself.
    ReviewCheck {
        CauseExplainsTrigger => "cause_explains_trigger", "the root cause and contributing factors explain the trigger";
        TasksAgreed => "tasks_agreed", "each task's owner has agreed to it";
    }
}

choices! {
    /// Where the key times (time to detect, mitigate, resolve) are measured from. Teams differ,
    /// so the report says which it uses.
    #[derive(Default)]
    TimesFrom {
        #[default]
        ImpactStart => "impact_start", "impact start";
        Declared => "declared", "declared";
    }
}

impl TimesFrom {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

choices! {
    /// How urgent a corrective task is, P0 the most.
    Priority {
        P0 => "P0", "P0";
        P1 => "P1", "P1";
        P2 => "P2", "P2";
        P3 => "P3", "P3";
    }
}

choices! {
    /// What a corrective task does about the incident.
    TaskType {
        Prevent => "prevent", "prevent";
        Detect => "detect", "detect";
        Mitigate => "mitigate", "mitigate";
        Process => "process", "process";
        Investigate => "investigate", "investigate";
    }
}

choices! {
    /// Where a corrective task stands.
    #[derive(Default)]
    TaskStatus {
        #[default]
        Open => "open", "open";
        InProgress => "in_progress", "in progress";
        Done => "done", "done";
        WontDo => "wont_do", "won't do";
    }
}

impl TaskStatus {
    /// A task list's box: `[x]` done, `[ ]` open.
    pub fn from_checked(checked: bool) -> Self {
        if checked {
            Self::Done
        } else {
            Self::Open
        }
    }
}

/// How bad the incident was, as the report writes it: on the SEV scale (SEV0 the worst), the
/// P scale (P0 the worst), by word (Critical, High, Medium, Low), or in the team's own words.
/// Known scales are written in their usual spelling ("sev-2" is `SEV2`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Severity(String);

/// A severity's place on a known scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scale {
    Sev,
    P,
    Word,
}

impl Severity {
    /// The levels offered for choosing, by scale.
    pub const SUGGESTED: [&'static str; 14] = [
        "SEV0", "SEV1", "SEV2", "SEV3", "SEV4", "P0", "P1", "P2", "P3", "P4", "Critical", "High", "Medium", "Low",
    ];
    const WORDS: [&'static str; 4] = ["Critical", "High", "Medium", "Low"];

    /// The severity as written, known scales in their usual spelling; `None` for blank text.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        Some(Self(Self::canonical(text).unwrap_or_else(|| text.to_owned())))
    }

    /// Like [`Self::parse`], but only for a level of a known scale (what an importer trusts).
    pub fn from_label(text: &str) -> Option<Self> {
        Self::canonical(text.trim()).map(Self)
    }

    fn canonical(text: &str) -> Option<String> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).collect();
        let upper = compact.to_ascii_uppercase();
        let level = |prefix: &str, max: u32| {
            upper
                .strip_prefix(prefix)
                .and_then(|n| {
                    n.parse::<u32>()
                        .ok()
                        .filter(|n| *n <= max)
                        .map(|n| format!("{prefix}{n}"))
                })
                .filter(|_| upper.len() <= prefix.len() + 1)
        };
        level("SEV", 4).or_else(|| level("P", 4)).or_else(|| {
            Self::WORDS
                .iter()
                .find(|w| w.eq_ignore_ascii_case(&compact))
                .map(|w| (*w).to_owned())
        })
    }

    pub fn label(&self) -> &str {
        &self.0
    }

    /// Its scale and level, 0 the worst, when it is on a known scale.
    pub fn rank(&self) -> Option<(Scale, u8)> {
        let text = self.0.as_str();
        if let Some(n) = text.strip_prefix("SEV").and_then(|n| n.parse().ok()) {
            return Some((Scale::Sev, n));
        }
        if let Some(n) = text.strip_prefix('P').and_then(|n| n.parse().ok()) {
            return Some((Scale::P, n));
        }
        Self::WORDS
            .iter()
            .position(|w| *w == text)
            .map(|n| (Scale::Word, n as u8))
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("a severity cannot be blank"))
    }
}

/// The executive summary: when, what users saw, how many, and why in one sentence.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueSummary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Moment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<Moment>,
    /// The timezone times are shown in: `UTC` or a fixed offset such as `UTC+02:00`.
    /// When absent, times are shown in the start time's own offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// What users experienced.
    #[serde(default)]
    pub impact: String,
    /// Share of users affected, 0 to 100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_numbers_without_fraction"
    )]
    pub users_affected_percent: Option<f64>,
    /// E.g. lost sales, SLA credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_impact: Option<String>,
    /// Named quantities beside the words: "Failed checkouts: 1,240".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impact_figures: Vec<ImpactFigure>,
    /// How the incident came to the team's attention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detection: Option<DetectionMethod>,
    /// Where time to detect, mitigate and resolve are measured from.
    #[serde(default, skip_serializing_if = "TimesFrom::is_default")]
    pub key_times_from: TimesFrom,
    /// The root cause in a sentence; the detail goes in [`RootCauseAndResolution`].
    #[serde(default)]
    pub root_cause: String,
}

/// A named quantity of the impact, as the author writes it ("1,240", "none", "about 3%").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactFigure {
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// Writes `40` rather than `40.0`, as people write percentages.
fn whole_numbers_without_fraction<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

/// A point in time as the author gave it: a full timestamp with UTC offset when one could be
/// made, otherwise the author's own words (e.g. "15:00", "around noon") so nothing is lost.
///
/// In JSON both are a string: RFC 3339 text reads as [`Moment::Exact`], anything else as
/// [`Moment::AsWritten`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Exact(DateTime<FixedOffset>),
    AsWritten(String),
}

impl Moment {
    pub fn parse(text: &str) -> Self {
        match DateTime::parse_from_rfc3339(text.trim()) {
            Ok(at) => Self::Exact(at),
            Err(_) => Self::AsWritten(text.to_owned()),
        }
    }

    pub fn exact(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            Self::Exact(at) => Some(*at),
            Self::AsWritten(_) => None,
        }
    }

    /// The JSON form: RFC 3339 for exact times (seconds always, no fraction unless present).
    pub fn to_json_string(&self) -> String {
        match self {
            Self::Exact(at) => at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false),
            Self::AsWritten(text) => text.clone(),
        }
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_json_string())
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

/// A due date: a calendar date when one was given, otherwise the author's words ("Q3", "next
/// sprint").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DueDate {
    Date(NaiveDate),
    AsWritten(String),
}

impl DueDate {
    pub fn parse(text: &str) -> Self {
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(date) => Self::Date(date),
            Err(_) => Self::AsWritten(text.to_owned()),
        }
    }

    pub fn to_json_string(&self) -> String {
        match self {
            Self::Date(date) => date.format("%Y-%m-%d").to_string(),
            Self::AsWritten(text) => text.clone(),
        }
    }
}

impl Serialize for DueDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_json_string())
    }
}

impl<'de> Deserialize<'de> for DueDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Self::parse(&text))
    }
}

/// One event of the incident, in the order the author put them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Moment>,
    #[serde(default)]
    pub kind: EntryKind,
    pub text: String,
    /// Who acted: a person or a team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The moment of the incident this entry marks, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<Milestone>,
}

/// What a timeline entry records. The kinds follow what readers of postmortems look for:
/// when it was noticed, what was tried (including dead ends), who was called, what fixed it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Detection,
    Investigation,
    MisleadingPath,
    Escalation,
    Mitigation,
    Resolution,
    Communication,
    #[default]
    Other,
}

impl EntryKind {
    pub const ALL: [EntryKind; 8] = [
        Self::Detection,
        Self::Investigation,
        Self::MisleadingPath,
        Self::Escalation,
        Self::Mitigation,
        Self::Resolution,
        Self::Communication,
        Self::Other,
    ];

    /// The word shown to readers, as it appears in exported Markdown.
    pub fn label(self) -> &'static str {
        match self {
            Self::Detection => "Detection",
            Self::Investigation => "Investigation",
            Self::MisleadingPath => "Misleading path",
            Self::Escalation => "Escalation",
            Self::Mitigation => "Mitigation",
            Self::Resolution => "Resolution",
            Self::Communication => "Communication",
            Self::Other => "Other",
        }
    }

    /// The identifier used in JSON (`misleading_path`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Detection => "detection",
            Self::Investigation => "investigation",
            Self::MisleadingPath => "misleading_path",
            Self::Escalation => "escalation",
            Self::Mitigation => "mitigation",
            Self::Resolution => "resolution",
            Self::Communication => "communication",
            Self::Other => "other",
        }
    }

    /// Reads either the label or the JSON key, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.label().eq_ignore_ascii_case(name) || k.key().eq_ignore_ascii_case(name))
    }
}

/// The detailed story of why it happened and how it was fixed (Markdown).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootCauseAndResolution {
    #[serde(default)]
    pub root_cause: String,
    /// What set it off, when that differs from the cause (a deploy, a traffic spike).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub trigger: String,
    /// What made it possible or worse, beside the root cause.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributing_factors: Vec<String>,
    #[serde(default)]
    pub resolution: String,
}

/// What will stop it happening again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectiveMeasures {
    /// Broad improvements ("improve change review for load balancer config").
    #[serde(default)]
    pub improvements: Vec<String>,
    /// Specific, ownable tasks.
    #[serde(default)]
    pub tasks: Vec<CorrectiveTask>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectiveTask {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<TaskType>,
    /// The task in the team's tracker: a key or a link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(default)]
    pub status: TaskStatus,
}

impl CorrectiveTask {
    pub fn is_done(&self) -> bool {
        self.status == TaskStatus::Done
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonsLearned {
    #[serde(default)]
    pub went_well: Vec<String>,
    #[serde(default)]
    pub went_wrong: Vec<String>,
    #[serde(default)]
    pub got_lucky: Vec<String>,
}

impl LessonsLearned {
    pub fn is_empty(&self) -> bool {
        self.went_well.is_empty() && self.went_wrong.is_empty() && self.got_lucky.is_empty()
    }
}

/// A graph, screenshot or diagram referenced by URL.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub url: String,
    #[serde(default)]
    pub alt: String,
}

/// A section outside the template: a heading and a Markdown body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraSection {
    pub heading: String,
    #[serde(default)]
    pub body: String,
}
