//! Reading the times people write in postmortems: `14:00 UTC`, `3:00 PM GMT`, `10:20 pm`,
//! `6 PM`, `13:00:56`, `2017-07-25T17:06`, `January 10, 7:00 AM`, `04-12-2022 7:23 AM GMT+1`,
//! and ranges such as `August 22, 2024, 15:00 - 17:00 UTC`.
//!
//! The grammar is small and hand-written so that it runs in linear time on any input and never
//! panics: every attempt reads a bounded number of bytes from a position, and positions are
//! only ever ASCII bytes, so slicing stays on character boundaries.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};

/// A clock time as written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// `Some(true)` for PM, `Some(false)` for AM, `None` when written on a 24-hour clock.
    pub pm: Option<bool>,
    /// Written with a one-digit hour ("3:31"): on a 12-hour clock when no AM/PM follows.
    pub short_hour: bool,
}

impl Clock {
    /// The time on a 24-hour clock.
    pub fn time(&self) -> NaiveTime {
        let hour = match self.pm {
            Some(true) if self.hour < 12 => self.hour + 12,
            Some(false) if self.hour == 12 => 0,
            _ => self.hour,
        };
        NaiveTime::from_hms_opt(hour, self.minute, self.second).unwrap_or(NaiveTime::MIN)
    }
}

/// A calendar date as written; the year may be missing ("January 10").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
    /// Written as `04-12-2022`, where day and month could be either way round.
    pub ambiguous: bool,
}

impl DateParts {
    pub fn with_year(&self, fallback: Option<i32>) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year.or(fallback)?, self.month, self.day)
    }
}

/// A timezone as written: UTC, an offset, or a common abbreviation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Zone {
    pub offset: FixedOffset,
    /// The abbreviation when one was read ("PST"): its offset is an assumption worth a note.
    pub abbreviation: Option<&'static str>,
    /// "PST/PDT": a place's local time, whose offset changes with the season.
    pub seasonal: Option<Seasonal>,
}

/// A zone named by both its standard and its summer abbreviation, as in "all times in
/// PST/PDT": the offset of each date follows the rules of its region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seasonal {
    pub summer: FixedOffset,
    pub names: &'static str,
    europe: bool,
}

/// Standard name, summer name, both as written, and whether European rules apply (else the
/// United States').
const SEASONAL: [(&str, &str, &str, bool); 8] = [
    ("PST", "PDT", "PST/PDT", false),
    ("MST", "MDT", "MST/MDT", false),
    ("CST", "CDT", "CST/CDT", false),
    ("EST", "EDT", "EST/EDT", false),
    ("GMT", "BST", "GMT/BST", true),
    ("WET", "WEST", "WET/WEST", true),
    ("CET", "CEST", "CET/CEST", true),
    ("EET", "EEST", "EET/EEST", true),
];

/// The regions' local times written without a season ("ET"), and their standard names.
const REGION_TIMES: [(&str, &str); 4] = [("PT", "PST"), ("MT", "MST"), ("CT", "CST"), ("ET", "EST")];

/// The regions' local times in words, and their standard names.
const REGION_NAMES: [(&str, &str); 4] = [
    ("pacific", "PT"),
    ("mountain", "MT"),
    ("central", "CT"),
    ("eastern", "ET"),
];

/// "Pacific Time", "Eastern Standard Time", "central daylight time" at `i`: the zone, and
/// where its name ends. "Central European Time" is not one of them.
fn region_named(s: &str, i: usize) -> Option<(Zone, usize)> {
    // Called at every word of a text: nothing is allocated until a region's name is found.
    let word = |j: usize| &s[j..j + alpha_run(s, j)];
    let region = word(i);
    let (_, code) = REGION_NAMES
        .iter()
        .find(|(name, _)| region.eq_ignore_ascii_case(name))?;
    let (_, standard) = REGION_TIMES.iter().find(|(c, _)| c == code)?;
    let &(_, summer, _, europe) = SEASONAL.iter().find(|(name, ..)| name == standard)?;
    let mut j = skip_spaces(s, i + region.len());
    let next = word(j);
    let season = if next.eq_ignore_ascii_case("standard") {
        Some(*standard)
    } else if next.eq_ignore_ascii_case("daylight") || next.eq_ignore_ascii_case("summer") {
        Some(summer)
    } else {
        None
    };
    if season.is_some() {
        j = skip_spaces(s, j + next.len());
    }
    if !word(j).eq_ignore_ascii_case("time") {
        return None;
    }
    let end = j + 4;
    let zone = match season {
        Some(name) => {
            let (name, minutes) = ABBREVIATIONS.iter().find(|(n, _)| *n == name)?;
            fixed(*minutes, Some(*name))
        }
        None => seasonal_zone(standard, summer, code, europe),
    };
    Some((zone, end))
}

/// A zone whose offset follows the season: its standard and summer names, the name written,
/// and whether European rules apply.
fn seasonal_zone(standard: &str, summer: &str, names: &'static str, europe: bool) -> Zone {
    let minutes_of = |name: &str| ABBREVIATIONS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m);
    let minutes = minutes_of(standard).unwrap_or(0);
    let mut zone = fixed(minutes, Some(names));
    zone.seasonal = Some(Seasonal {
        summer: fixed(minutes_of(summer).unwrap_or(minutes + 60), None).offset,
        names,
        europe,
    });
    zone
}

