//! The report's fields, described once: the label the form gives each, the example it shows,
//! where it lives in the report (the path its findings name), the input it takes, and how that
//! input's text reads and writes it. The same description serves a field of the report and a
//! field of each item of a list (a task's owner, a responder's role). The form renders every
//! one with one component, so a new field is one entry here.

use crate::markdown::layout::{self, ListField, SummaryItem};
use crate::model::{
    CorrectiveTask, DetectionMethod, DueDate, EntryKind, ExtraSection, Image, ImpactFigure, IncidentReference,
    LessonsLearned, Milestone, Priority, Report, Responder, Review, ReviewStatus, Role, TaskStatus, TaskType, Template,
    TimelineEntry, TimesFrom,
};

/// The input a field takes.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    Line,
    /// A text area of this many rows (Markdown where the field is a block).
    Area(u32),
    /// One of a closed list: (value, words shown), and the words for "not set" if it may be.
    Choice {
        choices: fn() -> Vec<(String, String)>,
        unset: Option<&'static str>,
    },
}

/// One field of the report (or, with `T` an item type, of each item of a list) as the form
/// shows it.
pub struct Field<T: 'static = Report> {
    pub label: &'static str,
    /// Its path in the report, as findings name it: `summary.impact`. For an item's field, the
    /// last part of the path (`owner` in `measures.tasks[2].owner`); empty for the item itself.
    pub path: &'static str,
    /// An example of a good answer.
    pub placeholder: &'static str,
    pub input: Input,
    /// Whether it takes the form's whole width (or, in a row of an item, the spare width).
    pub wide: bool,
    pub read: fn(&T) -> String,
    pub write: fn(&mut T, String),
}

// Plain data (strings and function pointers), whatever `T` is.
impl<T: 'static> Clone for Field<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Field<T> {}

impl<T: 'static> Field<T> {
    /// The path of this field of the item at `index` of the list at `list_path`.
    pub fn item_path(&self, list_path: &str, index: usize) -> String {
        item_path(list_path, self.path, index)
    }
}

/// The path of `field` (the last part of a path, or empty for the item itself) of the item at
/// `index` of the list at `list_path`: `measures.tasks[2].owner`.
pub fn item_path(list_path: &str, field: &str, index: usize) -> String {
    match field {
        "" => format!("{list_path}[{index}]"),
        field => format!("{list_path}[{index}].{field}"),
    }
}

/// `None` for blank text.
pub fn non_empty(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// "a, b" as a list of its non-blank parts.
pub fn comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect()
}

/// The (value, words) pairs of a closed list of choices.
pub fn choices_of<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|c| (key(*c).to_owned(), label(*c).to_owned())).collect()
}

/// Changes the incident reference, and forgets it once it holds neither key nor link.
fn edit_incident(report: &mut Report, change: impl FnOnce(&mut IncidentReference)) {
    change(report.incident.get_or_insert_with(IncidentReference::default));
    report.incident = report.incident.take().filter(|i| !i.is_empty());
}

/// Changes the review, and forgets it once it says nothing.
fn edit_review(report: &mut Report, change: impl FnOnce(&mut Review)) {
    change(report.review.get_or_insert_with(Review::default));
    report.review = report.review.take().filter(|r| !r.is_empty());
}

fn review_list(report: &Report, get: fn(&Review) -> &Vec<String>) -> String {
    report.review.as_ref().map(|r| get(r).join(", ")).unwrap_or_default()
}

const fn line<T>(label: &'static str, path: &'static str, placeholder: &'static str) -> Field<T> {
    Field {
        label,
        path,
        placeholder,
        input: Input::Line,
        wide: false,
        read: |_| String::new(),
        write: |_, _| {},
    }
}

pub const TITLE: Field = Field {
    wide: true,
    read: |r| r.title.clone(),
    write: |r, v| r.title = v,
    ..line("Title", "title", "Checkout outage after TLS certificate renewal")
};

pub const SERVICE: Field = Field {
    read: |r| r.service.clone().unwrap_or_default(),
    write: |r, v| r.service = non_empty(v),
    ..line("Service affected", "service", "Checkout API")
};

pub const TEMPLATE: Field = Field {
    input: Input::Choice {
        choices: || choices_of(Template::ALL, Template::key, Template::label),
        unset: None,
    },
    read: |r| r.template.key().to_owned(),
    write: |r, v| r.template = Template::from_name(&v).unwrap_or_default(),
    ..line("Template", "template", "")
};

