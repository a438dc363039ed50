//! Starting points for a new draft: the classic four-section report people already write, and
//! a fuller one with lessons learned and owned action items. They hold structure (entries of
//! the kinds a timeline needs, empty tasks with owner and due fields to fill), not example
//! prose, so nothing placeholder-like ends up exported by mistake: empty parts export nothing.

use crate::model::{CorrectiveMeasures, CorrectiveTask, EntryKind, LessonsLearned, Report, TimelineEntry};

/// A template a new draft can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Blank,
    /// Summary, timeline, root cause and resolution, measures.
    Classic,
    /// Classic plus lessons learned and tasks laid out for owners and dates.
    Full,
}

impl Template {
    pub const ALL: [Template; 3] = [Self::Blank, Self::Classic, Self::Full];

    pub fn label(self) -> &'static str {
        match self {
            Self::Blank => "Blank report",
            Self::Classic => "Classic four sections",
            Self::Full => "Full, with lessons and owned tasks",
        }
    }

    pub fn report(self) -> Report {
        match self {
            Self::Blank => Report::default(),
            Self::Classic => classic(),
            Self::Full => Report {
                lessons_learned: Some(LessonsLearned {
                    went_well: vec![String::new()],
                    went_wrong: vec![String::new()],
                    got_lucky: vec![String::new()],
                }),
                measures: CorrectiveMeasures {
                    improvements: vec![String::new(), String::new()],
                    tasks: vec![CorrectiveTask::default(); 3],
                },
                ..classic()
            },
        }
    }
}

fn classic() -> Report {
    let entry = |kind| TimelineEntry {
        kind,
        ..Default::default()
    };
    Report {
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
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::to_markdown;

    #[test]
    fn templates_lay_out_structure_and_export_nothing_until_filled() {
        for template in Template::ALL {
            assert_eq!(
                to_markdown(&template.report()),
                "# Untitled postmortem\n",
                "{template:?}"
            );
        }
        let classic = Template::Classic.report();
        let kinds: Vec<EntryKind> = classic.timeline.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.first(), Some(&EntryKind::Detection));
        assert_eq!(kinds.last(), Some(&EntryKind::Resolution));
        let full = Template::Full.report();
        assert!(full.lessons_learned.is_some());
        assert_eq!(full.measures.tasks.len(), 3);
    }
}
