//! Key times across many reports: one row per report, and the count, median, mean and 90th
//! percentile of each key time, overall and per severity, over the reports that have it. This
//! is how a team keeps its MTTD and MTTR from its own postmortems.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Map, Value};

use crate::metrics::{key_times, Measure, Point};
use crate::model::{Milestone, Report};

/// The key times `stats` counts, in its columns' order.
pub const MEASURES: [Measure; 4] = [
    Measure::Detect,
    Measure::Acknowledge,
    Measure::Mitigate,
    Measure::Resolve,
];

const MOMENTS: [Milestone; 4] = [
    Milestone::Detected,
    Milestone::Acknowledged,
    Milestone::Mitigated,
    Milestone::Resolved,
];

/// One report's line.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub file: String,
    pub title: String,
    pub severity: Option<String>,
    pub started: Option<DateTime<FixedOffset>>,
    /// Detected, acknowledged, mitigated, resolved.
    pub moments: [Option<DateTime<FixedOffset>>; 4],
    /// The moments read from an entry's kind rather than a mark.
    pub inferred: Vec<Milestone>,
    /// Minutes, in the order of [`MEASURES`].
    pub minutes: [Option<i64>; 4],
}

pub fn row(file: &str, report: &Report) -> Row {
    let times = key_times(report);
    let at = |point| times.at(point).map(|m| m.at);
    Row {
        file: file.to_owned(),
        title: report.title.trim().to_owned(),
        severity: report.severity.as_ref().map(|s| s.label().to_owned()),
        started: at(Point::ImpactStart),
        moments: MOMENTS.map(|m| at(Point::Milestone(m))),
        inferred: times.inferred().into_iter().map(|(m, _)| m).collect(),
        minutes: MEASURES.map(|m| times.figure(m).map(|f| f.minutes())),
    }
}

/// The figures of one key time over a set of reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// How many reports have it, and how many lack it.
    pub count: usize,
    pub missing: usize,
    pub median: Option<f64>,
    pub mean: Option<f64>,
    /// The nearest-rank 90th percentile: the smallest value at least 90% of reports reach.
    pub p90: Option<i64>,
}

pub fn spread(values: &[Option<i64>]) -> Spread {
    let mut present: Vec<i64> = values.iter().flatten().copied().collect();
    present.sort_unstable();
    let n = present.len();
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(present[n / 2] as f64),
        _ => Some((present[n / 2 - 1] + present[n / 2]) as f64 / 2.0),
    };
    Spread {
        count: n,
        missing: values.len() - n,
        median,
        mean: (n > 0).then(|| present.iter().sum::<i64>() as f64 / n as f64),
        p90: (n > 0).then(|| present[(n * 9).div_ceil(10) - 1]),
    }
}

/// A named set of reports and the spread of each key time over it.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// "all", or a severity as reports write it ("(none)" for reports without one).
    pub name: String,
    pub reports: usize,
    pub spreads: [Spread; 4],
}

/// All reports, then one group per severity, most severe first.
pub fn groups(rows: &[Row]) -> Vec<Group> {
    let group = |name: String, rows: Vec<&Row>| Group {
        name,
        reports: rows.len(),
        spreads: std::array::from_fn(|i| spread(&rows.iter().map(|r| r.minutes[i]).collect::<Vec<_>>())),
    };
    let mut severities: Vec<Option<String>> = rows.iter().map(|r| r.severity.clone()).collect();
    severities.sort_by_key(|s| {
        let rank = s
            .as_deref()
            .map(|s| crate::model::Severity::parse(s).and_then(|s| s.rank()));
        (s.is_none(), rank.flatten().is_none(), rank.flatten(), s.clone())
    });
    severities.dedup();
    std::iter::once(group("all".into(), rows.iter().collect()))
        .chain(severities.into_iter().map(|severity| {
            let members = rows.iter().filter(|r| r.severity == severity).collect();
            group(severity.unwrap_or_else(|| "(none)".into()), members)
        }))
        .collect()
}

fn number(value: Option<f64>) -> String {
    match value {
        Some(v) if v.fract() == 0.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.1}"),
        None => "–".into(),
    }
}

fn minutes(value: Option<i64>) -> String {
    value.map_or_else(|| "–".into(), |v| v.to_string())
}

