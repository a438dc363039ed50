//! The JSON file format (version 2): the report's fields at the top level, next to
//! `"format": "postmortem"` and `"version": 2`. `schema/postmortem.schema.json` describes it
//! (`schema/postmortem.v1.schema.json` the version before).
//!
//! Version 1 documents are read too, and come out as version 2 on the next save: version 2
//! only added fields, and replaced a task's `done: true/false` with a `status`.
//!
//! Reading is strict, because a file that is half understood would lose the other half on the
//! next save: unknown fields, wrong types, out-of-range values and other formats or versions are
//! refused with a message that names the field.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::model::Report;

pub const FORMAT: &str = "postmortem";
pub const VERSION: u64 = 2;

/// Why a JSON document could not be read as a report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("not valid JSON: {0}")]
    Syntax(String),
    #[error("the document must be a JSON object, found {0}")]
    NotAnObject(&'static str),
    #[error("`format` is missing, so this is not a postmortem document")]
    MissingFormat,
    #[error("`format` is {0}, but a postmortem document has \"postmortem\"")]
    WrongFormat(String),
    #[error("`version` is missing")]
    MissingVersion,
    #[error("`version` is {0}, but only versions 1 and 2 exist")]
    UnknownVersion(String),
    #[error("`version` is {0}, newer than this tool reads (2); use a newer Postmortem Studio")]
    FutureVersion(u64),
    #[error("`{path}`: {message}")]
    Field { path: String, message: String },
}

/// A report as a document: `format` and `version`, then the report's fields.
#[derive(Serialize)]
pub(crate) struct Document<'a> {
    format: &'static str,
    version: u64,
    #[serde(flatten)]
    report: &'a Report,
}

impl<'a> Document<'a> {
    pub(crate) fn new(report: &'a Report) -> Self {
        Self {
            format: FORMAT,
            version: VERSION,
            report,
        }
    }
}

/// The report as pretty-printed JSON, with a trailing newline.
pub fn to_json(report: &Report) -> String {
    let document = Document::new(report);
    // Serialising plain strings, numbers and enums cannot fail, except a non-finite number,
    // which serde_json writes as `null` rather than erroring.
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a version 1 or 2 document.
pub fn from_json(text: &str) -> Result<Report, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::Syntax(e.to_string()))?;
    from_value(value)
}

/// Reads a version 1 or 2 document already parsed as JSON (e.g. inside a draft or a backup).
pub fn from_value(value: Value) -> Result<Report, ReadError> {
    let Value::Object(mut fields) = value else {
        return Err(ReadError::NotAnObject(kind_of(&value)));
    };
    if check_header(&mut fields)? == 1 {
        upgrade_from_v1(&mut fields)?;
    }
    let report: Report = serde_path_to_error::deserialize(Value::Object(fields)).map_err(|e| ReadError::Field {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    check_ranges(&report)?;
    Ok(report)
}

/// Checks and removes `format` and `version`, which are the envelope, not the report. The
/// version is checked before the fields, so that a newer file says "newer" rather than
/// naming the first field this version does not know.
fn check_header(fields: &mut Map<String, Value>) -> Result<u64, ReadError> {
    match fields.remove("format") {
        None => return Err(ReadError::MissingFormat),
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => return Err(ReadError::WrongFormat(short(&other))),
    }
    match fields.remove("version") {
        None => Err(ReadError::MissingVersion),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v @ (1 | VERSION)) => Ok(v),
            Some(v) if v > VERSION => Err(ReadError::FutureVersion(v)),
            _ => Err(ReadError::UnknownVersion(n.to_string())),
        },
        Some(other) => Err(ReadError::UnknownVersion(short(&other))),
    }
}

/// Version 1 in version 2's terms. Its fields are all still there but a task's `done`, which
/// became `status`. A version 1 document holding a field only version 2 has is refused, as
/// version 1 refused it, so that nothing is half read.
fn upgrade_from_v1(fields: &mut Map<String, Value>) -> Result<(), ReadError> {
    const V2_ONLY: [&str; 5] = ["incident", "tags", "owner", "responders", "review"];
    if let Some(field) = V2_ONLY.iter().find(|f| fields.contains_key(**f)) {
        return Err(ReadError::Field {
            path: (*field).to_owned(),
            message: format!("unknown field `{field}`: it is a version 2 field, in a version 1 document"),
        });
    }
    let tasks = fields
        .get_mut("measures")
        .and_then(|m| m.get_mut("tasks"))
        .and_then(Value::as_array_mut);
    for (n, task) in tasks.into_iter().flatten().enumerate() {
        let Some(task) = task.as_object_mut() else {
            continue;
        };
        if task.contains_key("status") {
            return Err(ReadError::Field {
                path: format!("measures.tasks[{n}].status"),
                message: "unknown field `status`: version 1 has `done`".into(),
            });
        }
        match task.remove("done") {
            None => {}
            Some(Value::Bool(done)) => {
                let status = if done { "done" } else { "open" };
                task.insert("status".into(), Value::String(status.into()));
            }
            Some(other) => {
                return Err(ReadError::Field {
                    path: format!("measures.tasks[{n}].done"),
                    message: format!("invalid type: {}, expected a boolean", kind_of(&other)),
                })
            }
        }
    }
    Ok(())
}