impl Zone {
    /// The offset on `date`: in summer, a seasonal zone's summer offset. The day of the
    /// change itself is taken as changed (the hour is not modelled).
    pub fn offset_on(&self, date: NaiveDate) -> FixedOffset {
        match self.seasonal {
            Some(seasonal) if in_summer(date, seasonal.europe) => seasonal.summer,
            _ => self.offset,
        }
    }
}

/// Daylight saving time: in the United States from the second Sunday of March to the first
/// Sunday of November; in Europe from the last Sunday of March to the last Sunday of October.
fn in_summer(date: NaiveDate, europe: bool) -> bool {
    use chrono::Weekday;
    let year = chrono::Datelike::year(&date);
    let sunday = |month: u32, n: u8| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n);
    let last_sunday = |month: u32| sunday(month, 5).or_else(|| sunday(month, 4));
    let (start, end) = if europe {
        (last_sunday(3), last_sunday(10))
    } else {
        (sunday(3, 2), sunday(11, 1))
    };
    matches!((start, end), (Some(start), Some(end)) if date >= start && date < end)
}

/// A moment as written somewhere in a text: a date, a clock time or both, perhaps a zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct When {
    pub date: Option<DateParts>,
    pub clock: Option<Clock>,
    pub zone: Option<Zone>,
    /// Byte range in the text it was read from.
    pub start: usize,
    pub end: usize,
}