/// The rows and the groups as aligned columns, minutes throughout.
pub fn table(rows: &[Row]) -> String {
    let mut lines: Vec<Vec<String>> = vec![vec![
        "file".into(),
        "title".into(),
        "severity".into(),
        "started".into(),
        "detect".into(),
        "ack".into(),
        "mitigate".into(),
        "resolve".into(),
    ]];
    for r in rows {
        let mut line = vec![
            r.file.clone(),
            shorten(&r.title, 48),
            r.severity.clone().unwrap_or_else(|| "–".into()),
            r.started
                .map_or_else(|| "–".into(), |s| s.format("%Y-%m-%d %H:%M").to_string()),
        ];
        line.extend(r.minutes.map(minutes));
        lines.push(line);
    }
    let mut out = aligned(&lines);
    out.push_str("\nKey times in minutes; – where a report lacks the moments. Moments no entry marks are inferred from entry kinds.\n\n");
    let mut summary: Vec<Vec<String>> = vec![vec![
        "group".into(),
        "key time".into(),
        "reports".into(),
        "missing".into(),
        "median".into(),
        "mean".into(),
        "p90".into(),
    ]];
    for group in groups(rows) {
        for (measure, s) in MEASURES.iter().zip(&group.spreads) {
            summary.push(vec![
                format!("{} ({})", group.name, group.reports),
                measure.label().to_lowercase(),
                s.count.to_string(),
                s.missing.to_string(),
                number(s.median),
                number(s.mean),
                minutes(s.p90),
            ]);
        }
    }
    out.push_str(&aligned(&summary));
    out
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn aligned(lines: &[Vec<String>]) -> String {
    let columns = lines.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            lines
                .iter()
                .map(|l| l.get(c).map_or(0, |v| v.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for line in lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}

/// One line per report, with a header, quoted as RFC 4180 asks.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("file,title,severity,started,detected,acknowledged,mitigated,resolved");
    for measure in MEASURES {
        let _ = write!(out, ",{}_minutes", measure.key());
    }
    out.push_str("\r\n");
    for r in rows {
        let mut cells = vec![
            r.file.clone(),
            r.title.clone(),
            r.severity.clone().unwrap_or_default(),
            rfc3339(r.started),
        ];
        cells.extend(r.moments.map(rfc3339));
        cells.extend(r.minutes.map(|m| m.map(|m| m.to_string()).unwrap_or_default()));
        let quoted: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

fn rfc3339(at: Option<DateTime<FixedOffset>>) -> String {
    at.map(|a| a.to_rfc3339()).unwrap_or_default()
}

/// Every row and every group, for other tools.
pub fn json(rows: &[Row], unreadable: usize) -> String {
    let time = |at: Option<DateTime<FixedOffset>>| at.map_or(Value::Null, |a| Value::String(a.to_rfc3339()));
    let reports: Vec<Value> = rows
        .iter()
        .map(|r| {
            let mut fields = Map::new();
            fields.insert("file".into(), json!(r.file));
            fields.insert("title".into(), json!(r.title));
            fields.insert("severity".into(), json!(r.severity));
            fields.insert("started".into(), time(r.started));
            for (milestone, at) in MOMENTS.iter().zip(r.moments) {
                fields.insert(milestone.key().into(), time(at));
            }
            for (measure, value) in MEASURES.iter().zip(r.minutes) {
                fields.insert(format!("{}_minutes", measure.key()), json!(value));
            }
            fields.insert(
                "inferred".into(),
                json!(r.inferred.iter().map(|m| m.key()).collect::<Vec<_>>()),
            );
            Value::Object(fields)
        })
        .collect();
    let summary: Vec<Value> = groups(rows)
        .into_iter()
        .map(|g| {
            let mut measures = Map::new();
            for (measure, s) in MEASURES.iter().zip(&g.spreads) {
                measures.insert(
                    format!("{}_minutes", measure.key()),
                    json!({ "reports": s.count, "missing": s.missing, "median": s.median, "mean": s.mean, "p90": s.p90 }),
                );
            }
            json!({ "group": g.name, "reports": g.reports, "key_times": measures })
        })
        .collect();
    let document = json!({ "reports": reports, "summary": summary, "unreadable": unreadable });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_of_a_few_values() {
        let s = spread(&[Some(10), None, Some(30), Some(20), Some(100)]);
        assert_eq!((s.count, s.missing), (4, 1));
        assert_eq!(s.median, Some(25.0));
        assert_eq!(s.mean, Some(40.0));
        assert_eq!(s.p90, Some(100));
        let s = spread(&[Some(5)]);
        assert_eq!((s.median, s.p90), (Some(5.0), Some(5)));
        let s = spread(&(1..=10).map(Some).collect::<Vec<_>>());
        assert_eq!(s.p90, Some(9));
        assert_eq!(spread(&[None]).median, None);
    }

    #[test]
    fn groups_go_from_all_to_the_most_severe() {
        let row = |severity: Option<&str>, detect: i64| Row {
            file: "f".into(),
            title: "t".into(),
            severity: severity.map(str::to_owned),
            started: None,
            moments: [None; 4],
            inferred: vec![],
            minutes: [Some(detect), None, None, None],
        };
        let rows = [
            row(Some("SEV3"), 5),
            row(Some("SEV1"), 30),
            row(None, 1),
            row(Some("SEV1"), 10),
        ];
        let names: Vec<String> = groups(&rows).into_iter().map(|g| g.name).collect();
        assert_eq!(names, ["all", "SEV1", "SEV3", "(none)"]);
        assert_eq!(groups(&rows)[1].spreads[0].median, Some(20.0));
        assert!(csv(&rows).starts_with("file,title,severity,started,detected,"));
        let parsed: Value = serde_json::from_str(&json(&rows, 2)).unwrap();
        assert_eq!(parsed["reports"][1]["time_to_detect_minutes"], json!(30));
        assert_eq!(parsed["reports"][0]["detected"], Value::Null);
        assert_eq!(parsed["unreadable"], json!(2));
        assert_eq!(quote("a, \"b\""), "\"a, \"\"b\"\"\"");
    }
}
