//! How times are shown to readers: the display timezone, moments relative to the incident's
//! date, and durations in words ("2 h 30 min").

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Timelike};

use crate::model::{IssueSummary, Moment};

/// Reads a timezone label: `UTC`, `GMT`, `Z`, or a fixed offset such as `UTC+2`, `UTC+02:00`,
/// `GMT-5:30` or `+01:00`. Named zones ("PST", "Europe/Berlin") are not understood, because
/// their offset depends on the date and the app carries no zone database.
pub fn parse_timezone(label: &str) -> Option<FixedOffset> {
    let label = label.trim();
    let upper = label.to_ascii_uppercase();
    let rest = upper
        .strip_prefix("UTC")
        .or_else(|| upper.strip_prefix("GMT"))
        .unwrap_or(&upper);
    if rest.is_empty() {
        return (!upper.is_empty()).then_some(utc());
    }
    if rest == "Z" && upper == "Z" {
        return Some(utc());
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' | 0xE2 => {
            // ASCII hyphen, or a typographic minus (U+2212, which starts with 0xE2 in UTF-8).
            let digits = rest.strip_prefix('-').or_else(|| rest.strip_prefix('\u{2212}'))?;
            (-1, digits)
        }
        _ => return None,
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    let all_digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// The label readers see for an offset: `UTC` or `UTC+05:30`.
pub fn timezone_label(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    if seconds == 0 {
        return "UTC".to_owned();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero is a valid offset")
}

/// A duration in words, to the minute: "45 min", "2 h 30 min", "1 d 3 h". `None` when negative.
pub fn format_duration(duration: TimeDelta) -> Option<String> {
    if duration < TimeDelta::zero() {
        return None;
    }
    let total_minutes = duration.num_minutes();
    if total_minutes == 0 {
        return Some("under 1 min".to_owned());
    }
    let (days, hours, minutes) = (total_minutes / (24 * 60), total_minutes / 60 % 24, total_minutes % 60);
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "min")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    Some(parts.join(" "))
}

/// How the moments of one report are shown: in one offset, with the date left out for times
/// on the day the incident started.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeDisplay {
    offset: FixedOffset,
    label: String,
    incident_date: Option<NaiveDate>,
}

