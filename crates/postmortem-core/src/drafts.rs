//! How drafts are kept: the envelope a draft is saved in, the backup of all drafts, and the
//! checks a file passes before it is opened. The browser storage itself is the app's
//! (`src/storage.rs`); this module decides what the bytes mean.
//!
//! A draft envelope carries its own format, version and revision. The revision counts saves,
//! so that a tab can tell that another tab saved the same draft since it last read it.
//! Envelopes of a newer version, or that are not ours, are refused with a reason, and the app
//! keeps their bytes untouched.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::json::{from_value, kind_of, short, Document, ReadError};
use crate::model::Report;

pub const DRAFT_FORMAT: &str = "postmortem-draft";
pub const DRAFT_VERSION: u64 = 1;
pub const BACKUP_FORMAT: &str = "postmortem-backup";
pub const BACKUP_VERSION: u64 = 1;

/// The largest file the app opens.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// One saved draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Stable for the draft's life; names its storage key.
    pub id: String,
    /// How many times it has been saved.
    pub revision: u64,
    /// When it was last saved (RFC 3339).
    pub saved_at: String,
    pub report: Report,
}

/// Why stored or opened bytes could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DraftError {
    #[error("not valid JSON: {0}")]
    Syntax(String),
    #[error("not a draft of this app (found {0})")]
    Foreign(String),
    #[error("saved by a newer version of Postmortem Studio (draft version {0}); this version reads version 1")]
    FutureVersion(u64),
    #[error("draft version {0} is not one this app ever wrote")]
    UnknownVersion(String),
    #[error("`{0}` is missing or of the wrong type")]
    Field(&'static str),
    #[error("the report inside is unreadable: {0}")]
    Report(#[from] ReadError),
}

/// A draft as stored: the envelope first, the report last, so a person reading the stored
/// text sees which draft and revision it is before thousands of timeline lines.
#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u64,
    id: &'a str,
    revision: u64,
    saved_at: &'a str,
    report: Document<'a>,
}

/// The envelope's fields without the report. Autosave reads only this from the stored copy to
/// learn its revision: parsing the report too would cost more than the save itself.
#[derive(Deserialize)]
struct StoredHeader {
    #[serde(default, deserialize_with = "present")]
    format: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    version: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    id: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    revision: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    saved_at: Option<Value>,
    // Checked to be well-formed JSON, then skipped without building anything.
    #[allow(dead_code)]
    report: Option<IgnoredAny>,
}

/// A field that is there, even as `null` (which a plain `Option` would read as absent).
fn present<'de, D: serde::Deserializer<'de>>(value: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(value).map(Some)
}

/// What the envelope says about a stored draft, its report aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftHeader {
    pub id: String,
    pub revision: u64,
    pub saved_at: String,
}

impl<'a> Envelope<'a> {
    fn new(id: &'a str, revision: u64, saved_at: &'a str, report: &'a Report) -> Self {
        Self {
            format: DRAFT_FORMAT,
            version: DRAFT_VERSION,
            id,
            revision,
            saved_at,
            report: Document::new(report),
        }
    }

    /// The stored text, written into a buffer of `capacity` bytes to start with.
    fn to_json(&self, capacity: usize) -> String {
        let mut text = Vec::with_capacity(capacity);
        // Plain strings, numbers and enums cannot fail to serialise, and serde_json writes UTF-8.
        drop(serde_json::to_writer(&mut text, self));
        String::from_utf8(text).unwrap_or_default()
    }
}

impl DraftHeader {
    /// The draft as stored: this envelope around `report`. `capacity` is a guess at its length
    /// (say, the stored copy's), which spares growing the text many times for a long report.
    pub fn envelope_json(&self, report: &Report, capacity: usize) -> String {
        Envelope::new(&self.id, self.revision, &self.saved_at, report).to_json(capacity)
    }
}

impl Draft {
    /// The envelope as stored.
    pub fn to_json(&self) -> String {
        self.envelope().to_json(0)
    }

    fn envelope(&self) -> Envelope<'_> {
        Envelope::new(&self.id, self.revision, &self.saved_at, &self.report)
    }

    pub fn from_json(text: &str) -> Result<Self, DraftError> {
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::Syntax(e.to_string()))?;
        Self::from_value(value)
    }

    /// Reads a stored draft's envelope without its report: the same checks as [`Draft::from_json`]
    /// on everything but the report, which only has to be well-formed JSON.
    pub fn header_from_json(text: &str) -> Result<DraftHeader, DraftError> {
        // Anything but an object (which serde would also accept as a list of the fields in
        // order), or an object this shortcut cannot read (a field given twice): the full read
        // gives the same answer and message as opening the draft would.
        let full_read = || Self::from_json(text).map(|draft| draft.header());
        if !text.trim_start().starts_with('{') {
            return full_read();
        }
        let stored: StoredHeader = match serde_json::from_str(text) {
            Ok(stored) => stored,
            Err(e) if e.is_data() => return full_read(),
            Err(e) => return Err(DraftError::Syntax(e.to_string())),
        };
        let fields: Map<String, Value> = [
            ("format", stored.format),
            ("version", stored.version),
            ("id", stored.id),
            ("revision", stored.revision),
            ("saved_at", stored.saved_at),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name.to_owned(), value?)))
        .collect();
        read_header(&fields)
    }

    pub fn header(&self) -> DraftHeader {
        DraftHeader {
            id: self.id.clone(),
            revision: self.revision,
            saved_at: self.saved_at.clone(),
        }
    }

    fn from_value(value: Value) -> Result<Self, DraftError> {
        let Value::Object(mut fields) = value else {
            return Err(DraftError::Foreign(kind_of(&value).to_owned()));
        };
        let DraftHeader { id, revision, saved_at } = read_header(&fields)?;
        let report = from_value(fields.remove("report").ok_or(DraftError::Field("report"))?)?;
        Ok(Self {
            id,
            revision,
            saved_at,
            report,
        })
    }
}