pub const AUTHORS: Field = Field {
    wide: true,
    read: |r| r.authors.join(", "),
    write: |r, v| r.authors = comma_list(&v),
    ..line("Authors", "authors", "Priya Raman, Tomás Okafor")
};

pub const INCIDENT_KEY: Field = Field {
    read: |r| r.incident.as_ref().and_then(|i| i.key.clone()).unwrap_or_default(),
    write: |r, v| edit_incident(r, |i| i.key = non_empty(v)),
    ..line("Incident reference", "incident.key", "INC-1042")
};

pub const INCIDENT_URL: Field = Field {
    read: |r| r.incident.as_ref().and_then(|i| i.url.clone()).unwrap_or_default(),
    write: |r, v| edit_incident(r, |i| i.url = non_empty(v)),
    ..line("Incident link", "incident.url", "https://tracker.example/INC-1042")
};

pub const OWNER: Field = Field {
    read: |r| r.owner.clone().unwrap_or_default(),
    write: |r, v| r.owner = non_empty(v),
    ..line("Postmortem owner", "owner", "Who sees it through to published")
};

pub const TAGS: Field = Field {
    read: |r| r.tags.join(", "),
    write: |r, v| r.tags = comma_list(&v),
    ..line("Tags", "tags", "payments, certificates, migration")
};

pub const IMPACT: Field = Field {
    input: Input::Area(3),
    wide: true,
    read: |r| r.summary.impact.clone(),
    write: |r, v| r.summary.impact = v,
    ..line(
        "Impact",
        "summary.impact",
        "Every card payment at checkout failed with \"We couldn't take your payment\"; browsing kept working.",
    )
};

pub const BUSINESS_IMPACT: Field = Field {
    read: |r| r.summary.business_impact.clone().unwrap_or_default(),
    write: |r, v| r.summary.business_impact = non_empty(v),
    ..line("Business impact", "summary.business_impact", "About 2,100 orders lost")
};

pub const DETECTED_BY: Field = Field {
    input: Input::Choice {
        choices: || choices_of(DetectionMethod::ALL, DetectionMethod::key, DetectionMethod::label),
        unset: Some("Not set"),
    },
    read: |r| r.summary.detection.map_or("", DetectionMethod::key).to_owned(),
    write: |r, v| r.summary.detection = DetectionMethod::from_name(&v),
    ..line("Detected by", "summary.detection", "")
};

pub const KEY_TIMES_FROM: Field = Field {
    input: Input::Choice {
        choices: || choices_of(TimesFrom::ALL, TimesFrom::key, TimesFrom::label),
        unset: None,
    },
    read: |r| r.summary.key_times_from.key().to_owned(),
    write: |r, v| r.summary.key_times_from = TimesFrom::from_name(&v).unwrap_or_default(),
    ..line("Measure key times from", "summary.key_times_from", "")
};

pub const SUMMARY_ROOT_CAUSE: Field = Field {
    input: Input::Area(2),
    wide: true,
    read: |r| r.summary.root_cause.clone(),
    write: |r, v| r.summary.root_cause = v,
    ..line(
        "Root cause, in one sentence",
        "summary.root_cause",
        "The client certificate expired because its renewal job was left disabled after a migration.",
    )
};

pub const ROOT_CAUSE: Field = Field {
    input: Input::Area(8),
    wide: true,
    read: |r| r.root_cause_and_resolution.root_cause.clone(),
    write: |r, v| r.root_cause_and_resolution.root_cause = v,
    ..line(
        "Root cause",
        "root_cause_and_resolution.root_cause",
        "The renewal job was suspended during the scheduler migration, so the certificate expired on…",
    )
};

pub const TRIGGER: Field = Field {
    input: Input::Area(2),
    wide: true,
    read: |r| r.root_cause_and_resolution.trigger.clone(),
    write: |r, v| r.root_cause_and_resolution.trigger = v,
    ..line(
        "Trigger",
        "root_cause_and_resolution.trigger",
        "What set it off, if not the cause itself: the certificate's expiry time passing at 09:12.",
    )
};

pub const RESOLUTION: Field = Field {
    input: Input::Area(6),
    wide: true,
    read: |r| r.root_cause_and_resolution.resolution.clone(),
    write: |r, v| r.root_cause_and_resolution.resolution = v,
    ..line(
        "Resolution",
        "root_cause_and_resolution.resolution",
        "We issued a new certificate, deployed it, and confirmed payments succeeded end to end.",
    )
};