impl When {
    /// A full timestamp, when date, time and zone are all known (from the text or the context).
    pub fn exact(&self, date: Option<NaiveDate>, zone: Option<Zone>) -> Option<DateTime<FixedOffset>> {
        let date = date?;
        let clock = self.clock?;
        let offset = self.zone.or(zone)?.offset_on(date);
        offset.from_local_datetime(&date.and_time(clock.time())).single()
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Common abbreviations and their usual fixed offsets, in minutes east of UTC.
const ABBREVIATIONS: [(&str, i32); 44] = [
    ("UTC", 0),
    ("GMT", 0),
    ("WET", 0),
    ("BST", 60),
    ("CET", 60),
    ("WAT", 60),
    ("WEST", 60),
    ("CEST", 120),
    ("EET", 120),
    ("CAT", 120),
    ("SAST", 120),
    ("EEST", 180),
    ("EAT", 180),
    ("MSK", 180),
    ("GST", 240),
    ("IST", 330),
    ("PKT", 300),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("PHT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("BRT", -180),
    ("ART", -180),
    ("ADT", -180),
    ("AST", -240),
    ("EDT", -240),
    ("EST", -300),
    ("CDT", -300),
    ("CST", -360),
    ("MDT", -360),
    ("MST", -420),
    ("PDT", -420),
    ("PST", -480),
    ("AKST", -540),
    ("HST", -600),
];

fn byte(s: &str, i: usize) -> u8 {
    s.as_bytes().get(i).copied().unwrap_or(0)
}

fn digits_at(s: &str, i: usize, max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut n = 0;
    while n < max && byte(s, i + n).is_ascii_digit() {
        value = value * 10 + u32::from(byte(s, i + n) - b'0');
        n += 1;
    }
    (value, n)
}

fn skip_spaces(s: &str, mut i: usize) -> usize {
    while matches!(byte(s, i), b' ' | b'\t') {
        i += 1;
    }
    i
}

fn alpha_run(s: &str, i: usize) -> usize {
    let mut n = 0;
    while byte(s, i + n).is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// Whether a word-like token may start at `i` (the previous byte is not a letter or digit).
fn at_boundary(s: &str, i: usize) -> bool {
    i == 0 || !byte(s, i - 1).is_ascii_alphanumeric()
}

fn month_at(s: &str, i: usize) -> Option<(u32, usize)> {
    let n = alpha_run(s, i);
    if n < 3 {
        return None;
    }
    let word = s[i..i + n].to_ascii_lowercase();
    let index = MONTHS
        .iter()
        .position(|m| *m == word || ((3..=4).contains(&n) && m.starts_with(&word) && (n == 3 || word == "sept")))?;
    let mut end = i + n;
    if byte(s, end) == b'.' {
        end += 1;
    }
    Some((index as u32 + 1, end))
}

/// "3rd", "22nd": the ordinal suffix after a day number.
fn skip_ordinal(s: &str, i: usize) -> usize {
    let pair = [byte(s, i).to_ascii_lowercase(), byte(s, i + 1).to_ascii_lowercase()];
    match &pair {
        b"st" | b"nd" | b"rd" | b"th" if !byte(s, i + 2).is_ascii_alphabetic() => i + 2,
        _ => i,
    }
}

/// `, 2024` or ` 2024` after a day and month, when it is a year and not the start of a time.
fn year_after(s: &str, i: usize) -> Option<(i32, usize)> {
    let mut j = i;
    if byte(s, j) == b',' {
        j += 1;
    }
    j = skip_spaces(s, j);
    let (year, n) = digits_at(s, j, 5);
    let next = byte(s, j + n);
    // "2022:" ends a date line; "2022:30" is not a year.
    let clock_after = next == b':' && byte(s, j + n + 1).is_ascii_digit();
    (n == 4 && (1900..=2199).contains(&year) && !clock_after && !next.is_ascii_alphanumeric())
        .then_some((year as i32, j + n))
}

fn valid_date(year: Option<i32>, month: u32, day: u32) -> bool {
    let year = year.unwrap_or(2000); // a leap year, so February 29 stays possible
    NaiveDate::from_ymd_opt(year, month, day).is_some()
}

fn date_at(s: &str, i: usize) -> Option<(DateParts, usize)> {
    let mut start = i;
    // An optional weekday: "Monday, January 10" or "Mon 10 Jan".
    let n = alpha_run(s, i);
    if n >= 3 {
        let word = s[i..i + n].to_ascii_lowercase();
        if WEEKDAYS.iter().any(|d| *d == word || (n == 3 && d.starts_with(&word))) {
            let mut j = i + n;
            if byte(s, j) == b',' {
                j += 1;
            }
            start = skip_spaces(s, j);
            if start == i + n {
                return None;
            }
        }
    }
    let i = start;
    let (first, n1) = digits_at(s, i, 4);
    if n1 == 4 {
        // 2024-08-22 or 2024/08/22
        let sep = byte(s, i + 4);
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let (month, n2) = digits_at(s, i + 5, 2);
        if n2 == 0 || byte(s, i + 5 + n2) != sep {
            return None;
        }
        let (day, n3) = digits_at(s, i + 6 + n2, 2);
        let end = i + 6 + n2 + n3;
        if n3 == 0 || byte(s, end).is_ascii_digit() || !valid_date(Some(first as i32), month, day) {
            return None;
        }
        let date = DateParts {
            year: Some(first as i32),
            month,
            day,
            ambiguous: false,
        };
        return Some((date, end));
    }
    if (1..=2).contains(&n1) {
        let sep = byte(s, i + n1);
        if matches!(sep, b'-' | b'/' | b'.') {
            // 04-12-2022, 12/31/2024, 31.12.2024
            let (second, n2) = digits_at(s, i + n1 + 1, 2);
            let after = i + n1 + 1 + n2;
            // "03-26 23:04", "3/26 9:15 AM": a month and day with no year, as logs print them,
            // read only with the time that follows (alone, "3-5" is a count).
            if n2 > 0 && sep != b'.' && byte(s, after) == b' ' && clock_at(s, skip_spaces(s, after)).is_some() {
                let day_first = first > 12;
                let (month, day) = if day_first { (second, first) } else { (first, second) };
                return valid_date(None, month, day).then_some((
                    DateParts {
                        year: None,
                        month,
                        day,
                        ambiguous: !day_first && second <= 12 && first != second,
                    },
                    after,
                ));
            }
            if n2 == 0 || byte(s, after) != sep {
                return None;
            }
            let (year, n3) = digits_at(s, i + n1 + 2 + n2, 4);
            let end = i + n1 + 2 + n2 + n3;
            if n3 != 4 || byte(s, end).is_ascii_digit() {
                return None;
            }
            let year = Some(year as i32);
            let day_first = sep == b'.' || first > 12;
            let (month, day) = if day_first { (second, first) } else { (first, second) };
            if !valid_date(year, month, day) {
                return None;
            }
            let ambiguous = !day_first && second <= 12 && first != second;
            return Some((
                DateParts {
                    year,
                    month,
                    day,
                    ambiguous,
                },
                end,
            ));
        }
        // 03, 14, 2024: month, day and year set apart by commas, as a form field prints them.
        if sep == b',' {
            let j = skip_spaces(s, i + n1 + 1);
            let (second, n2) = digits_at(s, j, 2);
            let (year, end) = if (1..=2).contains(&n2) && byte(s, j + n2) == b',' {
                year_after(s, j + n2)?
            } else {
                return None;
            };
            let day_first = first > 12;
            let (month, day) = if day_first { (second, first) } else { (first, second) };
            return valid_date(Some(year), month, day).then_some((
                DateParts {
                    year: Some(year),
                    month,
                    day,
                    ambiguous: !day_first && second <= 12 && first != second,
                },
                end,
            ));
        }
        // 18 July 2026, 3rd March, 3rd of March
        let mut j = skip_spaces(s, skip_ordinal(s, i + n1));
        if j == skip_ordinal(s, i + n1) {
            return None;
        }
        if s.get(j..j + 3).is_some_and(|w| w.eq_ignore_ascii_case("of ")) {
            j = skip_spaces(s, j + 3);
        }
        let (month, end) = month_at(s, j)?;
        let (year, end) = match year_after(s, end) {
            Some((year, end)) => (Some(year), end),
            None => (None, end),
        };
        return valid_date(year, month, first).then_some((
            DateParts {
                year,
                month,
                day: first,
                ambiguous: false,
            },
            end,
        ));
    }
    // January 10, 2024 / Jan. 10th
    let (month, j) = month_at(s, i)?;
    let j = skip_spaces(s, j);
    let (day, n) = digits_at(s, j, 2);
    if n == 0 || byte(s, j + n).is_ascii_digit() || byte(s, j + n) == b':' {
        return None;
    }
    let end = skip_ordinal(s, j + n);
    // "May 26 - 27th, 2018": a span of days, read as its first day in the year that closes it.
    let end = range_end_day(s, end)
        .filter(|&to| year_after(s, to).is_some())
        .unwrap_or(end);
    let (year, end) = match year_after(s, end) {
        Some((year, end)) => (Some(year), end),
        None => (None, end),
    };
    valid_date(year, month, day).then_some((
        DateParts {
            year,
            month,
            day,
            ambiguous: false,
        },
        end,
    ))
}

/// Where " - 27th" or "–27" ends after a day of the month, if a second day follows it.
fn range_end_day(s: &str, i: usize) -> Option<usize> {
    let j = skip_spaces(s, i);
    let j = if byte(s, j) == b'-' {
        j + 1
    } else if s[j..].starts_with('\u{2013}') {
        j + '\u{2013}'.len_utf8()
    } else {
        return None;
    };
    let j = skip_spaces(s, j);
    let (day, n) = digits_at(s, j, 2);
    (n > 0 && (1..=31).contains(&day) && !byte(s, j + n).is_ascii_digit() && byte(s, j + n) != b':')
        .then(|| skip_ordinal(s, j + n))
}

/// "am", "PM", "a.m.": returns whether it is PM and where it ends.
fn meridiem_at(s: &str, i: usize) -> Option<(bool, usize)> {
    let pm = match byte(s, i).to_ascii_lowercase() {
        b'a' => false,
        b'p' => true,
        _ => return None,
    };
    let end = if byte(s, i + 1).eq_ignore_ascii_case(&b'm') {
        i + 2
    } else if byte(s, i + 1) == b'.' && byte(s, i + 2).eq_ignore_ascii_case(&b'm') {
        if byte(s, i + 3) == b'.' {
            i + 4
        } else {
            i + 3
        }
    } else {
        return None;
    };
    (!byte(s, end).is_ascii_alphanumeric()).then_some((pm, end))
}

fn clock_at(s: &str, i: usize) -> Option<(Clock, usize)> {
    if let Some(found) = military_clock(s, i) {
        return Some(found);
    }
    let (hour, n) = digits_at(s, i, 3);
    if n == 0 || n > 2 {
        return None;
    }
    let mut end = i + n;
    let (mut minute, mut second) = (0, 0);
    let mut has_minutes = false;
    // "4: 45 am", a space after the colon, is read only with its am or pm.
    let spaced = byte(s, end) == b':' && byte(s, end + 1) == b' ' && byte(s, end + 2).is_ascii_digit();
    // "8.40 AM", "12.39UTC": a dot for the colon, read only with the am/pm or zone after it
    // ("1.18" alone is a version).
    let dotted = byte(s, end) == b'.' && digits_at(s, end + 1, 3).1 == 2 && {
        let after = skip_spaces(s, end + 3);
        meridiem_at(s, after).is_some() || zone_at(s, end + 3).is_some()
    };
    // "14h45", as much of Europe writes the time: two digits on each side of the h ("2h30"
    // is more often a length).
    let european =
        n == 2 && byte(s, end) == b'h' && digits_at(s, end + 1, 3).1 == 2 && !byte(s, end + 3).is_ascii_alphanumeric();
    if dotted || european {
        let (m, _) = digits_at(s, end + 1, 3);
        minute = m;
        end += 3;
        has_minutes = true;
    } else if byte(s, end) == b':' && (byte(s, end + 1).is_ascii_digit() || spaced) {
        let from = end + 1 + usize::from(spaced);
        let (m, mn) = digits_at(s, from, 3);
        if mn != 2 || (spaced && meridiem_at(s, skip_spaces(s, from + 2)).is_none()) {
            return None;
        }
        minute = m;
        end = from + 2;
        has_minutes = true;
        if byte(s, end) == b':' && byte(s, end + 1).is_ascii_digit() {
            let (sec, sn) = digits_at(s, end + 1, 3);
            if sn != 2 {
                return None;
            }
            second = sec;
            end += 3;
            // "19:30:00.000Z": ISO 8601's fraction of a second.
            if byte(s, end) == b'.' {
                let fraction = s[end + 1..].bytes().take_while(u8::is_ascii_digit).count();
                if (1..=9).contains(&fraction) {
                    end += 1 + fraction;
                }
            }
        }
    }
    let after = skip_spaces(s, end);
    let meridiem = meridiem_at(s, after);
    if !has_minutes && meridiem.is_none() {
        return None;
    }
    // "15:00Z" is ISO 8601's UTC; "15:00x" is not a time.
    let letter_after = byte(s, end).is_ascii_alphabetic() && byte(s, end) != b'Z' && zone_at(s, end).is_none();
    if byte(s, end).is_ascii_digit() || (letter_after && meridiem.is_none()) {
        return None;
    }
    // "13:55 PM", "0:25 AM": a 24-hour time with a needless PM or AM is still that time.
    let pm = meridiem.map(|(pm, _)| pm).filter(|_| (1..=12).contains(&hour));
    if let Some((_, meridiem_end)) = meridiem {
        end = meridiem_end;
    }
    let hour_ok = if pm.is_some() {
        (1..=12).contains(&hour)
    } else {
        hour <= 23
    };
    if !hour_ok || minute > 59 || second > 59 {
        return None;
    }
    let clock = Clock {
        hour,
        minute,
        second,
        pm,
        short_hour: n == 1,
    };
    Some((clock, end))
}

/// "0300hrs", "1530 hrs", "2200h": four digits with the hours marked after them, as the
/// military and many operations teams write a time.
fn military_clock(s: &str, i: usize) -> Option<(Clock, usize)> {
    let (value, n) = digits_at(s, i, 5);
    if n != 4 {
        return None;
    }
    let j = if byte(s, i + 4) == b' ' { i + 5 } else { i + 4 };
    let m = alpha_run(s, j);
    if !matches!(s[j..j + m].to_ascii_lowercase().as_str(), "hrs" | "hr" | "h") {
        return None;
    }
    let (hour, minute) = (value / 100, value % 100);
    let clock = Clock {
        hour,
        minute,
        second: 0,
        pm: None,
        short_hour: false,
    };
    (hour <= 23 && minute <= 59).then_some((clock, j + m))
}

fn offset_minutes_at(s: &str, i: usize) -> Option<(i32, usize)> {
    let (sign, j) = match byte(s, i) {
        b'+' => (1, i + 1),
        b'-' => (-1, i + 1),
        _ if s[i..].starts_with('\u{2212}') => (-1, i + 3),
        _ => return None,
    };
    let (hours, n) = digits_at(s, j, 4);
    let (hours, minutes, end) = match n {
        1 | 2 if byte(s, j + n) == b':' => {
            let (minutes, mn) = digits_at(s, j + n + 1, 3);
            if mn != 2 {
                return None;
            }
            (hours, minutes, j + n + 3)
        }
        1 | 2 => (hours, 0, j + n),
        4 => (hours / 100, hours % 100, j + 4),
        _ => return None,
    };
    (hours <= 14 && minutes <= 59 && !byte(s, end).is_ascii_alphanumeric())
        .then_some((sign * (hours as i32 * 60 + minutes as i32), end))
}

/// Whether the clock that ends at `i` is written as ISO 8601 writes one: with seconds, or
/// after a date and `T`.
fn iso_clock_before(s: &str, i: usize) -> bool {
    let run = s[..i]
        .bytes()
        .rev()
        .take_while(|b| b.is_ascii_digit() || *b == b':' || *b == b'.')
        .count();
    let clock = &s[i - run..i];
    clock.matches(':').count() >= 2 || s[..i - run].ends_with(['T', 't'])
}

/// A zone right after a time: ` UTC`, `Z`, ` GMT+1`, ` (UTC)`, ` +02:00`, ` PST`.
fn zone_at(s: &str, i: usize) -> Option<(Zone, usize)> {
    if byte(s, i) == b'Z' && !byte(s, i + 1).is_ascii_alphanumeric() {
        return Some((utc_zone(None), i + 1));
    }
    let mut j = skip_spaces(s, i);
    let parenthesised = byte(s, j) == b'(';
    if parenthesised {
        j = skip_spaces(s, j + 1);
    }
    // A bare offset needs its full form (+02:00, -0500): "- 5 engineers" is not a zone.
    // "13:55-14:10" is a span; "13:55:00-05:00" and "2024-05-01T13:55-05:00" give an offset.
    let span = j == i && byte(s, j) == b'-' && !iso_clock_before(s, i);
    let bare_offset = offset_minutes_at(s, j)
        .filter(|(_, end)| s[j..*end].contains(':') || end - j == 5)
        .filter(|_| !span);
    let (zone, end) = if let Some((minutes, end)) = bare_offset {
        (fixed(minutes, None), end)
    } else {
        // "3:00:00pm -PST": a dash stuck to a zone's name, as some write it.
        if byte(s, j) == b'-' && byte(s, j + 1).is_ascii_uppercase() {
            j += 1;
        }
        if let Some((zone, end)) = region_named(s, j) {
            return close_zone(s, zone, end, parenthesised);
        }
        let n = alpha_run(s, j);
        let word = &s[j..j + n];
        if !word.bytes().all(|b| b.is_ascii_uppercase()) && !matches!(word, "utc" | "gmt" | "Utc" | "Gmt") {
            return None;
        }
        let upper = word.to_ascii_uppercase();
        // "2:14pm ET", "Timeline (PT)": a region's local time, standard or summer by the
        // date, as "EST/EDT" says in full.
        if let Some((region, standard)) = REGION_TIMES.iter().find(|(region, _)| *region == upper) {
            let &(_, summer, _, europe) = SEASONAL.iter().find(|(name, ..)| name == standard)?;
            return close_zone(s, seasonal_zone(standard, summer, region, europe), j + n, parenthesised);
        }
        let (name, minutes) = ABBREVIATIONS.iter().find(|(name, _)| *name == upper)?;
        let end = j + n;
        // "PST/PDT": the place's time, winter or summer by the date.
        if byte(s, end) == b'/' {
            let m = alpha_run(s, end + 1);
            let second = s[end + 1..end + 1 + m].to_ascii_uppercase();
            if let Some(&(standard, summer, names, europe)) =
                SEASONAL.iter().find(|(a, b, _, _)| *a == upper && *b == second)
            {
                return close_zone(
                    s,
                    seasonal_zone(standard, summer, names, europe),
                    end + 1 + m,
                    parenthesised,
                );
            }
        }
        if matches!(*name, "UTC" | "GMT") {
            match offset_minutes_at(s, end) {
                Some((minutes, end)) => (fixed(minutes, None), end),
                None => (utc_zone(None), end),
            }
        } else {
            (fixed(*minutes, Some(name)), end)
        }
    };
    close_zone(s, zone, end, parenthesised)
}

/// A zone read up to `end`, with the bracket that opened before it closed.
fn close_zone(s: &str, zone: Zone, end: usize, parenthesised: bool) -> Option<(Zone, usize)> {
    if !parenthesised {
        return Some((zone, end));
    }
    let close = skip_spaces(s, end);
    (byte(s, close) == b')').then_some((zone, close + 1))
}

fn fixed(minutes: i32, abbreviation: Option<&'static str>) -> Zone {
    Zone {
        offset: FixedOffset::east_opt(minutes * 60).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero")),
        abbreviation,
        seasonal: None,
    }
}

fn utc_zone(abbreviation: Option<&'static str>) -> Zone {
    fixed(0, abbreviation)
}

/// A moment starting exactly at `i`: a date, a time, or a date and a time, then perhaps a zone.
pub fn when_at(s: &str, i: usize) -> Option<When> {
    if i >= s.len() || !s.is_char_boundary(i) || !at_boundary(s, i) || !byte(s, i).is_ascii_alphanumeric() {
        return None;
    }
    let mut when = When {
        date: None,
        clock: None,
        zone: None,
        start: i,
        end: i,
    };
    let mut at = i;
    if let Some((date, end)) = date_at(s, i) {
        when.date = Some(date);
        when.end = end;
        // "2024-08-22T15:00", "January 10, 7:00 AM", "18 July 2026 at 14:02"
        let mut j = end;
        if byte(s, j) == b'T' && byte(s, j + 1).is_ascii_digit() {
            j += 1;
        } else {
            if byte(s, j) == b',' {
                j += 1;
            }
            j = skip_spaces(s, j);
            for word in ["at ", "@ "] {
                if s.get(j..j + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word)) {
                    j = skip_spaces(s, j + word.len());
                }
            }
        }
        at = j;
    }
    // "2022-02-02 1625": four digits straight after a full date are a 24-hour time.
    let military = || {
        let (hhmm, n) = digits_at(s, at, 5);
        let full_date = when.date.is_some_and(|d| d.year.is_some()) && at > when.end;
        (full_date && n == 4 && hhmm / 100 <= 23 && hhmm % 100 <= 59 && !byte(s, at + 4).is_ascii_alphanumeric()).then(
            || {
                let clock = Clock {
                    hour: hhmm / 100,
                    minute: hhmm % 100,
                    second: 0,
                    pm: None,
                    short_hour: false,
                };
                (clock, at + 4)
            },
        )
    };
    if let Some((clock, end)) = clock_at(s, at).or_else(military) {
        when.clock = Some(clock);
        when.end = end;
        if let Some((zone, end)) = zone_at(s, end) {
            when.zone = Some(zone);
            when.end = end;
        }
        // "18:30 on November 27, 2025", "06:15, Nov 28, 2025 (UTC)": the date after the time.
        if when.date.is_none() {
            let after = ["on ", ", ", ","]
                .iter()
                .find_map(|lead| s[skip_spaces(s, when.end)..].strip_prefix(lead).map(|_| lead.len()))
                .map(|n| skip_spaces(s, skip_spaces(s, when.end) + n));
            if let Some((date, end)) = after.and_then(|j| date_at(s, j)).filter(|(d, _)| d.year.is_some()) {
                when.date = Some(date);
                when.end = end;
                if let (None, Some((zone, end))) = (when.zone, zone_at(s, end)) {
                    when.zone = Some(zone);
                    when.end = end;
                }
            }
        }
    }
    (when.date.is_some() || when.clock.is_some()).then_some(when)
}

/// A full date and nothing else: "January 10, 2024", "2024-01-10".
pub fn date_only(text: &str) -> Option<NaiveDate> {
    when_prefix(text)
        .filter(|w| w.clock.is_none() && text[w.end..].trim().is_empty())
        .and_then(|w| w.date)
        .and_then(|d| d.with_year(None))
}

/// A moment at the start of a text, after any spaces.
pub fn when_prefix(s: &str) -> Option<When> {
    when_at(s, skip_spaces(s, 0))
}

/// Every moment in a text, left to right, not overlapping.
pub fn all_whens(s: &str) -> Vec<When> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(when) = when_at(s, i) {
            i = when.end.max(i + 1);
            found.push(when);
        } else {
            i += 1;
        }
    }
    found
}

/// A zone written anywhere in a text, as in "Timeline (all times in GMT)" or "Time (WAT)".
pub fn zone_in(s: &str) -> Option<Zone> {
    (0..s.len())
        .filter(|&i| s.is_char_boundary(i) && at_boundary(s, i) && byte(s, i).is_ascii_alphabetic())
        .find_map(|i| zone_at(s, i).map(|(zone, _)| zone))
}

/// What joins the two ends of a range: "-", "to", "until", "and"...
fn is_connector(between: &str) -> bool {
    // "12:39 UTC (block 8647535) and 17:17 UTC": an aside in brackets is not in the way.
    let mut plain = String::with_capacity(between.len());
    let mut depth = 0usize;
    for c in between.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // "**6:00 AM** to **12:00 PM**": emphasis around the ends is not between them.
    let words = plain
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '*' | '_'))
        .to_ascii_lowercase();
    matches!(
        words.as_str(),
        "-" | "--"
            | "\u{2013}"
            | "\u{2014}"
            | "to"
            | "until"
            | "till"
            | "through"
            | "and"
            | "->"
            | "\u{2192}"
            | "- to"
            // "starting at 2:00 PM and ending at 4:30 PM"
            | "and ending at"
            | "and ended at"
            | "ending at"
            | "and ending"
            | "and ended"
    )
}

