//! The storage module against the browser's real localStorage (wasm-bindgen-test in Chromium).
#![cfg(target_arch = "wasm32")]

use postmortem_core::drafts::Draft;
use postmortem_core::Report;
use postmortem_editor::storage::{draft_id_of_key, DraftStore, Key, Session, StorageError, StoredDraft};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn draft(id: &str, title: &str) -> Draft {
    Draft {
        id: id.into(),
        revision: 0,
        saved_at: "2026-01-01T10:00:00.000Z".into(),
        report: Report {
            title: title.into(),
            ..Default::default()
        },
    }
}

#[wasm_bindgen_test]
fn saves_count_revisions_and_load_back() {
    let store = DraftStore::open();
    assert_eq!(store.unavailable_reason(), None);
    let first = store.save(&draft("rev-test", "One"), None).unwrap();
    assert_eq!(first.revision, 1);
    let second = store.save(&draft("rev-test", "Two"), Some(1)).unwrap();
    assert_eq!(second.revision, 2);
    assert_eq!(store.load("rev-test").unwrap().unwrap().report.title, "Two");
}

#[wasm_bindgen_test]
fn a_save_from_a_stale_revision_is_a_conflict_and_changes_nothing() {
    let store = DraftStore::open();
    store.save(&draft("conflict-test", "Theirs"), None).unwrap();
    let before = local_storage()
        .get_item(&Key::Draft("conflict-test".into()).name())
        .unwrap();
    match store.save(&draft("conflict-test", "Mine"), None) {
        Err(StorageError::Conflict(theirs)) => assert_eq!(theirs.report.title, "Theirs"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        local_storage()
            .get_item(&Key::Draft("conflict-test".into()).name())
            .unwrap(),
        before
    );
    // "Keep mine" saves over the revision it was shown.
    let mine = store.save(&draft("conflict-test", "Mine"), Some(1)).unwrap();
    assert_eq!(mine.revision, 2);
}

#[wasm_bindgen_test]
fn unreadable_bytes_are_listed_kept_and_never_overwritten() {
    let key = Key::Draft("corrupt-test".into()).name();
    local_storage()
        .set_item(&key, "{\"format\":\"postmortem-draft\",\"vers")
        .unwrap();
    let store = DraftStore::open();
    let listed = store.list().into_iter().find_map(|d| match d {
        StoredDraft::Unreadable { key: k, raw, reason } if k == key => Some((raw, reason)),
        _ => None,
    });
    let (raw, reason) = listed.expect("the corrupt draft is listed");
    assert_eq!(raw, "{\"format\":\"postmortem-draft\",\"vers");
    assert!(reason.starts_with("not valid JSON"), "{reason}");
    assert!(matches!(
        store.save(&draft("corrupt-test", "x"), None),
        Err(StorageError::Unreadable(_))
    ));
    assert_eq!(
        local_storage().get_item(&key).unwrap().as_deref(),
        Some("{\"format\":\"postmortem-draft\",\"vers")
    );
}

#[wasm_bindgen_test]
fn drafts_stored_by_the_previous_version_are_saved_over_at_the_right_revision() {
    // Before autosave read only the envelope, drafts were stored with their keys in
    // alphabetical order: the report came before the revision.
    let key = Key::Draft("older-test".into()).name();
    let older = r#"{"format":"postmortem-draft","id":"older-test","report":{"format":"postmortem","version":1,"title":"Old"},"revision":7,"saved_at":"2026-01-01T10:00:00.000Z","version":1}"#;
    local_storage().set_item(&key, older).unwrap();
    let store = DraftStore::open();
    assert!(matches!(
        store.save(&draft("older-test", "New"), Some(6)),
        Err(StorageError::Conflict(theirs)) if theirs.report.title == "Old"
    ));
    assert_eq!(local_storage().get_item(&key).unwrap().as_deref(), Some(older));
    let saved = store.save(&draft("older-test", "New"), Some(7)).unwrap();
    assert_eq!(saved.revision, 8);
    assert_eq!(store.load("older-test").unwrap().unwrap().report.title, "New");
}

#[wasm_bindgen_test]
fn a_copy_changed_since_this_tab_wrote_it_is_read_again() {
    let key = Key::Draft("changed-test".into()).name();
    let store = DraftStore::open();
    store.save(&draft("changed-test", "One"), None).unwrap();
    // The same draft and revision, written out differently (say, by an older version).
    let rewritten = local_storage().get_item(&key).unwrap().unwrap().replace(",", ", ");
    local_storage().set_item(&key, &rewritten).unwrap();
    assert_eq!(store.save(&draft("changed-test", "Two"), Some(1)).unwrap().revision, 2);
    // Bytes that do not read, where this tab's save was: kept, not overwritten.
    local_storage().set_item(&key, "{\"format\":\"postmortem-dr").unwrap();
    assert!(matches!(
        store.save(&draft("changed-test", "Three"), Some(2)),
        Err(StorageError::Unreadable(_))
    ));
    assert_eq!(
        local_storage().get_item(&key).unwrap().as_deref(),
        Some("{\"format\":\"postmortem-dr")
    );
}

#[wasm_bindgen_test]
fn another_tabs_copy_that_does_not_read_is_kept() {
    // A newer revision whose report this version cannot read: neither offered nor overwritten.
    let key = Key::Draft("theirs-unreadable-test".into()).name();
    let theirs = r#"{"format":"postmortem-draft","version":1,"id":"theirs-unreadable-test","revision":5,"saved_at":"x","report":{"title":5}}"#;
    local_storage().set_item(&key, theirs).unwrap();
    let store = DraftStore::open();
    match store.save(&draft("theirs-unreadable-test", "Mine"), Some(4)) {
        Err(StorageError::Unreadable(reason)) => assert!(reason.to_string().contains("report"), "{reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(local_storage().get_item(&key).unwrap().as_deref(), Some(theirs));
}

#[wasm_bindgen_test]
fn deleting_frees_the_key() {
    let store = DraftStore::open();
    store.save(&draft("delete-test", "Gone"), None).unwrap();
    store.delete("delete-test").unwrap();
    assert!(store.load("delete-test").is_none());
    assert!(local_storage()
        .get_item(&Key::Draft("delete-test".into()).name())
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn the_session_round_trips_and_keys_parse() {
    let store = DraftStore::open();
    let session = Session {
        draft_id: Some("abc".into()),
        focused_field: Some("field-title".into()),
        mermaid: true,
        rules_off: vec!["tone/exclamation".into()],
        first_kept: Some(1.0),
        last_backup: None,
        images_allowed: vec!["abc".into()],
    };
    store.save_session(&session).unwrap();
    assert_eq!(store.session(), session);
    // A session stored before the export options existed still reads.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(
            "postmortem-studio/session",
            r#"{"draft_id":"abc","focused_field":null}"#,
        )
        .unwrap();
    assert!(!store.session().mermaid);
    assert!(store.session().images_allowed.is_empty());
    assert_eq!(draft_id_of_key("postmortem-studio/draft/abc").as_deref(), Some("abc"));
    assert_eq!(draft_id_of_key("postmortem-studio/session"), None);
    assert_eq!(draft_id_of_key("someone-else/draft/abc"), None);
}