pub const REVIEW_STATUS: Field = Field {
    input: Input::Choice {
        choices: || choices_of(ReviewStatus::ALL, ReviewStatus::key, ReviewStatus::label),
        unset: None,
    },
    read: |r| {
        r.review
            .as_ref()
            .map_or(ReviewStatus::Draft, |v| v.status)
            .key()
            .to_owned()
    },
    write: |r, v| {
        edit_review(r, |review| {
            review.status = ReviewStatus::from_name(&v).unwrap_or_default()
        })
    },
    ..line("Review status", "review.status", "")
};

pub const REVIEW_DATE: Field = Field {
    read: |r| {
        r.review
            .as_ref()
            .and_then(|v| v.date.as_ref())
            .map(DueDate::to_json_string)
            .unwrap_or_default()
    },
    write: |r, v| edit_review(r, |review| review.date = non_empty(v).map(|v| DueDate::parse(&v))),
    ..line("Review date", "review.date", "2026-04-02")
};

pub const REVIEWERS: Field = Field {
    read: |r| review_list(r, |v| &v.reviewers),
    write: |r, v| edit_review(r, |review| review.reviewers = comma_list(&v)),
    ..line("Reviewers", "review.reviewers", "Jun Takeda, Ravi Anand")
};

pub const SHARED_WITH: Field = Field {
    read: |r| review_list(r, |v| &v.shared_with),
    write: |r, v| edit_review(r, |review| review.shared_with = comma_list(&v)),
    ..line("Shared with", "review.shared_with", "#payments, engineering-all")
};

/// The field a summary item is written from, for the items a plain field can edit (the
/// window, the share of users and the figures need controls of their own).
pub fn summary_field(item: SummaryItem) -> Option<Field> {
    match item {
        SummaryItem::Impact => Some(IMPACT),
        SummaryItem::BusinessImpact => Some(BUSINESS_IMPACT),
        SummaryItem::DetectedBy => Some(DETECTED_BY),
        SummaryItem::RootCause => Some(SUMMARY_ROOT_CAUSE),
        SummaryItem::Duration | SummaryItem::UsersAffected | SummaryItem::ImpactFigures => None,
    }
}

/// The field a block of Markdown is written from.
pub fn text_field(field: layout::TextField) -> Field {
    match field {
        layout::TextField::RootCause => ROOT_CAUSE,
        layout::TextField::Trigger => TRIGGER,
        layout::TextField::Resolution => RESOLUTION,
    }
}

/// A closed list as a drop-down, with the words for "not set" if it may be.
const fn choice<T>(
    label: &'static str,
    path: &'static str,
    choices: fn() -> Vec<(String, String)>,
    unset: Option<&'static str>,
) -> Field<T> {
    Field {
        input: Input::Choice { choices, unset },
        ..line(label, path, "")
    }
}

/// A timeline entry's fields after its time, which the form reads in the summary's offset.
pub const TIMELINE_ENTRY: [Field<TimelineEntry>; 4] = [
    Field {
        read: |e| e.kind.key().to_owned(),
        write: |e, v| e.kind = EntryKind::from_name(&v).unwrap_or_default(),
        ..choice(
            "Kind",
            "kind",
            || choices_of(&EntryKind::ALL, EntryKind::key, EntryKind::label),
            None,
        )
    },
    Field {
        read: |e| e.actor.clone().unwrap_or_default(),
        write: |e, v| e.actor = non_empty(v),
        ..line("Who", "actor", "On-call SRE")
    },
    Field {
        read: |e| e.milestone.map_or("", Milestone::key).to_owned(),
        write: |e, v| e.milestone = Milestone::from_name(&v),
        ..choice(
            "Milestone",
            "milestone",
            || choices_of(Milestone::ALL, Milestone::key, Milestone::label),
            Some("None"),
        )
    },
    Field {
        input: Input::Area(2),
        wide: true,
        read: |e| e.text.clone(),
        write: |e, v| e.text = v,
        ..line(
            "What happened",
            "text",
            "Pager alert for checkout 5xx rate above 20%; on-call acknowledged.",
        )
    },
];

