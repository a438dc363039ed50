use super::*;
use proptest::prelude::*;

fn draft() -> Draft {
    let report = crate::json::from_json(include_str!("../../../../tests/golden/02-dns-ttl.json")).unwrap();
    Draft {
        id: "d-1".into(),
        revision: 3,
        saved_at: "2026-02-11T09:00:00Z".into(),
        report,
    }
}

#[test]
fn a_draft_round_trips() {
    let draft = draft();
    assert_eq!(Draft::from_json(&draft.to_json()).unwrap(), draft);
}

#[test]
fn foreign_future_and_broken_drafts_are_refused_with_a_reason() {
    let read = |text: &str| Draft::from_json(text).unwrap_err().to_string();
    assert!(read("{not json").starts_with("not valid JSON"));
    assert_eq!(read("[1,2]"), "not a draft of this app (found an array)");
    assert_eq!(
        read(r#"{"theme":"dark"}"#),
        "not a draft of this app (found an object without `format`)"
    );
    assert_eq!(
        read(r#"{"format":"other-app"}"#),
        "not a draft of this app (found format \"other-app\")"
    );
    assert!(read(r#"{"format":"postmortem-draft","version":9}"#).contains("newer version"));
    assert!(read(r#"{"format":"postmortem-draft","version":0}"#).contains("not one this app ever wrote"));
    assert_eq!(
        read(r#"{"format":"postmortem-draft","version":1,"revision":1,"saved_at":"x","report":{}}"#),
        "`id` is missing or of the wrong type"
    );
    let bad_report = r#"{"format":"postmortem-draft","version":1,"id":"a","revision":1,"saved_at":"x","report":{"format":"postmortem","version":1}}"#;
    assert!(
        read(bad_report).starts_with("the report inside is unreadable"),
        "{}",
        read(bad_report)
    );
    // A truncated save (the tab died mid-write) is refused, not half read.
    let whole = draft().to_json();
    assert!(Draft::from_json(&whole[..whole.len() / 2]).is_err());
}

#[test]
fn backups_hold_every_draft_and_keep_the_good_ones_when_one_is_bad() {
    let first = draft();
    let mut second = draft();
    second.id = "d-2".into();
    second.report.title = "Second".into();
    let text = backup_to_json(&[first.clone(), second.clone()]);
    assert_eq!(
        open_file("report.json", text.as_bytes()),
        Ok(Opened::Backup(vec![Ok(first.clone()), Ok(second)]))
    );
    let damaged = text.replacen("\"revision\": 3", "\"revision\": \"three\"", 1);
    match open_file("report.json", damaged.as_bytes()) {
        Ok(Opened::Backup(drafts)) => {
            assert_eq!(drafts.len(), 2);
            assert_eq!(drafts[0], Err(DraftError::Field("revision")));
            assert!(drafts[1].is_ok());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn opening_an_exported_report() {
    let text = include_str!("../../../../tests/golden/01-checkout-tls.json");
    match open_file("report.json", text.as_bytes()) {
        Ok(Opened::Report(report)) => assert_eq!(report.timeline.len(), 11),
        other => panic!("{other:?}"),
    }
    // With a byte order mark, as some editors save.
    let with_bom = format!("\u{feff}{text}");
    assert!(matches!(
        open_file("report.json", with_bom.as_bytes()),
        Ok(Opened::Report(_))
    ));
}

#[test]
fn bad_files_say_what_is_wrong() {
    let message = |bytes: &[u8]| open_file("report.json", bytes).unwrap_err().to_string();
    let huge = vec![b' '; MAX_IMPORT_BYTES + 1];
    assert_eq!(
        message(&huge),
        "the file is 5.0 MB; the largest file Postmortem Studio opens is 5 MB"
    );
    assert_eq!(message(b""), "the file is empty");
    assert!(message(b"%PDF-1.7\n\xff\xd8").starts_with("the file is not text (not UTF-8: invalid byte at offset 9)"));
    assert!(message(b"# Postmortem\n\nText").contains("opens from a .md or .txt file"));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        message(deep.as_bytes()),
        "the file's JSON is nested too deeply to be a postmortem"
    );
    assert_eq!(
        message(br#"{"format":"adr","version":1}"#),
        "`format` is \"adr\", but a postmortem document has \"postmortem\""
    );
    assert!(message(br#"{"format":"postmortem","version":3}"#).contains("newer than this tool reads"));
    assert!(message(br#"{"format":"postmortem-backup","version":5,"drafts":[]}"#).contains("newer than this app reads"));
    assert_eq!(
        message(br#"{"format":"postmortem-backup","version":1}"#),
        "the backup has no list of drafts"
    );
}

proptest! {
    /// Whatever the bytes, opening gives an answer, never a panic.
    #[test]
    fn opening_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = open_file("report.json", &bytes);
    }

    #[test]
    fn reading_a_draft_never_panics(text in "\\PC{0,300}") {
        let _ = Draft::from_json(&text);
        let _ = Draft::header_from_json(&text);
    }

    /// The envelope-only read agrees with the full read on envelopes near a real one: fields
    /// dropped, doubled, nulled, retyped or reordered.
    #[test]
    fn the_header_read_agrees_with_the_full_read(
        edits in prop::collection::vec((0usize..6, 0usize..5), 0..4),
    ) {
        let fields = [
            r#""format":"postmortem-draft""#,
            r#""version":1"#,
            r#""id":"d-1""#,
            r#""revision":4"#,
            r#""saved_at":"2026-02-11T09:00:00Z""#,
            r#""report":{"format":"postmortem","version":1,"title":"T"}"#,
        ];
        let mut parts: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        for (field, edit) in edits {
            let name = fields[field].split(':').next().unwrap().to_owned();
            match edit {
                0 => parts[field] = format!("{name}:null"),
                1 => parts[field] = format!("{name}:[1]"),
                2 => parts.push(fields[field].to_owned()),
                3 => parts[field] = format!("{name}:\"7\""),
                _ => parts.swap(field, 5),
            }
        }
        let text = format!("{{{}}}", parts.join(","));
        match (Draft::from_json(&text), Draft::header_from_json(&text)) {
            (Ok(draft), header) => prop_assert_eq!(header, Ok(draft.header())),
            // A broken report inside a good envelope is the full read's business, though an
            // envelope the shortcut cannot take (a doubled field) falls back to the full read.
            (Err(full @ DraftError::Report(_)), header) => prop_assert!(header.is_ok() || header == Err(full)),
            (Err(full), header) => prop_assert_eq!(header, Err(full)),
        }
    }
}

#[test]
fn autosave_reads_the_envelope_without_the_report() {
    let draft = draft();
    let stored = draft.to_json();
    assert_eq!(Draft::header_from_json(&stored), Ok(draft.header()));
    // The envelope comes first, so the stored text says which draft it is at a glance.
    assert!(
        stored.starts_with(r#"{"format":"postmortem-draft","version":1,"id":"d-1","revision":3,"#),
        "{stored}"
    );
    // Every envelope the full read refuses, the header read refuses with the same reason.
    for text in [
        "{not json",
        "[1,2]",
        r#"["postmortem-draft",1,"d-1",3,"x"]"#,
        r#"{"theme":"dark"}"#,
        r#"{"format":"other-app"}"#,
        r#"{"format":null}"#,
        r#"{"format":"postmortem-draft","version":9}"#,
        r#"{"format":"postmortem-draft","version":1,"revision":1,"saved_at":"x","report":{}}"#,
        r#"{"format":"postmortem-draft","version":1,"id":"a","revision":-1,"saved_at":"x","report":{}}"#,
        r#"{"format":"postmortem-draft","version":1,"id":"a","id":"b","revision":1,"saved_at":"x","report":{}}"#,
        &stored[..stored.len() / 2],
    ] {
        assert_eq!(
            Draft::header_from_json(text),
            Draft::from_json(text).map(|d| d.header()),
            "{text}"
        );
    }
    // A report that does not read is the full read's business, not the header's.
    let bad_report =
        r#"{"format":"postmortem-draft","version":1,"id":"a","revision":1,"saved_at":"x","report":{"title":5}}"#;
    assert!(Draft::from_json(bad_report).is_err());
    assert_eq!(Draft::header_from_json(bad_report).map(|h| h.revision), Ok(1));
}

#[test]
fn markdown_files_are_told_apart_for_the_importer() {
    let opened = open_file("outage.md", "\u{feff}# Disk full\n\n- 10:00 UTC alert\n".as_bytes()).unwrap();
    // The text as the importer wants it: checked as UTF-8, without the byte-order mark.
    assert_eq!(
        opened,
        Opened::Markdown("# Disk full\n\n- 10:00 UTC alert\n".to_owned())
    );
    // Any name: what decides is whether it looks like JSON.
    assert!(matches!(open_file("POSTMORTEM", b"Just text"), Ok(Opened::Markdown(_))));
    assert!(matches!(
        open_file("report.txt", b"{\"format\": 1}"),
        Err(OpenError::Report(_))
    ));
}
