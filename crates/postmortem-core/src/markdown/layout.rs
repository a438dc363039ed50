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

const fn section(heading: &'static str, parts: &'static [Placed]) -> SectionLayout {
    SectionLayout { heading, parts }
}

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
    section(h::SUMMARY, &[bare(Summary(ALL_SUMMARY))]),
    section(h::TIMELINE, &[bare(Timeline)]),
    section(
        h::ROOT_CAUSE_AND_RESOLUTION,
        &[
            under(h::ROOT_CAUSE, Text(TextField::RootCause)),
            under(h::TRIGGER, Text(TextField::Trigger)),
            under(h::CONTRIBUTING_FACTORS, List(ContributingFactors)),
            under(h::RESOLUTION, Text(TextField::Resolution)),
        ],
    ),
    section(h::MEASURES, &MEASURES),
    section(h::LESSONS, &LESSONS),
    section(h::RESPONDERS, &[bare(Responders)]),
    section(h::IMAGES, &[bare(Images)]),
    section(h::REVIEW, &[bare(Review)]),
];

/// The Google SRE book's example postmortem.
const GOOGLE_SRE: &[SectionLayout] = &[
    section("Summary", &[bare(Summary(WINDOW_AND_CAUSE))]),
    section("Impact", &[bare(Summary(IMPACT))]),
    section(
        "Root Causes",
        &[
            bare(Text(TextField::RootCause)),
            under("Contributing Factors", List(ContributingFactors)),
        ],
    ),
    section("Trigger", &[bare(Text(TextField::Trigger))]),
    section("Resolution", &[bare(Text(TextField::Resolution))]),
    section("Detection", &[bare(Summary(&[S::DetectedBy]))]),
    section("Action Items", &MEASURES),
    section("Lessons Learned", &LESSONS),
    section("Timeline", &[bare(Timeline)]),
    section("Responders", &[bare(Responders)]),
    section("Supporting Information", &[bare(Images)]),
    section("Review", &[bare(Review)]),
];

/// PagerDuty's postmortem template.
const PAGERDUTY: &[SectionLayout] = &[
    section("Overview", &[bare(Summary(WINDOW_AND_CAUSE))]),
    section("What Happened", &[bare(Text(TextField::RootCause))]),
    section(
        "Contributing Factors",
        &[
            bare(List(ContributingFactors)),
            under("Trigger", Text(TextField::Trigger)),
        ],
    ),
    section("Resolution", &[bare(Text(TextField::Resolution))]),
    section(
        "Impact",
        &[bare(Summary(&[
            S::Impact,
            S::UsersAffected,
            S::BusinessImpact,
            S::ImpactFigures,
            S::DetectedBy,
        ]))],
    ),
    section("Responders", &[bare(Responders)]),
    section("Timeline", &[bare(Timeline)]),
    section(
        "How'd We Do?",
        &[
            under("What went well", List(WentWell)),
            under("What didn't go so well", List(WentWrong)),
            under("Where we got lucky", List(GotLucky)),
        ],
    ),
    section("Action Items", &MEASURES),
    section("Supporting Information", &[bare(Images)]),
    section("Review", &[bare(Review)]),
];

/// Atlassian's incident postmortem template.
const ATLASSIAN: &[SectionLayout] = &[
    section("Incident Summary", &[bare(Summary(WINDOW_AND_CAUSE))]),
    section("Fault", &[bare(Text(TextField::Trigger))]),
    section("Impact", &[bare(Summary(IMPACT))]),
    section("Detection", &[bare(Summary(&[S::DetectedBy]))]),
    section("Response", &[bare(Responders)]),
    section("Recovery", &[bare(Text(TextField::Resolution))]),
    section("Timeline", &[bare(Timeline)]),
    section(
        "Root Cause",
        &[
            bare(Text(TextField::RootCause)),
            under("Contributing Factors", List(ContributingFactors)),
        ],
    ),
    section("Lessons Learned", &LESSONS),
    section("Corrective Actions", &MEASURES),
    section("Supporting Information", &[bare(Images)]),
    section("Review", &[bare(Review)]),
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
        let every_part: Vec<Part> = [Timeline, Tasks, Responders, Images, Review]
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
