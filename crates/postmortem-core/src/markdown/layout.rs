//! The templates' layouts: which sections a report's Markdown has, in which order, under which
//! headings, and which of the report's parts each holds. The data model is the same for every
//! template; only this table differs. The writer (`super`) and the exact reader
//! (`import::own`) both follow it, so a report exported in any template reads back exactly,
//! and switching template moves every field, never drops one.

use crate::model::Template;

/// One bullet of the summary's labelled list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryItem {
    Duration,
    Impact,
    UsersAffected,
    BusinessImpact,
    ImpactFigures,
    DetectedBy,
    RootCause,
}

/// A field written as a block of Markdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    RootCause,
    Trigger,
    Resolution,
}

/// A field written as a bullet list of one-line items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListField {
    ContributingFactors,
    Improvements,
    WentWell,
    WentWrong,
    GotLucky,
}

/// What a section (or one of its level-3 parts) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Summary(&'static [SummaryItem]),
    /// Always a section of its own: the preview renders it in runs of entries.
    Timeline,
    Text(TextField),
    List(ListField),
    Tasks,
    Responders,
    Images,
    Review,
    /// The key times table, worked out from the window and the timeline (`metrics`), and
    /// where they are measured from.
    KeyTimes,
}

/// A part, under its level-3 heading or, for the first part of a section, under none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placed {
    pub part: Part,
    pub heading: Option<&'static str>,
}

/// A level-2 section of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionLayout {
    pub heading: &'static str,
    /// What readers of this template look for here, as the form tells the author.
    pub guidance: &'static str,
    pub parts: &'static [Placed],
}

const fn bare(part: Part) -> Placed {
    Placed { part, heading: None }
}

const fn under(heading: &'static str, part: Part) -> Placed {
    Placed {
        part,
        heading: Some(heading),
    }
}

const fn section(heading: &'static str, guidance: &'static str, parts: &'static [Placed]) -> SectionLayout {
    SectionLayout {
        heading,
        guidance,
        parts,
    }
}

const REVIEW_GUIDANCE: &str = "Where the postmortem stands, who reviewed it, and who it was shared with.";

use super::headings as h;
use ListField::*;
use Part::*;
use SummaryItem as S;

const ALL_SUMMARY: &[SummaryItem] = &[
    S::Duration,
    S::Impact,
    S::UsersAffected,
    S::BusinessImpact,
    S::ImpactFigures,
    S::DetectedBy,
    S::RootCause,
];
const WINDOW_AND_CAUSE: &[SummaryItem] = &[S::Duration, S::RootCause];
const IMPACT: &[SummaryItem] = &[S::Impact, S::UsersAffected, S::BusinessImpact, S::ImpactFigures];
const LESSONS: [Placed; 3] = [
    under(h::WENT_WELL, List(WentWell)),
    under(h::WENT_WRONG, List(WentWrong)),
    under(h::GOT_LUCKY, List(GotLucky)),
];
const MEASURES: [Placed; 2] = [under(h::IMPROVEMENTS, List(Improvements)), under(h::TASKS, Tasks)];

/// The classic four sections, as the sample reports are written, then the optional ones.
const CLASSIC: &[SectionLayout] = &[
    section(
        h::SUMMARY,
        "An executive reads only this. Give the duration with start, end and timezone; what users experienced; how many were affected; and the root cause in one sentence.",
        &[bare(Summary(ALL_SUMMARY)), under(h::KEY_TIMES, KeyTimes)],
    ),
    section(
        h::TIMELINE,
        "One entry per event, in order: when it was detected and how, what was tried (including paths that turned out wrong), who was called in, and when service was restored. Times are in the summary's timezone.",
        &[bare(Timeline)],
    ),
    section(
        h::ROOT_CAUSE_AND_RESOLUTION,
        "Explain the chain of events that led to the failure, what set it off, what made it possible or worse, and what restored service and how you verified it. Markdown works here: lists, `code`, fenced blocks, links.",
        &[
            under(h::ROOT_CAUSE, Text(TextField::RootCause)),
            under(h::TRIGGER, Text(TextField::Trigger)),
            under(h::CONTRIBUTING_FACTORS, List(ContributingFactors)),
            under(h::RESOLUTION, Text(TextField::Resolution)),
        ],
    ),
    section(
        h::MEASURES,
        "Broad improvements say what should change; tasks are specific, each with an owner and a due date, so they get done.",
        &MEASURES,
    ),
    section(
        h::LESSONS,
        "Optional. What to keep doing, what to change, and what luck hid: luck is often where the next incident comes from.",
        &LESSONS,
    ),
    section(
        h::RESPONDERS,
        "Optional. Who worked on the incident and in which role, so that readers know whom to ask.",
        &[bare(Responders)],
    ),
    section(
        h::IMAGES,
        "Optional. Graphs and screenshots that show the impact; describe each for readers who cannot see it.",
        &[bare(Images)],
    ),
    section(h::REVIEW, REVIEW_GUIDANCE, &[bare(Review)]),
];

