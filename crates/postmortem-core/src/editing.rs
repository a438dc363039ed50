//! Operations the editor performs on a report, kept here so they are plain, tested Rust:
//! reading form inputs (date-time fields, percentages), choosing a new entry's time, sorting
//! the timeline, changing the timezone, naming export files, and grouping findings by section.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeDelta};

use crate::model::{IssueSummary, Moment, Report, TimelineEntry};
use crate::time::{timezone_label, TimeDisplay};
use crate::validate::PERCENT_RANGE_MESSAGE;

/// The format of an `<input type="datetime-local">` value.
const LOCAL_INPUT: &str = "%Y-%m-%dT%H:%M";
const LOCAL_INPUT_SECONDS: &str = "%Y-%m-%dT%H:%M:%S";

/// The offset the form's date-time inputs are in: the report's display timezone.
pub fn input_offset(summary: &IssueSummary) -> FixedOffset {
    TimeDisplay::for_summary(summary).offset()
}

/// The value for a date-time input: exact times in `offset`, nothing for times kept as written
/// (the form shows those words beside the input).
pub fn to_local_input(moment: Option<&Moment>, offset: FixedOffset) -> String {
    match moment.and_then(Moment::exact) {
        Some(at) => {
            let local = at.with_timezone(&offset);
            let format = if local.timestamp_subsec_nanos() == 0 && local.timestamp() % 60 == 0 {
                LOCAL_INPUT
            } else {
                LOCAL_INPUT_SECONDS
            };
            local.format(format).to_string()
        }
        None => String::new(),
    }
}

/// Reads a date-time input's value as a moment in `offset`; an empty input clears the time.
pub fn from_local_input(value: &str, offset: FixedOffset) -> Option<Moment> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let naive = NaiveDateTime::parse_from_str(value, LOCAL_INPUT_SECONDS)
        .or_else(|_| NaiveDateTime::parse_from_str(value, LOCAL_INPUT))
        .ok();
    Some(match naive.and_then(|n| n.and_local_timezone(offset).single()) {
        Some(at) => Moment::Exact(at),
        None => Moment::AsWritten(value.to_owned()),
    })
}

/// Reads the "users affected" field: empty is no value; otherwise a number from 0 to 100,
/// with an optional `%`. The error is the message to show beside the field.
pub fn parse_percent(text: &str) -> Result<Option<f64>, String> {
    let text = text.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(n) if n.is_finite() && (0.0..=100.0).contains(&n) => Ok(Some(n)),
        Ok(_) => Err(PERCENT_RANGE_MESSAGE.to_owned()),
        Err(_) => Err(format!(
            "\"{text}\" is not a number. Enter a percentage such as 40 or 12.5."
        )),
    }
}

/// How the percentage is shown in its field.
pub fn percent_input(percent: Option<f64>) -> String {
    percent.map(|p| format!("{p}")).unwrap_or_default()
}

/// The time a new entry inserted at `index` starts with: five minutes after the nearest exact
/// time before it, or the incident's start, or nothing.
pub fn new_entry_time(report: &Report, index: usize) -> Option<Moment> {
    let before = report.timeline[..index.min(report.timeline.len())]
        .iter()
        .rev()
        .find_map(|e| e.time.as_ref().and_then(Moment::exact));
    match before {
        Some(at) => Some(Moment::Exact(at + TimeDelta::minutes(5))),
        None => report.summary.started_at.clone().filter(|m| m.exact().is_some()),
    }
}