/// A corrective task's fields: what to do first, then how it is tracked.
pub const TASK: [Field<CorrectiveTask>; 7] = [
    Field {
        wide: true,
        read: |t| t.text.clone(),
        write: |t, v| t.text = v,
        ..line("Task", "text", "Add an expiry alert for every client certificate")
    },
    Field {
        read: |t| t.owner.clone().unwrap_or_default(),
        write: |t, v| t.owner = non_empty(v),
        ..line("Owner", "owner", "Payments team")
    },
    Field {
        read: |t| t.due.as_ref().map(DueDate::to_json_string).unwrap_or_default(),
        write: |t, v| t.due = non_empty(v).map(|v| DueDate::parse(&v)),
        ..line("Due", "due", "2026-04-01 or Q3")
    },
    Field {
        read: |t| t.ticket.clone().unwrap_or_default(),
        write: |t, v| t.ticket = non_empty(v),
        ..line("Ticket", "ticket", "OPS-1234 or a link")
    },
    Field {
        read: |t| t.priority.map_or("", Priority::key).to_owned(),
        write: |t, v| t.priority = Priority::from_name(&v),
        ..choice(
            "Priority",
            "priority",
            || choices_of(Priority::ALL, Priority::key, Priority::label),
            Some("Not set"),
        )
    },
    Field {
        read: |t| t.kind.map_or("", TaskType::key).to_owned(),
        write: |t, v| t.kind = TaskType::from_name(&v),
        ..choice(
            "Type",
            "type",
            || choices_of(TaskType::ALL, TaskType::key, TaskType::label),
            Some("Not set"),
        )
    },
    Field {
        read: |t| t.status.key().to_owned(),
        write: |t, v| t.status = TaskStatus::from_name(&v).unwrap_or_default(),
        ..choice(
            "Status",
            "status",
            || choices_of(TaskStatus::ALL, TaskStatus::key, TaskStatus::label),
            None,
        )
    },
];

pub const RESPONDER: [Field<Responder>; 2] = [
    Field {
        wide: true,
        read: |r| r.name.clone(),
        write: |r, v| r.name = v,
        ..line("Name", "name", "Priya Raman")
    },
    Field {
        read: |r| r.role.as_ref().map(|role| role.label().to_owned()).unwrap_or_default(),
        write: |r, v| r.role = non_empty(v).map(|v| Role::parse(&v)),
        ..line("Role", "role", "incident commander, scribe…")
    },
];

pub const IMPACT_FIGURE: [Field<ImpactFigure>; 2] = [
    Field {
        wide: true,
        read: |f| f.name.clone(),
        write: |f, v| f.name = v,
        ..line("Figure", "name", "Failed checkouts")
    },
    Field {
        read: |f| f.value.clone(),
        write: |f, v| f.value = v,
        ..line("Value", "value", "1,240")
    },
];

pub const IMAGE: [Field<Image>; 2] = [
    Field {
        wide: true,
        read: |i| i.url.clone(),
        write: |i, v| i.url = v,
        ..line("Image URL", "url", "https://grafana.example.com/render/d/checkout.png")
    },
    Field {
        wide: true,
        read: |i| i.alt.clone(),
        write: |i, v| i.alt = v,
        ..line("Description", "alt", "Checkout error rate, 09:00–11:00")
    },
];

pub const EXTRA_SECTION: [Field<ExtraSection>; 2] = [
    Field {
        wide: true,
        read: |s| s.heading.clone(),
        write: |s, v| s.heading = v,
        ..line("Heading", "heading", "Customer communication")
    },
    Field {
        input: Input::Area(5),
        wide: true,
        read: |s| s.body.clone(),
        write: |s, v| s.body = v,
        ..line("Body (Markdown)", "body", "What we told customers, when, and where.")
    },
];

/// A list of one-line texts in the report, as the form shows it.
#[derive(Clone, Copy)]
pub struct TextList {
    /// Its path in the report (`measures.improvements`).
    pub path: &'static str,
    /// The label of one item.
    pub item: Field<String>,
    /// What one item is called in button labels ("factor").
    pub noun: &'static str,
    pub add_label: &'static str,
    pub get: fn(&Report) -> &Vec<String>,
    pub get_mut: fn(&mut Report) -> &mut Vec<String>,
}

static NO_LESSONS: Vec<String> = Vec::new();

fn lessons(r: &mut Report) -> &mut LessonsLearned {
    r.lessons_learned.get_or_insert_with(LessonsLearned::default)
}