/// The Google SRE book's example postmortem.
const GOOGLE_SRE: &[SectionLayout] = &[
    section(
        "Summary",
        "Two or three sentences a busy reader can stop after: the window, with its timezone, and the cause in one sentence.",
        &[bare(Summary(WINDOW_AND_CAUSE)), under(h::KEY_TIMES, KeyTimes)],
    ),
    section(
        "Impact",
        "How much and for whom: what users saw, the share affected, the cost in revenue or SLA, and anything counted.",
        &[bare(Summary(IMPACT))],
    ),
    section(
        "Root Causes",
        "Why it could happen at all, written about systems and decisions rather than people; then what else made it possible or worse.",
        &[
            bare(Text(TextField::RootCause)),
            under("Contributing Factors", List(ContributingFactors)),
        ],
    ),
    section(
        "Trigger",
        "The change or event that turned a latent fault into an outage.",
        &[bare(Text(TextField::Trigger))],
    ),
    section(
        "Resolution",
        "What stopped the impact, what restored service, and how you confirmed it was over.",
        &[bare(Text(TextField::Resolution))],
    ),
    section(
        "Detection",
        "How the team found out: an alert, a customer, a colleague or an automated check.",
        &[bare(Summary(&[S::DetectedBy]))],
    ),
    section(
        "Action Items",
        "Each item is one change with an owner, a priority and a ticket, so that it can be followed to done.",
        &MEASURES,
    ),
    section("Lessons Learned", "What went well, what went wrong, and where you got lucky.", &LESSONS),
    section(
        "Timeline",
        "A log of the incident in order, in the summary's timezone. Mark when it was detected, acknowledged, mitigated and resolved.",
        &[bare(Timeline)],
    ),
    section("Responders", "Who took part, and in which role.", &[bare(Responders)]),
    section(
        "Supporting Information",
        "Graphs, dashboards and screenshots, each with a description.",
        &[bare(Images)],
    ),
    section("Review", REVIEW_GUIDANCE, &[bare(Review)]),
];

/// PagerDuty's postmortem template.
const PAGERDUTY: &[SectionLayout] = &[
    section(
        "Overview",
        "A short paragraph a reader can stop after: when it happened, with the timezone, and why, in one sentence.",
        &[bare(Summary(WINDOW_AND_CAUSE)), under(h::KEY_TIMES, KeyTimes)],
    ),
    section(
        "What Happened",
        "How the system got into this state, told about systems and decisions rather than people.",
        &[bare(Text(TextField::RootCause))],
    ),
    section(
        "Contributing Factors",
        "The conditions that together let this happen (there is rarely only one), and the trigger that set it off.",
        &[
            bare(List(ContributingFactors)),
            under("Trigger", Text(TextField::Trigger)),
        ],
    ),
    section(
        "Resolution",
        "How the impact was stopped and service restored, and how you knew it had worked.",
        &[bare(Text(TextField::Resolution))],
    ),
    section(
        "Impact",
        "What customers saw, how many were affected, what it cost, and how it was detected.",
        &[bare(Summary(&[
            S::Impact,
            S::UsersAffected,
            S::BusinessImpact,
            S::ImpactFigures,
            S::DetectedBy,
        ]))],
    ),
    section(
        "Responders",
        "Everyone who responded, with their role: incident commander, scribe, subject experts.",
        &[bare(Responders)],
    ),
    section(
        "Timeline",
        "The incident in order, in the summary's timezone, from the first sign to the all-clear, with the milestones marked.",
        &[bare(Timeline)],
    ),
    section(
        "How'd We Do?",
        "An honest look at the response itself: what worked, what did not, and where luck helped.",
        &[
            under("What went well", List(WentWell)),
            under("What didn't go so well", List(WentWrong)),
            under("Where we got lucky", List(GotLucky)),
        ],
    ),
    section(
        "Action Items",
        "Changes with an owner, a priority and a ticket; a few that will be done beat many that will not.",
        &MEASURES,
    ),
    section(
        "Supporting Information",
        "Graphs and screenshots that show the impact, each described.",
        &[bare(Images)],
    ),
    section("Review", REVIEW_GUIDANCE, &[bare(Review)]),
];