/// What may sit between a date and the time it belongs to: "August 15, 2024, from 10:30".
fn is_date_filler(between: &str) -> bool {
    let words = between
        .trim_matches(|c: char| c.is_whitespace() || c == ',')
        .to_ascii_lowercase();
    matches!(
        words.as_str(),
        "" | "from"
            | "at"
            | "between"
            | "starting at"
            | "beginning at"
            | "from about"
            | "at about"
            | "at around"
            | "at approximately"
            | "at ~"
            | "around"
            | "about"
            | "~"
    )
}

/// The first time range in a text, e.g. "from 15:00 to 17:00 UTC" or "14:10 - 16:45 WAT":
/// two moments with times, joined by a connector. A date written just before the start
/// applies to it; a zone written only after the end applies to both.
pub fn find_range(s: &str) -> Option<(When, When)> {
    let whens = all_whens(s);
    for pair in 0..whens.len().saturating_sub(1) {
        let (mut start, mut end) = (whens[pair], whens[pair + 1]);
        if start.clock.is_none() || end.clock.is_none() || !is_connector(&s[start.end..end.start]) {
            continue;
        }
        if start.date.is_none() && pair > 0 {
            let before = whens[pair - 1];
            if before.clock.is_none() && is_date_filler(&s[before.end..start.start]) {
                start.date = before.date;
                start.start = before.start;
            }
        }
        if start.zone.is_none() {
            start.zone = end.zone;
        }
        if end.date.is_none() {
            end.date = start.date;
        }
        return Some((start, end));
    }
    None
}

