//! Starting points for a new draft, one per template teams already use. They hold structure
//! (entries of the kinds a timeline needs, empty tasks and lessons to fill, the template's own
//! sections that have no field of their own), not example prose, so nothing placeholder-like
//! ends up exported by mistake: empty parts export nothing.

use crate::model::{
    CorrectiveMeasures, CorrectiveTask, EntryKind, ExtraSection, LessonsLearned, Report, Responder, Template,
    TimelineEntry,
};

/// What a new draft can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Starter {
    Blank,
    /// A template's sections, ready to fill.
    Template(Template),
}

impl Starter {
    pub const ALL: [Starter; 5] = [
        Self::Blank,
        Self::Template(Template::Classic),
        Self::Template(Template::GoogleSre),
        Self::Template(Template::PagerDuty),
        Self::Template(Template::Atlassian),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Blank => "Blank report",
            Self::Template(Template::Classic) => "Classic four sections",
            Self::Template(template) => template.label(),
        }
    }

    pub fn report(self) -> Report {
        match self {
            Self::Blank => Report::default(),
            Self::Template(template) => starting_report(template),
        }
    }
}

/// The sections a template names that hold text of the team's own, rather than a field.
fn own_sections(template: Template) -> &'static [&'static str] {
    match template {
        Template::Classic | Template::GoogleSre => &[],
        Template::PagerDuty => &["Messaging"],
        Template::Atlassian => &["Leadup", "Five Whys", "Backlog Check", "Recurrence"],
    }
}

fn starting_report(template: Template) -> Report {
    let entry = |kind| TimelineEntry {
        kind,
        ..Default::default()
    };
    let mut report = Report {
        template,
        timeline: vec![
            entry(EntryKind::Detection),
            entry(EntryKind::Investigation),
            entry(EntryKind::Escalation),
            entry(EntryKind::Mitigation),
            entry(EntryKind::Resolution),
        ],
        measures: CorrectiveMeasures {
            improvements: vec![String::new()],
            tasks: vec![CorrectiveTask::default()],
        },
        extra_sections: own_sections(template)
            .iter()
            .map(|heading| ExtraSection {
                heading: (*heading).to_owned(),
                body: String::new(),
            })
            .collect(),
        ..Default::default()
    };
    if template != Template::Classic {
        // These templates ask for lessons, owned tasks and who responded.
        report.lessons_learned = Some(LessonsLearned {
            went_well: vec![String::new()],
            went_wrong: vec![String::new()],
            got_lucky: vec![String::new()],
        });
        report.measures.tasks = vec![CorrectiveTask::default(); 3];
        report.responders = vec![Responder::default()];
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_markdown;

    #[test]
    fn starters_lay_out_structure_and_export_nothing_until_filled() {
        for starter in Starter::ALL {
            let report = starter.report();
            let expected = match report.template {
                Template::Classic => "# Untitled postmortem\n".to_owned(),
                other => format!("# Untitled postmortem\n\n**Template:** {}\n", other.label()),
            };
            assert_eq!(to_markdown(&report), expected, "{starter:?}");
        }
        let classic = Starter::Template(Template::Classic).report();
        let kinds: Vec<EntryKind> = classic.timeline.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.first(), Some(&EntryKind::Detection));
        assert_eq!(kinds.last(), Some(&EntryKind::Resolution));
        let atlassian = Starter::Template(Template::Atlassian).report();
        assert!(atlassian.lessons_learned.is_some());
        assert_eq!(atlassian.extra_sections[0].heading, "Leadup");
        assert_eq!(atlassian.measures.tasks.len(), 3);
    }
}
