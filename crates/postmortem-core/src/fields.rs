//! The report's single-value fields, described once: the label the form gives each, the
//! example it shows, where it lives in the report (the path its findings name), the input it
//! takes, and how that input's text reads and writes it. The form renders every one with one
//! component, so a new field is one entry here.

use crate::model::{DetectionMethod, DueDate, IncidentReference, Report, Review, ReviewStatus, Template};

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

/// One field of the report as the form shows it.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub label: &'static str,
    /// Its path in the report, as findings name it: `summary.impact`.
    pub path: &'static str,
    /// An example of a good answer.
    pub placeholder: &'static str,
    pub input: Input,
    /// Whether it takes the form's whole width.
    pub wide: bool,
    pub read: fn(&Report) -> String,
    pub write: fn(&mut Report, String),
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

const fn line(label: &'static str, path: &'static str, placeholder: &'static str) -> Field {
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

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Field; 19] = [
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

    /// What a field writes, it reads back; clearing it leaves the report as it was.
    #[test]
    fn every_field_reads_what_it_wrote_and_clears_to_nothing() {
        for field in ALL {
            let value = match field.input {
                Input::Choice { choices, .. } => choices().last().expect("a choice").0.clone(),
                _ => "Ana, Bo".to_owned(),
            };
            let mut report = Report::default();
            (field.write)(&mut report, value.clone());
            assert_eq!((field.read)(&report), value, "{}", field.path);
            if !matches!(field.input, Input::Choice { unset: None, .. }) {
                (field.write)(&mut report, String::new());
                assert_eq!(report, Report::default(), "{}", field.path);
            }
        }
    }
}