/// The first moment with a time in a text, with a date written just before it.
pub fn find_moment(s: &str) -> Option<When> {
    let whens = all_whens(s);
    let index = whens.iter().position(|w| w.clock.is_some())?;
    let mut when = whens[index];
    if when.date.is_none() && index > 0 {
        let before = whens[index - 1];
        if before.clock.is_none() && is_date_filler(&s[before.end..when.start]) {
            when.date = before.date;
            when.start = before.start;
        }
    }
    Some(when)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(s: &str) -> (u32, u32, u32) {
        let when = when_prefix(s).unwrap_or_else(|| panic!("no time in {s:?}"));
        let time = when.clock.unwrap().time();
        use chrono::Timelike;
        (time.hour(), time.minute(), time.second())
    }

    #[test]
    fn reads_the_times_people_write() {
        assert_eq!(clock("14:00 UTC"), (14, 0, 0));
        assert_eq!(clock("3:00 PM GMT"), (15, 0, 0));
        assert_eq!(clock("10:20 pm"), (22, 20, 0));
        assert_eq!(clock("0:25:59 AM"), (0, 25, 59));
        assert_eq!(clock("6 PM"), (18, 0, 0));
        assert_eq!(clock("12 a.m."), (0, 0, 0));
        assert_eq!(clock("13:00:56"), (13, 0, 56));
        assert_eq!(clock("2017-07-25T17:06"), (17, 6, 0));
        assert_eq!(clock("January 10, 7:00 AM"), (7, 0, 0));
        assert_eq!(clock("04-12-2022 7:23 AM GMT+1"), (7, 23, 0));
        assert_eq!(clock("Monday, 18 July 2026 at 14:02"), (14, 2, 0));
        assert_eq!(clock("03-26 23:04"), (23, 4, 0));
        assert_eq!(clock("8.40 AM GMT"), (8, 40, 0));
        assert_eq!(clock("12.39UTC"), (12, 39, 0));
        assert_eq!(clock("2022-02-02 1625: mail"), (16, 25, 0));
        assert!(when_prefix("1.18 was used").is_none_or(|w| w.clock.is_none()));
        assert!(when_prefix("1625 users").is_none_or(|w| w.clock.is_none()));
        assert_eq!(when_prefix("03-26 23:04").unwrap().date.unwrap().day, 26);
        assert_eq!(when_prefix("3-5 engineers").map(|w| w.date), None);
    }

    #[test]
    fn reads_dates_and_zones() {
        let when = when_prefix("04-12-2022 7:23 AM GMT+1").unwrap();
        let date = when.date.unwrap();
        assert_eq!(
            (date.year, date.month, date.day, date.ambiguous),
            (Some(2022), 4, 12, true)
        );
        assert_eq!(when.zone.unwrap().offset.local_minus_utc(), 3600);
        let when = when_prefix("January 10, 7:00 AM").unwrap();
        assert_eq!(when.date.unwrap().year, None);
        let when = when_prefix("2020-02-06 07:38 (EDT)").unwrap();
        assert_eq!(when.zone.unwrap().offset.local_minus_utc(), -4 * 3600);
        assert_eq!(when.zone.unwrap().abbreviation, Some("EDT"));
        assert_eq!(
            zone_in("Timeline (all times in GMT)").unwrap().offset.local_minus_utc(),
            0
        );
        assert_eq!(zone_in("Time (WAT)").unwrap().offset.local_minus_utc(), 3600);
        // The zone's offset in hours on a day.
        let hours = |zone: &str, y, m, d| {
            zone_in(zone)
                .unwrap()
                .offset_on(NaiveDate::from_ymd_opt(y, m, d).unwrap())
                .local_minus_utc()
                / 3600
        };
        let on = |y, m, d| hours("Timeline (all times in PST/PDT)", y, m, d);
        assert_eq!(
            (on(2023, 8, 25), on(2023, 1, 10), on(2023, 3, 12), on(2023, 11, 5)),
            (-7, -8, -7, -8)
        );
        let on = |y, m, d| hours("(CET/CEST)", y, m, d);
        assert_eq!((on(2024, 3, 31), on(2024, 3, 30), on(2024, 10, 27)), (2, 1, 1));
        assert_eq!(zone_in("Why it went wrong"), None);
    }

    #[test]
    fn rejects_what_is_not_a_time() {
        for text in [
            "07:7:47",
            "3 servers",
            "25:00",
            "version 1.2.3",
            "10:61",
            "port 5001",
            "at 4.30pm",
            "May we",
        ] {
            let when = when_prefix(text);
            assert!(when.is_none_or(|w| w.clock.is_none()), "{text:?} read as {when:?}");
        }
    }

    #[test]
    fn finds_ranges_in_sentences() {
        let s = "On June 10, 2024, from 3:00 PM to 5:15 PM GMT, our primary web application went down.";
        let (start, end) = find_range(s).unwrap();
        assert_eq!(start.date.unwrap().day, 10);
        assert_eq!(start.clock.unwrap().time().to_string(), "15:00:00");
        assert_eq!(end.clock.unwrap().time().to_string(), "17:15:00");
        assert_eq!(start.zone, end.zone);
        let (start, end) = find_range("Between the hours of 13:00:00 and 17:35:08 the site was down").unwrap();
        assert_eq!((start.zone, end.date), (None, None));
        assert_eq!(end.clock.unwrap().time().to_string(), "17:35:08");
        let (start, end) = find_range("From January 10, 2024, 7:00 AM to January 15, 2024, 1:00 PM GMT").unwrap();
        assert_eq!((start.date.unwrap().day, end.date.unwrap().day), (10, 15));
        assert!(find_range("15:00 and then nothing").is_none());
        let (start, end) =
            find_range("From **Jun 28, 2023 6:00 AM** to **Jun 28, 2023 12:00 PM (UTC-4)**, down").unwrap();
        assert_eq!(start.clock.unwrap().time().to_string(), "06:00:00");
        assert_eq!(end.clock.unwrap().time().to_string(), "12:00:00");
        assert_eq!(start.zone.unwrap().offset.local_minus_utc(), -4 * 3600);
        // A span of clock times is no time with an offset.
        let (start, end) = find_range("13:55-14:10 UTC").unwrap();
        assert_eq!(start.zone.unwrap().offset.local_minus_utc(), 0);
        assert_eq!(end.clock.unwrap().time().to_string(), "14:10:00");
        assert_eq!(
            when_prefix("13:55:00-05:00")
                .unwrap()
                .zone
                .unwrap()
                .offset
                .local_minus_utc(),
            -5 * 3600
        );
        let s = "Between **18:30 on November 27, 2025** and **06:15 on November 28, 2025 (UTC)**, mail went astray.";
        let (start, end) = find_range(s).unwrap();
        assert_eq!((start.date.unwrap().day, end.date.unwrap().day), (27, 28));
        assert_eq!(start.zone.unwrap().offset.local_minus_utc(), 0);
        let (start, end) = find_range("lasted 2 hours, starting at 2:00 PM and ending at 4:30 PM (UTC).").unwrap();
        assert_eq!((start.clock.unwrap().hour, end.clock.unwrap().hour), (2, 4));
        assert_eq!(clock("0330hrs (EAT)"), (3, 30, 0));
        let iso = when_prefix("2026-02-25T19:30:00.000Z text").unwrap();
        assert_eq!((iso.zone.unwrap().offset.local_minus_utc(), iso.end), (0, 24));
        assert_eq!(clock("2215 hrs"), (22, 15, 0));
        // "1200 hours" is more often a length than a time.
        assert!(when_prefix("1200 hours of work").is_none_or(|w| w.clock.is_none()));
        // A region's time in words.
        assert!(zone_in("Timeline (all times in Pacific Time)")
            .unwrap()
            .seasonal
            .is_some());
        assert_eq!(
            zone_in("at 9:00 Eastern Standard Time")
                .unwrap()
                .offset
                .local_minus_utc(),
            -5 * 3600
        );
        assert!(zone_in("Central European Time").is_none_or(|z| z.offset.local_minus_utc() == 3600));
    }
}