fn check_ranges(report: &Report) -> Result<(), ReadError> {
    if let Some(percent) = report.summary.users_affected_percent {
        if !(0.0..=100.0).contains(&percent) {
            return Err(ReadError::Field {
                path: "summary.users_affected_percent".into(),
                message: format!("{percent} is out of range: a share of users is between 0 and 100"),
            });
        }
    }
    Ok(())
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value for an error message, cut short so a huge value cannot flood it.
pub(crate) fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TaskStatus;

    fn read(text: &str) -> Result<Report, ReadError> {
        from_json(text)
    }

    #[test]
    fn minimal_document_reads() {
        let report = read(r#"{"format":"postmortem","version":1,"title":"T"}"#).unwrap();
        assert_eq!(report.title, "T");
        assert!(report.timeline.is_empty());
    }

    #[test]
    fn round_trips_through_json() {
        let text = r#"{"format":"postmortem","version":1,"title":"T","severity":"SEV2",
            "summary":{"started_at":"2024-01-02T03:04:05+01:00","ended_at":"about noon","users_affected_percent":12.5},
            "timeline":[{"time":"15:00","kind":"misleading_path","text":"x","actor":"Ops"}],
            "measures":{"tasks":[{"text":"t","due":"Q3","done":true},{"text":"u","due":"2024-09-01"}]}}"#;
        let report = read(text).unwrap();
        assert_eq!(read(&to_json(&report)).unwrap(), report);
        assert!(to_json(&report).starts_with("{\n  \"format\": \"postmortem\",\n  \"version\": 2,\n  \"title\": \"T\""));
        // Version 1's `done` is version 2's status.
        let statuses: Vec<TaskStatus> = report.measures.tasks.iter().map(|t| t.status).collect();
        assert_eq!(statuses, [TaskStatus::Done, TaskStatus::Open]);
    }

    #[test]
    fn version_1_files_read_as_their_version_2_upgrade() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden");
        let mut read_v1 = 0;
        for entry in std::fs::read_dir(format!("{dir}/v1")).expect("v1 goldens") {
            let path = entry.expect("entry").path();
            let v1 = std::fs::read_to_string(&path).expect("v1 golden");
            let name = path.file_name().expect("name").to_string_lossy().into_owned();
            let v2 = std::fs::read_to_string(format!("{dir}/{name}")).expect("its upgrade");
            assert!(
                v1.contains("\"version\": 1") && v1.contains("\"done\""),
                "{name} is a version 1 file"
            );
            assert_eq!(to_json(&read(&v1).expect("v1 reads")), v2, "{name}");
            read_v1 += 1;
        }
        assert_eq!(read_v1, 5);
    }

    #[test]
    fn a_version_1_file_holds_no_version_2_field() {
        let message = |text: &str| read(text).unwrap_err().to_string();
        assert!(message(r#"{"format":"postmortem","version":1,"title":"T","tags":["x"]}"#).contains("version 2 field"));
        let status =
            r#"{"format":"postmortem","version":1,"title":"T","measures":{"tasks":[{"text":"t","status":"done"}]}}"#;
        assert!(
            message(status).starts_with("`measures.tasks[0].status`"),
            "{}",
            message(status)
        );
        let done = r#"{"format":"postmortem","version":2,"title":"T","measures":{"tasks":[{"text":"t","done":true}]}}"#;
        assert!(
            message(done).starts_with("`measures.tasks[0].done`: unknown field"),
            "{}",
            message(done)
        );
    }

    #[test]
    fn refuses_other_formats_and_versions() {
        assert_eq!(read("[]"), Err(ReadError::NotAnObject("an array")));
        assert_eq!(read(r#"{"title":"T"}"#), Err(ReadError::MissingFormat));
        assert_eq!(
            read(r#"{"format":"adr","version":1}"#),
            Err(ReadError::WrongFormat("\"adr\"".into()))
        );
        assert_eq!(read(r#"{"format":"postmortem"}"#), Err(ReadError::MissingVersion));
        assert_eq!(
            read(r#"{"format":"postmortem","version":3,"new":1}"#),
            Err(ReadError::FutureVersion(3))
        );
        assert_eq!(
            read(r#"{"format":"postmortem","version":0}"#),
            Err(ReadError::UnknownVersion("0".into()))
        );
        assert_eq!(
            read(r#"{"format":"postmortem","version":"1"}"#),
            Err(ReadError::UnknownVersion("\"1\"".into()))
        );
        assert_eq!(
            read(r#"{"format":"postmortem","version":1.5}"#),
            Err(ReadError::UnknownVersion("1.5".into()))
        );
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let message = |text: &str| read(text).unwrap_err().to_string();
        let wrong_type =
            message(r#"{"format":"postmortem","version":1,"title":"T","summary":{"users_affected_percent":"most"}}"#);
        assert!(
            wrong_type.starts_with("`summary.users_affected_percent`: invalid type: string \"most\""),
            "{wrong_type}"
        );
        let out_of_range =
            message(r#"{"format":"postmortem","version":1,"title":"T","summary":{"users_affected_percent":140}}"#);
        assert_eq!(
            out_of_range,
            "`summary.users_affected_percent`: 140 is out of range: a share of users is between 0 and 100"
        );
        let unknown =
            message(r#"{"format":"postmortem","version":1,"title":"T","timeline":[{"text":"a","colour":"red"}]}"#);
        assert!(
            unknown.starts_with("`timeline[0].colour`: unknown field `colour`"),
            "{unknown}"
        );
        let bad_kind =
            message(r#"{"format":"postmortem","version":1,"title":"T","timeline":[{"text":"a","kind":"panic"}]}"#);
        assert!(
            bad_kind.starts_with("`timeline[0].kind`: unknown variant `panic`"),
            "{bad_kind}"
        );
        let missing = message(r#"{"format":"postmortem","version":1}"#);
        assert!(missing.contains("missing field `title`"), "{missing}");
    }

    #[test]
    fn syntax_errors_say_where() {
        let error = read("{\n  \"format\": \"postmortem\",\n  \"version\": 1,\n  \"title\": \n}").unwrap_err();
        assert!(error.to_string().contains("line 5"), "{error}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(read(&deep), Err(ReadError::Syntax(_))));
    }
}
