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
    /// What was affected, e.g. "Checkout API".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
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
}

/// How bad the incident was, SEV1 being the worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    #[serde(rename = "SEV1")]
    Sev1,
    #[serde(rename = "SEV2")]
    Sev2,
    #[serde(rename = "SEV3")]
    Sev3,
    #[serde(rename = "SEV4")]
    Sev4,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Sev1, Self::Sev2, Self::Sev3, Self::Sev4];

    pub fn label(self) -> &'static str {
        match self {
            Self::Sev1 => "SEV1",
            Self::Sev2 => "SEV2",
            Self::Sev3 => "SEV3",
            Self::Sev4 => "SEV4",
        }
    }

    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.label().eq_ignore_ascii_case(label.trim()))
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
    /// The root cause in a sentence; the detail goes in [`RootCauseAndResolution`].
    #[serde(default)]
    pub root_cause: String,
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
    #[serde(default)]
    pub done: bool,
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