impl TimeDisplay {
    /// The display timezone is the summary's when it is understood, otherwise the offset the
    /// start time was written in, otherwise UTC.
    pub fn for_summary(summary: &IssueSummary) -> Self {
        let start = summary.started_at.as_ref().and_then(Moment::exact);
        let offset = summary
            .timezone
            .as_deref()
            .and_then(parse_timezone)
            .or_else(|| start.map(|s| *s.offset()))
            .unwrap_or_else(utc);
        Self {
            offset,
            label: timezone_label(offset),
            incident_date: start.map(|s| s.with_timezone(&offset).date_naive()),
        }
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// "15:05" on the incident's date, "2024-08-23 00:10" on another; seconds only when set.
    pub fn clock(&self, at: DateTime<FixedOffset>) -> String {
        let local = at.with_timezone(&self.offset);
        let time = if local.second() == 0 && local.nanosecond() == 0 {
            local.format("%H:%M").to_string()
        } else {
            local.format("%H:%M:%S").to_string()
        };
        if Some(local.date_naive()) == self.incident_date {
            time
        } else {
            format!("{} {time}", local.format("%Y-%m-%d"))
        }
    }

    /// Whether two instants fall on the same calendar day in the display timezone.
    pub fn same_day(&self, a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> bool {
        a.with_timezone(&self.offset).date_naive() == b.with_timezone(&self.offset).date_naive()
    }

    /// A moment with its timezone ("15:05 UTC"), or the author's words as written.
    pub fn moment(&self, moment: &Moment) -> String {
        match moment {
            Moment::Exact(at) => format!("{} {}", self.clock(*at), self.label),
            Moment::AsWritten(text) => text.trim().to_owned(),
        }
    }

    /// Reads back what [`Self::moment`] wrote: a clock time (on the incident's date) or a
    /// date and time, followed by this display's label, is that instant; anything else is
    /// the author's words.
    pub fn read_moment(&self, text: &str) -> Moment {
        let exact = text
            .strip_suffix(self.label.as_str())
            .and_then(|rest| rest.strip_suffix(' '))
            .and_then(|written| self.read_date_time(written).or_else(|| self.read_clock(written)));
        match exact {
            Some(at) => Moment::Exact(at),
            None => Moment::AsWritten(text.to_owned()),
        }
    }

    /// Reads back [`Self::date_time`]: "2024-08-22 15:00" or "2024-08-22 15:00:30".
    pub fn read_date_time(&self, text: &str) -> Option<DateTime<FixedOffset>> {
        let (date, clock) = text.split_once(' ')?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        self.on(date, clock)
    }

    /// Reads back [`Self::clock`]: a time on the incident's date, or a date and time.
    pub fn read_clock(&self, text: &str) -> Option<DateTime<FixedOffset>> {
        match text.contains(' ') {
            true => self.read_date_time(text),
            false => self.on(self.incident_date?, text),
        }
    }

    fn on(&self, date: NaiveDate, clock: &str) -> Option<DateTime<FixedOffset>> {
        // Only the two shapes the writer uses, so that "9:5" stays the author's words.
        let format = match clock.len() {
            5 => "%H:%M",
            8 => "%H:%M:%S",
            _ => return None,
        };
        let time = chrono::NaiveTime::parse_from_str(clock, format).ok()?;
        date.and_time(time).and_local_timezone(self.offset).single()
    }

    /// A full date and time without the timezone label ("2024-08-22 15:00").
    pub fn date_time(&self, at: DateTime<FixedOffset>) -> String {
        let local = at.with_timezone(&self.offset);
        let format = if local.second() == 0 && local.nanosecond() == 0 {
            "%Y-%m-%d %H:%M"
        } else {
            "%Y-%m-%d %H:%M:%S"
        };
        local.format(format).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(seconds: i32) -> FixedOffset {
        FixedOffset::east_opt(seconds).unwrap()
    }

    #[test]
    fn reads_utc_and_fixed_offsets() {
        assert_eq!(parse_timezone("UTC"), Some(offset(0)));
        assert_eq!(parse_timezone(" gmt "), Some(offset(0)));
        assert_eq!(parse_timezone("Z"), Some(offset(0)));
        assert_eq!(parse_timezone("UTC+2"), Some(offset(7200)));
        assert_eq!(parse_timezone("UTC+02:00"), Some(offset(7200)));
        assert_eq!(parse_timezone("GMT-5:30"), Some(offset(-19800)));
        assert_eq!(parse_timezone("+0100"), Some(offset(3600)));
        assert_eq!(parse_timezone("UTC\u{2212}03:00"), Some(offset(-10800)));
    }

    #[test]
    fn rejects_named_zones_and_nonsense() {
        for label in [
            "",
            "PST",
            "Europe/Berlin",
            "UTC+",
            "UTC+25",
            "UTC+1:75",
            "UTC+1:2:3",
            "ZZ",
        ] {
            assert_eq!(parse_timezone(label), None, "{label:?}");
        }
    }

    #[test]
    fn labels_offsets() {
        assert_eq!(timezone_label(offset(0)), "UTC");
        assert_eq!(timezone_label(offset(19800)), "UTC+05:30");
        assert_eq!(timezone_label(offset(-18000)), "UTC-05:00");
    }

    #[test]
    fn durations_in_words() {
        let d = |m| format_duration(TimeDelta::minutes(m)).unwrap();
        assert_eq!(d(0), "under 1 min");
        assert_eq!(d(45), "45 min");
        assert_eq!(d(120), "2 h");
        assert_eq!(d(150), "2 h 30 min");
        assert_eq!(d(24 * 60 + 180), "1 d 3 h");
        assert_eq!(format_duration(TimeDelta::minutes(-1)), None);
    }

    #[test]
    fn clock_leaves_out_the_incident_date() {
        let summary = IssueSummary {
            started_at: Some(Moment::parse("2024-08-22T23:30:00+02:00")),
            ..Default::default()
        };
        let display = TimeDisplay::for_summary(&summary);
        assert_eq!(display.label(), "UTC+02:00");
        let same_day = Moment::parse("2024-08-22T23:45:10+02:00");
        let next_day = Moment::parse("2024-08-22T22:10:00+00:00");
        assert_eq!(display.moment(&same_day), "23:45:10 UTC+02:00");
        assert_eq!(display.moment(&next_day), "2024-08-23 00:10 UTC+02:00");
        assert_eq!(display.moment(&Moment::AsWritten(" about noon ".into())), "about noon");
    }
}