/// Atlassian's incident postmortem template.
const ATLASSIAN: &[SectionLayout] = &[
    section(
        "Incident Summary",
        "What happened, when (with the timezone) and why, in a few sentences.",
        &[bare(Summary(WINDOW_AND_CAUSE)), under(h::KEY_TIMES, KeyTimes)],
    ),
    section(
        "Fault",
        "What failed and how: the change or event that set the incident off.",
        &[bare(Text(TextField::Trigger))],
    ),
    section(
        "Impact",
        "Who was affected and how: what users saw, how many, and what it cost.",
        &[bare(Summary(IMPACT))],
    ),
    section(
        "Detection",
        "How and when the team learned of it; if that took long, say what would have told you sooner.",
        &[bare(Summary(&[S::DetectedBy]))],
    ),
    section("Response", "Who responded, and in which role.", &[bare(Responders)]),
    section(
        "Recovery",
        "How service was restored, and how you confirmed it.",
        &[bare(Text(TextField::Resolution))],
    ),
    section(
        "Timeline",
        "A detailed log in the summary's timezone, with the milestones marked.",
        &[bare(Timeline)],
    ),
    section(
        "Root Cause",
        "The underlying cause, reached by asking why until the answer is about a system or a process; then what else contributed.",
        &[
            bare(Text(TextField::RootCause)),
            under("Contributing Factors", List(ContributingFactors)),
        ],
    ),
    section(
        "Lessons Learned",
        "What went well, what could have gone better, and where you were lucky.",
        &LESSONS,
    ),
    section(
        "Corrective Actions",
        "The changes that prevent a recurrence, each with an owner, a priority and a due date.",
        &MEASURES,
    ),
    section(
        "Supporting Information",
        "Graphs and screenshots, each described.",
        &[bare(Images)],
    ),
    section("Review", REVIEW_GUIDANCE, &[bare(Review)]),
];

/// The sections of a template, in order.
pub fn sections(template: Template) -> &'static [SectionLayout] {
    match template {
        Template::Classic => CLASSIC,
        Template::GoogleSre => GOOGLE_SRE,
        Template::PagerDuty => PAGERDUTY,
        Template::Atlassian => ATLASSIAN,
    }
}

/// Whether any template writes a section with this heading (an extra section headed so is
/// marked in the export, so that it reads back as the extra section it is).
pub fn is_section_heading(heading: &str) -> bool {
    Template::ALL
        .iter()
        .flat_map(|t| sections(*t))
        .any(|s| s.heading.eq_ignore_ascii_case(heading.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part of the model has exactly one place in every template, so switching template
    /// keeps every field; a section's unheaded part comes first; the timeline stands alone.
    #[test]
    fn every_template_places_every_part_once() {
        let every_part: Vec<Part> = [Timeline, Tasks, Responders, Images, Review, KeyTimes]
            .into_iter()
            .chain([TextField::RootCause, TextField::Trigger, TextField::Resolution].map(Text))
            .chain([ContributingFactors, Improvements, WentWell, WentWrong, GotLucky].map(List))
            .collect();
        for template in Template::ALL.iter().copied() {
            let placed: Vec<&Placed> = sections(template).iter().flat_map(|s| s.parts).collect();
            for part in &every_part {
                assert_eq!(
                    placed.iter().filter(|p| p.part == *part).count(),
                    1,
                    "{template:?} {part:?}"
                );
            }
            let items: Vec<SummaryItem> = placed
                .iter()
                .filter_map(|p| match p.part {
                    Summary(items) => Some(items),
                    _ => None,
                })
                .flatten()
                .copied()
                .collect();
            for item in ALL_SUMMARY {
                assert_eq!(items.iter().filter(|i| *i == item).count(), 1, "{template:?} {item:?}");
            }
            for section in sections(template) {
                assert!(
                    section.parts.iter().skip(1).all(|p| p.heading.is_some()),
                    "{template:?} {}",
                    section.heading
                );
                if section.parts.iter().any(|p| p.part == Timeline) {
                    assert_eq!(section.parts.len(), 1, "{template:?}");
                }
            }
            let mut headings: Vec<&str> = sections(template).iter().map(|s| s.heading).collect();
            headings.sort_unstable();
            headings.dedup();
            assert_eq!(
                headings.len(),
                sections(template).len(),
                "{template:?} repeats a heading"
            );
        }
    }
}
