//! The form's cards for a template: the report's details first, then the template's sections
//! in its order, under its headings and with its guidance, then the report's own sections.
//! The navigator lists the same cards, and every finding belongs to exactly one of them, the
//! one that holds its field, so a badge counts what the author can fix there.

use crate::markdown::layout::{self, ListField, Part, SectionLayout, SummaryItem, TextField};
use crate::model::Template;
use crate::validate::{Finding, Level};

/// What a card of the form holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardContent {
    /// Title, severity, people and references: the export's title and details line.
    Details,
    /// One section of the template.
    Section(&'static SectionLayout),
    /// The report's sections of its own.
    OwnSections,
}

/// One card of the form, and one line of the navigator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub heading: &'static str,
    pub guidance: &'static str,
    /// The element id the navigator jumps to: `section-` and the heading in lower case with
    /// dashes (`section-action-items`).
    pub anchor: String,
    pub content: CardContent,
}

/// The fields of the details card, as findings name them.
const DETAILS: &[&str] = &[
    "title", "service", "severity", "template", "authors", "incident", "owner", "tags",
];
const OWN_SECTIONS: &[&str] = &["extra_sections"];

/// The cards of the form for a template, in order.
pub fn cards(template: Template) -> Vec<Card> {
    let details = Card {
        heading: "Details",
        guidance: "What the incident is called and how bad it was, who wrote this, and where the incident is tracked.",
        anchor: anchor("Details"),
        content: CardContent::Details,
    };
    let own = Card {
        heading: "Your own sections",
        guidance: "Anything this incident needs that the template has no place for: customer communication, an appendix, a five whys.",
        anchor: anchor("Your own sections"),
        content: CardContent::OwnSections,
    };
    let sections = layout::sections(template).iter().map(|section| Card {
        heading: section.heading,
        guidance: section.guidance,
        anchor: anchor(section.heading),
        content: CardContent::Section(section),
    });
    std::iter::once(details).chain(sections).chain([own]).collect()
}

fn anchor(heading: &str) -> String {
    let mut anchor = String::from("section");
    for word in heading
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', ""))
        .filter(|w| !w.is_empty())
    {
        anchor.push('-');
        anchor.push_str(&word.to_ascii_lowercase());
    }
    anchor
}

/// The paths (as findings name them) of what a part of a section holds.
pub fn part_paths(part: Part) -> Vec<&'static str> {
    match part {
        Part::Summary(items) => items.iter().flat_map(|i| summary_paths(*i)).copied().collect(),
        Part::Timeline => vec!["timeline"],
        Part::Text(TextField::RootCause) => vec!["root_cause_and_resolution.root_cause"],
        Part::Text(TextField::Trigger) => vec!["root_cause_and_resolution.trigger"],
        Part::Text(TextField::Resolution) => vec!["root_cause_and_resolution.resolution"],
        Part::List(list) => vec![list_path(list)],
        Part::Tasks => vec!["measures.tasks"],
        Part::Responders => vec!["responders"],
        Part::Images => vec!["images"],
        Part::Review => vec!["review"],
        Part::KeyTimes => vec!["summary.key_times_from"],
    }
}

fn summary_paths(item: SummaryItem) -> &'static [&'static str] {
    match item {
        SummaryItem::Duration => &["summary.started_at", "summary.ended_at", "summary.timezone"],
        SummaryItem::Impact => &["summary.impact"],
        SummaryItem::UsersAffected => &["summary.users_affected_percent"],
        SummaryItem::BusinessImpact => &["summary.business_impact"],
        SummaryItem::ImpactFigures => &["summary.impact_figures"],
        SummaryItem::DetectedBy => &["summary.detection"],
        SummaryItem::RootCause => &["summary.root_cause"],
    }
}

fn list_path(list: ListField) -> &'static str {
    crate::fields::text_list(list).path
}

/// Whether `path` is `field` or a part of it (`measures.tasks[0].owner` is in
/// `measures.tasks`).
fn within(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// The paths a card holds.
fn card_paths(card: &Card) -> Vec<&'static str> {
    match card.content {
        CardContent::Details => DETAILS.to_vec(),
        CardContent::OwnSections => OWN_SECTIONS.to_vec(),
        CardContent::Section(section) => section.parts.iter().flat_map(|p| part_paths(p.part)).collect(),
    }
}

/// The card that holds a finding's field. Findings about a whole section (`summary`,
/// `measures`) go to the card that holds its main field (the impact, the tasks); anything
/// else to the details.
pub fn card_of(cards: &[Card], path: &str) -> usize {
    let paths: Vec<Vec<&str>> = cards.iter().map(card_paths).collect();
    holder(&paths, path).unwrap_or(0)
}