/// Checks an envelope's format and version and reads its other fields.
fn read_header(fields: &Map<String, Value>) -> Result<DraftHeader, DraftError> {
    match fields.get("format") {
        Some(Value::String(format)) if format == DRAFT_FORMAT => {}
        Some(other) => return Err(DraftError::Foreign(format!("format {}", short(other)))),
        None => return Err(DraftError::Foreign("an object without `format`".to_owned())),
    }
    // Each older version would migrate here, one pure step at a time, to the current one.
    // Version 1 is the first, so there is nothing older to migrate yet.
    match fields.get("version").and_then(Value::as_u64) {
        Some(DRAFT_VERSION) => {}
        Some(newer) if newer > DRAFT_VERSION => return Err(DraftError::FutureVersion(newer)),
        _ => {
            let found = fields.get("version").map(short).unwrap_or_else(|| "missing".to_owned());
            return Err(DraftError::UnknownVersion(found));
        }
    }
    let text = |name: &'static str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or(DraftError::Field(name))
    };
    Ok(DraftHeader {
        id: text("id")?,
        saved_at: text("saved_at")?,
        revision: fields
            .get("revision")
            .and_then(Value::as_u64)
            .ok_or(DraftError::Field("revision"))?,
    })
}

/// All drafts in one file, to move them to another browser or keep them safe.
pub fn backup_to_json(drafts: &[Draft]) -> String {
    #[derive(Serialize)]
    struct Backup<'a> {
        format: &'static str,
        version: u64,
        drafts: Vec<Envelope<'a>>,
    }
    let document = Backup {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        drafts: drafts.iter().map(Draft::envelope).collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    /// A report exported as JSON.
    Report(Box<Report>),
    /// A backup: every draft it holds, each read on its own so one bad draft loses no others.
    Backup(Vec<Result<Draft, DraftError>>),
    /// A postmortem written in Markdown: its text, for [`import_markdown`] to read. (The web
    /// app reads it in a worker, loaded when first needed.)
    ///
    /// [`import_markdown`]: crate::import_markdown
    Markdown(String),
}

/// Why a file could not be opened. Each says what is wrong in words a person can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpenError {
    #[error("the file is {size_mb:.1} MB; the largest file Postmortem Studio opens is 5 MB")]
    TooLarge { size_mb: f64 },
    #[error("the file is empty")]
    Empty,
    #[error("the file is not text (not UTF-8: invalid byte at offset {0}); is it a PDF or an image?")]
    NotUtf8(usize),
    #[error("the file is not JSON ({0}); a Markdown postmortem opens from a .md or .txt file, or with Paste Markdown")]
    NotJson(String),
    #[error("the file's JSON is nested too deeply to be a postmortem")]
    TooDeep,
    #[error("{0}")]
    Report(ReadError),
    #[error("the backup's version {0} is newer than this app reads (1)")]
    FutureBackup(u64),
    #[error("the backup has no list of drafts")]
    BackupWithoutDrafts,
}

/// Reads a file the user chose: a report exported as JSON, a backup of drafts, or a postmortem
/// in Markdown (any file whose name does not end in `.json` and whose text does not start with
/// `{`). Checks size and encoding before parsing, and never panics, whatever the bytes.
pub fn open_file(name: &str, bytes: &[u8]) -> Result<Opened, OpenError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(OpenError::TooLarge {
            size_mb: bytes.len() as f64 / (1024.0 * 1024.0),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| OpenError::NotUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(OpenError::Empty);
    }
    let named_json = name.to_ascii_lowercase().ends_with(".json");
    if !named_json && !text.trim_start().starts_with('{') {
        return Ok(Opened::Markdown(text.to_owned()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            OpenError::TooDeep
        } else {
            OpenError::NotJson(e.to_string())
        }
    })?;
    if value.get("format").and_then(Value::as_str) == Some(BACKUP_FORMAT) {
        return open_backup(value);
    }
    from_value(value)
        .map(|r| Opened::Report(Box::new(r)))
        .map_err(OpenError::Report)
}

fn open_backup(value: Value) -> Result<Opened, OpenError> {
    match value.get("version").and_then(Value::as_u64) {
        Some(BACKUP_VERSION) => {}
        Some(newer) if newer > BACKUP_VERSION => return Err(OpenError::FutureBackup(newer)),
        _ => return Err(OpenError::BackupWithoutDrafts),
    }
    let Some(Value::Array(drafts)) = value.get("drafts") else {
        return Err(OpenError::BackupWithoutDrafts);
    };
    Ok(Opened::Backup(drafts.iter().cloned().map(Draft::from_value).collect()))
}

#[cfg(test)]
mod tests;