/// Sorts the timeline by time, keeping the order of entries with equal times. An entry whose
/// time is not exact stays right after the entry it followed.
pub fn sort_timeline(timeline: &mut Vec<TimelineEntry>) {
    let mut carried: Option<DateTime<FixedOffset>> = None;
    let mut keyed: Vec<(Option<DateTime<FixedOffset>>, TimelineEntry)> = timeline
        .drain(..)
        .map(|entry| {
            if let Some(at) = entry.time.as_ref().and_then(Moment::exact) {
                carried = Some(at);
            }
            (carried, entry)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    timeline.extend(keyed.into_iter().map(|(_, entry)| entry));
}

/// Sets the display timezone. The times already entered keep their wall-clock reading (an
/// author who picks the timezone after typing times meant them in that zone), so each exact
/// time is re-stamped with the new offset.
pub fn change_timezone(report: &mut Report, label: &str) {
    let label = label.trim();
    let old = input_offset(&report.summary);
    report.summary.timezone = (!label.is_empty()).then(|| label.to_owned());
    let new = input_offset(&report.summary);
    if old == new {
        return;
    }
    let restamp = |moment: &mut Option<Moment>| {
        if let Some(Moment::Exact(at)) = moment {
            let wall = at.with_timezone(&old).naive_local();
            if let Some(same_wall) = wall.and_local_timezone(new).single() {
                *at = same_wall;
            }
        }
    };
    restamp(&mut report.summary.started_at);
    restamp(&mut report.summary.ended_at);
    for entry in &mut report.timeline {
        restamp(&mut entry.time);
    }
}

/// The timezones offered in the form: UTC and the offsets in use around the world.
pub fn timezone_choices() -> Vec<String> {
    const OFFSETS_MINUTES: [i32; 38] = [
        -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120, 180, 210, 240,
        270, 300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 840,
    ];
    OFFSETS_MINUTES
        .iter()
        .filter_map(|m| FixedOffset::east_opt(m * 60))
        .map(timezone_label)
        .collect()
}

/// A file name without extension: the incident's date and a slug of the title,
/// e.g. `2026-03-14-card-payments-failed-at-checkout`.
pub fn file_stem(report: &Report) -> String {
    let mut slug = String::new();
    for word in report
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().flat_map(char::to_lowercase));
    }
    if slug.is_empty() {
        slug.push_str("postmortem");
    }
    match report.summary.started_at.as_ref().and_then(Moment::exact) {
        Some(start) => {
            let date = start.with_timezone(&input_offset(&report.summary)).format("%Y-%m-%d");
            format!("{date}-{slug}")
        }
        None => slug,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntryKind;
    use crate::time::parse_timezone;

    fn offset(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    #[test]
    fn local_inputs_round_trip_in_the_display_offset() {
        let moment = from_local_input("2026-03-14T09:12", offset(2)).unwrap();
        assert_eq!(moment, Moment::parse("2026-03-14T09:12:00+02:00"));
        assert_eq!(to_local_input(Some(&moment), offset(2)), "2026-03-14T09:12");
        assert_eq!(to_local_input(Some(&moment), offset(0)), "2026-03-14T07:12");
        let with_seconds = from_local_input("2026-03-14T09:12:30", offset(0)).unwrap();
        assert_eq!(to_local_input(Some(&with_seconds), offset(0)), "2026-03-14T09:12:30");
        assert_eq!(from_local_input("  ", offset(0)), None);
        assert_eq!(to_local_input(Some(&Moment::AsWritten("noon".into())), offset(0)), "");
        assert_eq!(to_local_input(None, offset(0)), "");
    }

    #[test]
    fn percent_field() {
        assert_eq!(parse_percent(""), Ok(None));
        assert_eq!(parse_percent(" 40 % "), Ok(Some(40.0)));
        assert_eq!(parse_percent("12,5"), Ok(Some(12.5)));
        assert!(parse_percent("140").unwrap_err().contains("from 0 to 100"));
        assert!(parse_percent("-1").unwrap_err().contains("from 0 to 100"));
        assert!(parse_percent("most").unwrap_err().contains("\"most\" is not a number"));
        assert!(parse_percent("NaN").is_err());
        assert_eq!(percent_input(Some(12.5)), "12.5");
        assert_eq!(percent_input(Some(100.0)), "100");
    }

    fn entry(time: Option<&str>, text: &str) -> TimelineEntry {
        TimelineEntry {
            time: time.map(Moment::parse),
            kind: EntryKind::Other,
            text: text.into(),
            actor: None,
            ..Default::default()
        }
    }

    #[test]
    fn new_entries_follow_the_previous_time() {
        let mut report = Report::default();
        assert_eq!(new_entry_time(&report, 0), None);
        report.summary.started_at = Some(Moment::parse("2026-01-01T10:00:00Z"));
        assert_eq!(new_entry_time(&report, 0), report.summary.started_at);
        report.timeline = vec![entry(Some("2026-01-01T10:20:00Z"), "a"), entry(Some("soon"), "b")];
        assert_eq!(new_entry_time(&report, 2), Some(Moment::parse("2026-01-01T10:25:00Z")));
        assert_eq!(new_entry_time(&report, 0), report.summary.started_at);
    }

    #[test]
    fn sorting_keeps_untimed_entries_with_their_neighbour() {
        let mut timeline = vec![
            entry(Some("2026-01-01T10:30:00Z"), "c"),
            entry(Some("later that day"), "c2"),
            entry(Some("2026-01-01T10:10:00Z"), "a"),
            entry(None, "a2"),
            entry(Some("2026-01-01T10:10:00Z"), "b"),
        ];
        sort_timeline(&mut timeline);
        let order: Vec<&str> = timeline.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(order, ["a", "a2", "b", "c", "c2"]);
    }

    #[test]
    fn changing_the_timezone_keeps_the_wall_clock() {
        let mut report = Report::default();
        report.summary.started_at = Some(Moment::parse("2026-01-01T10:00:00Z"));
        report.timeline = vec![entry(Some("2026-01-01T10:05:00Z"), "a"), entry(Some("noon"), "b")];
        change_timezone(&mut report, "UTC+02:00");
        assert_eq!(report.summary.timezone.as_deref(), Some("UTC+02:00"));
        assert_eq!(
            report.summary.started_at,
            Some(Moment::parse("2026-01-01T10:00:00+02:00"))
        );
        assert_eq!(
            report.timeline[0].time,
            Some(Moment::parse("2026-01-01T10:05:00+02:00"))
        );
        assert_eq!(report.timeline[1].time, Some(Moment::AsWritten("noon".into())));
    }

    #[test]
    fn timezone_choices_are_understood() {
        let choices = timezone_choices();
        assert!(choices.contains(&"UTC".to_owned()) && choices.contains(&"UTC+05:30".to_owned()));
        assert!(choices.iter().all(|c| parse_timezone(c).is_some()));
    }

    #[test]
    fn file_names_from_title_and_date() {
        let mut report = Report {
            title: "Card payments failed: mTLS cert expired!".into(),
            ..Default::default()
        };
        assert_eq!(file_stem(&report), "card-payments-failed-mtls-cert-expired");
        report.summary.started_at = Some(Moment::parse("2026-03-14T23:30:00-05:00"));
        report.summary.timezone = Some("UTC-05:00".into());
        assert_eq!(file_stem(&report), "2026-03-14-card-payments-failed-mtls-cert-expired");
        assert_eq!(file_stem(&Report::default()), "postmortem");
        report.title = "Ünïcode Störung".into();
        assert_eq!(file_stem(&report), "2026-03-14-ünïcode-störung");
    }
}