/// Which of the cards, given by the paths they hold, holds `path`.
fn holder(cards: &[Vec<&str>], path: &str) -> Option<usize> {
    let path = match path {
        "summary" => "summary.impact",
        "measures" => "measures.tasks",
        other => other,
    };
    cards
        .iter()
        .position(|fields| fields.iter().any(|field| within(path, field)))
}

/// How a card stands: its worst finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardState {
    Complete,
    HasWarnings(usize),
    HasErrors(usize),
}

/// The state of every card, in order.
pub fn card_states(findings: &[Finding], cards: &[Card]) -> Vec<CardState> {
    let paths: Vec<Vec<&str>> = cards.iter().map(card_paths).collect();
    let mut counts = vec![(0, 0); cards.len()];
    for finding in findings {
        let (errors, warnings) = &mut counts[holder(&paths, &finding.path).unwrap_or(0)];
        match finding.level {
            Level::Error => *errors += 1,
            Level::Warning => *warnings += 1,
        }
    }
    counts
        .into_iter()
        .map(|counted| match counted {
            (0, 0) => CardState::Complete,
            (0, w) => CardState::HasWarnings(w),
            (e, _) => CardState::HasErrors(e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CorrectiveTask, Report};
    use crate::validate::validate;

    #[test]
    fn anchors_are_the_headings_in_lower_case() {
        let headings: Vec<String> = cards(Template::PagerDuty).into_iter().map(|c| c.anchor).collect();
        assert!(headings.contains(&"section-howd-we-do".to_owned()), "{headings:?}");
        assert_eq!(headings[0], "section-details");
        assert_eq!(headings.last().unwrap(), "section-your-own-sections");
        for template in Template::ALL.iter().copied() {
            let mut anchors: Vec<String> = cards(template).into_iter().map(|c| c.anchor).collect();
            let all = anchors.len();
            anchors.sort();
            anchors.dedup();
            assert_eq!(anchors.len(), all, "{template:?}");
        }
    }

    /// Every finding of a report with something wrong in every field lands on the card that
    /// shows its field, in every template.
    #[test]
    fn findings_land_on_the_card_that_holds_their_field() {
        let mut report = Report::default();
        report.measures.tasks.push(CorrectiveTask {
            text: "Add a probe".into(),
            ..Default::default()
        });
        let findings = validate(&report);
        for template in Template::ALL.iter().copied() {
            let cards = cards(template);
            let card = |path: &str| cards[card_of(&cards, path)].heading;
            assert_eq!(card("title"), "Details");
            assert_eq!(card("incident.url"), "Details");
            assert_eq!(card("extra_sections[2].heading"), "Your own sections");
            let tasks = card("measures.tasks[0].owner");
            assert_eq!(card("measures"), tasks);
            assert!(cards
                .iter()
                .any(|c| c.heading == tasks && c.anchor != "section-details"));
            assert_eq!(card("summary"), card("summary.impact"));
            let paths: Vec<Vec<&str>> = cards.iter().map(card_paths).collect();
            for finding in &findings {
                assert!(holder(&paths, &finding.path).is_some(), "{template:?} {}", finding.path);
            }
            let states = card_states(&findings, &cards);
            assert_eq!(states[0], CardState::HasErrors(1), "{template:?}: the title");
        }
        let classic = cards(Template::Classic);
        let at = |path: &str| classic[card_of(&classic, path)].heading;
        assert_eq!(at("summary.started_at"), "Issue Summary");
        assert_eq!(at("timeline[3].time"), "Timeline");
        assert_eq!(at("root_cause_and_resolution.resolution"), "Root Cause and Resolution");
        assert_eq!(at("measures.tasks[0].owner"), "Corrective and Preventative Measures");
        assert_eq!(at("images[0].url"), "Images");
        let google = cards(Template::GoogleSre);
        let at = |path: &str| google[card_of(&google, path)].heading;
        assert_eq!(at("summary.detection"), "Detection");
        assert_eq!(at("summary.users_affected_percent"), "Impact");
        assert_eq!(at("root_cause_and_resolution.contributing_factors[1]"), "Root Causes");
    }

    /// A finding path that merely starts like a field is not in it.
    #[test]
    fn a_path_is_within_a_field_only_at_a_separator() {
        assert!(within("timeline", "timeline"));
        assert!(within("timeline[0].text", "timeline"));
        assert!(!within("timelines", "timeline"));
    }
}