const fn text_item(label: &'static str, placeholder: &'static str) -> Field<String> {
    Field {
        wide: true,
        read: String::clone,
        write: |item, text| *item = text,
        ..line(label, "", placeholder)
    }
}

/// The form's description of one of the report's lists of texts.
pub fn text_list(list: ListField) -> TextList {
    match list {
        ListField::ContributingFactors => TextList {
            path: "root_cause_and_resolution.contributing_factors",
            item: text_item("Contributing factor", "Expiry monitoring only probed public endpoints"),
            noun: "factor",
            add_label: "Add contributing factor",
            get: |r| &r.root_cause_and_resolution.contributing_factors,
            get_mut: |r| &mut r.root_cause_and_resolution.contributing_factors,
        },
        ListField::Improvements => TextList {
            path: "measures.improvements",
            item: text_item("Improvement", "Alert on certificate expiry 30 days ahead"),
            noun: "improvement",
            add_label: "Add improvement",
            get: |r| &r.measures.improvements,
            get_mut: |r| &mut r.measures.improvements,
        },
        ListField::WentWell => TextList {
            path: "lessons_learned.went_well",
            item: text_item("Went well", "The status page went up within five minutes"),
            noun: "lesson",
            add_label: "Add what went well",
            get: |r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.went_well),
            get_mut: |r| &mut lessons(r).went_well,
        },
        ListField::WentWrong => TextList {
            path: "lessons_learned.went_wrong",
            item: text_item("Went wrong", "Nobody knew which team owned the renewal job"),
            noun: "lesson",
            add_label: "Add what went wrong",
            get: |r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.went_wrong),
            get_mut: |r| &mut lessons(r).went_wrong,
        },
        ListField::GotLucky => TextList {
            path: "lessons_learned.got_lucky",
            item: text_item("Got lucky", "It happened outside the sales peak"),
            noun: "lesson",
            add_label: "Add where we got lucky",
            get: |r| r.lessons_learned.as_ref().map_or(&NO_LESSONS, |l| &l.got_lucky),
            get_mut: |r| &mut lessons(r).got_lucky,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Field; 20] = [
        KEY_TIMES_FROM,
        TITLE,
        SERVICE,
        TEMPLATE,
        AUTHORS,
        INCIDENT_KEY,
        INCIDENT_URL,
        OWNER,
        TAGS,
        IMPACT,
        BUSINESS_IMPACT,
        DETECTED_BY,
        SUMMARY_ROOT_CAUSE,
        ROOT_CAUSE,
        TRIGGER,
        RESOLUTION,
        REVIEW_STATUS,
        REVIEW_DATE,
        REVIEWERS,
        SHARED_WITH,
    ];

    /// What a field writes, it reads back; clearing it leaves the item as it was.
    fn reads_what_it_wrote<T: Default + PartialEq + std::fmt::Debug>(fields: &[Field<T>]) {
        for field in fields {
            let value = match field.input {
                Input::Choice { choices, .. } => choices().last().expect("a choice").0.clone(),
                _ => "Ana, Bo".to_owned(),
            };
            let mut item = T::default();
            (field.write)(&mut item, value.clone());
            assert_eq!((field.read)(&item), value, "{}", field.path);
            if !matches!(field.input, Input::Choice { unset: None, .. }) {
                (field.write)(&mut item, String::new());
                assert_eq!(item, T::default(), "{}", field.path);
            }
        }
    }

    #[test]
    fn every_field_reads_what_it_wrote_and_clears_to_nothing() {
        reads_what_it_wrote(&ALL);
        reads_what_it_wrote(&TIMELINE_ENTRY);
        reads_what_it_wrote(&TASK);
        reads_what_it_wrote(&RESPONDER);
        reads_what_it_wrote(&IMPACT_FIGURE);
        reads_what_it_wrote(&IMAGE);
        reads_what_it_wrote(&EXTRA_SECTION);
        for list in [
            ListField::ContributingFactors,
            ListField::Improvements,
            ListField::WentWell,
            ListField::WentWrong,
            ListField::GotLucky,
        ] {
            let list = text_list(list);
            reads_what_it_wrote(&[list.item]);
            let mut report = Report::default();
            (list.get_mut)(&mut report).push("x".into());
            assert_eq!((list.get)(&report), &vec!["x".to_owned()], "{}", list.path);
        }
    }
}
