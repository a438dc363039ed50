//! The incident's key times: how long it took to detect, acknowledge, mitigate and resolve,
//! worked out from the impact window and the timeline's milestones.
//!
//! "MTTR" means four different things in four tools, so every figure carries its two ends:
//! which moments it runs between, where each was read (a marked entry, an entry inferred from
//! its kind, or the summary), and the report says whether it measures from the impact start or
//! from the moment the incident was declared.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::model::{EntryKind, Milestone, Moment, Report, TimesFrom};
use crate::time::{format_duration, TimeDisplay};

/// A moment a key time runs from or to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Point {
    ImpactStart,
    ImpactEnd,
    Milestone(Milestone),
}

impl Point {
    /// How the moment is named in a figure's description ("impact start", "detected").
    pub fn label(self) -> &'static str {
        match self {
            Point::ImpactStart => "impact start",
            Point::ImpactEnd => "impact end",
            Point::Milestone(m) => m.label(),
        }
    }
}

/// Where the time of a moment was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The summary's start or end.
    Summary,
    /// The timeline entry at this index, marked with the milestone.
    Marked(usize),
    /// The timeline entry at this index: no entry is marked, and this is the first of the
    /// kind that usually is that moment.
    Inferred(usize),
}

impl Source {
    /// The timeline entry the moment was read from.
    pub fn entry(self) -> Option<usize> {
        match self {
            Source::Summary => None,
            Source::Marked(i) | Source::Inferred(i) => Some(i),
        }
    }
}

/// A moment of the incident with its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Located {
    pub point: Point,
    pub at: DateTime<FixedOffset>,
    pub source: Source,
}

/// One of the figures reliability teams report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Detect,
    Acknowledge,
    Mitigate,
    Resolve,
    Impact,
}

impl Measure {
    pub const ALL: [Measure; 5] = [
        Measure::Detect,
        Measure::Acknowledge,
        Measure::Mitigate,
        Measure::Resolve,
        Measure::Impact,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Detect => "Time to detect",
            Measure::Acknowledge => "Time to acknowledge",
            Measure::Mitigate => "Time to mitigate",
            Measure::Resolve => "Time to resolve",
            Measure::Impact => "Impact duration",
        }
    }

    /// The name of the figure in `stats` output and JSON (`time_to_detect`).
    pub fn key(self) -> &'static str {
        match self {
            Measure::Detect => "time_to_detect",
            Measure::Acknowledge => "time_to_acknowledge",
            Measure::Mitigate => "time_to_mitigate",
            Measure::Resolve => "time_to_resolve",
            Measure::Impact => "impact_duration",
        }
    }

    /// The moments the figure runs between, when measuring from `origin`.
    fn ends(self, origin: Point) -> (Point, Point) {
        use Milestone::*;
        match self {
            Measure::Detect => (origin, Point::Milestone(Detected)),
            Measure::Acknowledge => (Point::Milestone(Detected), Point::Milestone(Acknowledged)),
            Measure::Mitigate => (origin, Point::Milestone(Mitigated)),
            Measure::Resolve => (origin, Point::Milestone(Resolved)),
            Measure::Impact => (Point::ImpactStart, Point::ImpactEnd),
        }
    }
}

/// A key time: how long from one moment to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub measure: Measure,
    pub from: Located,
    pub to: Located,
}

impl Figure {
    pub fn length(&self) -> TimeDelta {
        self.to.at - self.from.at
    }

    pub fn minutes(&self) -> i64 {
        self.length().num_minutes()
    }

    /// "18 min", as the duration line writes it.
    pub fn duration(&self) -> String {
        format_duration(self.length()).unwrap_or_default()
    }

    /// Whether either end was inferred rather than marked.
    pub fn inferred(&self) -> bool {
        [self.from.source, self.to.source]
            .iter()
            .any(|s| matches!(s, Source::Inferred(_)))
    }
}

/// How a moment is said in a figure's ends: "impact start, 08:45", "detected, 09:03 (entry
/// 3)" or, with `why`, "detected, 09:03 (entry 3, inferred: first detection entry)".
pub fn describe_end(end: &Located, times: &TimeDisplay, why: bool) -> String {
    let clock = times.clock(end.at);
    let point = end.point.label();
    match end.source {
        Source::Summary => format!("{point}, {clock}"),
        Source::Marked(i) => format!("{point}, {clock} (entry {})", i + 1),
        Source::Inferred(i) => match inferred_from(end.point).filter(|_| why) {
            Some((_, kinds)) => format!("{point}, {clock} (entry {}, inferred: first {kinds} entry)", i + 1),
            None => format!("{point}, {clock} (entry {}, inferred)", i + 1),
        },
    }
}

/// What "inferred" means, said once under a table of figures.
pub const INFERRED_NOTE: &str = "Inferred: no entry is marked with that milestone, so the first entry of its kind is used (detection; investigation or escalation; mitigation; resolution).";

/// A figure in words, with what it is measured between: "Time to detect: 18 min, from impact
/// start, 08:45 to detected, 09:03 (entry 3)".
pub fn describe(figure: &Figure, times: &TimeDisplay) -> String {
    format!(
        "{}: {}, from {} to {}",
        figure.measure.label(),
        figure.duration(),
        describe_end(&figure.from, times, true),
        describe_end(&figure.to, times, true)
    )
}

/// The entry kinds whose first entry stands for a milestone nobody marked, and how that is
/// said. Someone responding shows first as an investigation or an escalation.
fn inferred_from(point: Point) -> Option<(&'static [EntryKind], &'static str)> {
    use EntryKind::*;
    match point {
        Point::Milestone(Milestone::Detected) => Some((&[Detection], "detection")),
        Point::Milestone(Milestone::Acknowledged) => {
            Some((&[Investigation, Escalation], "investigation or escalation"))
        }
        Point::Milestone(Milestone::Mitigated) => Some((&[Mitigation], "mitigation")),
        Point::Milestone(Milestone::Resolved) => Some((&[Resolution], "resolution")),
        _ => None,
    }
}

/// The moments of one report and the figures between them.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyTimes {
    pub from: TimesFrom,
    /// Every moment that has a time, in the order of [`Point`]s: start, end, then milestones.
    pub moments: Vec<Located>,
}

const MILESTONES: [Milestone; 5] = [
    Milestone::Declared,
    Milestone::Detected,
    Milestone::Acknowledged,
    Milestone::Mitigated,
    Milestone::Resolved,
];

/// The key times of a report. A milestone is the entry marked with it (the first, if several
/// are); unmarked, it is inferred from the first entry of its usual kind (the first detection
/// entry is when it was detected). Entries whose time is only words are left out.
pub fn key_times(report: &Report) -> KeyTimes {
    let exact = |m: &Option<Moment>| m.as_ref().and_then(Moment::exact);
    let summary = &report.summary;
    let mut moments = Vec::new();
    let window = [
        (Point::ImpactStart, exact(&summary.started_at)),
        (Point::ImpactEnd, exact(&summary.ended_at)),
    ];
    for (point, at) in window {
        if let Some(at) = at {
            moments.push(Located {
                point,
                at,
                source: Source::Summary,
            });
        }
    }
    let timed: Vec<(usize, DateTime<FixedOffset>)> = report
        .timeline
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, exact(&e.time)?)))
        .collect();
    for milestone in MILESTONES {
        let point = Point::Milestone(milestone);
        let marked = report.timeline.iter().position(|e| e.milestone == Some(milestone));
        let located = match marked {
            Some(i) => timed
                .iter()
                .find(|(at, _)| *at == i)
                .map(|&(i, at)| (Source::Marked(i), at)),
            None => inferred_from(point).and_then(|(kinds, _)| {
                timed
                    .iter()
                    .filter(|(i, _)| kinds.contains(&report.timeline[*i].kind))
                    .min_by_key(|(_, at)| *at)
                    .map(|&(i, at)| (Source::Inferred(i), at))
            }),
        };
        if let Some((source, at)) = located {
            moments.push(Located { point, at, source });
        }
    }
    KeyTimes {
        from: summary.key_times_from,
        moments,
    }
}

impl KeyTimes {
    pub fn at(&self, point: Point) -> Option<&Located> {
        self.moments.iter().find(|m| m.point == point)
    }

    /// The moment the figures are measured from.
    pub fn origin(&self) -> Point {
        match self.from {
            TimesFrom::ImpactStart => Point::ImpactStart,
            TimesFrom::Declared => Point::Milestone(Milestone::Declared),
        }
    }

    pub fn figure(&self, measure: Measure) -> Option<Figure> {
        let (from, to) = measure.ends(self.origin());
        let figure = Figure {
            measure,
            from: *self.at(from)?,
            to: *self.at(to)?,
        };
        // A figure running backwards is a mistake in the times, which validation reports;
        // it is not a duration to show or count.
        (figure.length() >= TimeDelta::zero()).then_some(figure)
    }

    /// Every figure the report's times give, in the order of [`Measure::ALL`].
    pub fn figures(&self) -> Vec<Figure> {
        Measure::ALL.iter().filter_map(|m| self.figure(*m)).collect()
    }

    /// The milestones read from an entry of their kind, not marked: (milestone, entry).
    pub fn inferred(&self) -> Vec<(Milestone, usize)> {
        self.moments
            .iter()
            .filter_map(|m| match (m.point, m.source) {
                (Point::Milestone(milestone), Source::Inferred(i)) => Some((milestone, i)),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimelineEntry;

    fn entry(time: &str, kind: EntryKind, milestone: Option<Milestone>) -> TimelineEntry {
        TimelineEntry {
            time: Some(Moment::parse(time)),
            kind,
            text: "x".into(),
            actor: None,
            milestone,
        }
    }

    fn report() -> Report {
        let mut r = Report::default();
        r.summary.started_at = Some(Moment::parse("2026-03-14T08:45:00Z"));
        r.summary.ended_at = Some(Moment::parse("2026-03-14T10:20:00Z"));
        r.timeline = vec![
            entry("2026-03-14T09:03:00Z", EntryKind::Detection, None),
            entry("2026-03-14T09:10:00Z", EntryKind::Escalation, None),
            entry("2026-03-14T09:40:00Z", EntryKind::Mitigation, None),
            entry("2026-03-14T10:20:00Z", EntryKind::Resolution, None),
        ];
        r
    }

    fn minutes(times: &KeyTimes, measure: Measure) -> Option<i64> {
        times.figure(measure).map(|f| f.minutes())
    }

    #[test]
    fn unmarked_milestones_are_inferred_from_entry_kinds_and_say_so() {
        let times = key_times(&report());
        assert_eq!(minutes(&times, Measure::Detect), Some(18));
        assert_eq!(minutes(&times, Measure::Acknowledge), Some(7));
        assert_eq!(minutes(&times, Measure::Mitigate), Some(55));
        assert_eq!(minutes(&times, Measure::Resolve), Some(95));
        assert_eq!(minutes(&times, Measure::Impact), Some(95));
        assert_eq!(times.inferred().len(), 4);
        let display = TimeDisplay::for_summary(&report().summary);
        assert_eq!(
            describe(&times.figure(Measure::Detect).unwrap(), &display),
            "Time to detect: 18 min, from impact start, 08:45 to detected, 09:03 (entry 1, inferred: first detection entry)"
        );
        assert_eq!(times.figure(Measure::Resolve).unwrap().duration(), "1 h 35 min");
    }

    #[test]
    fn a_marked_entry_wins_over_the_first_of_its_kind() {
        let mut r = report();
        r.timeline[1].milestone = Some(Milestone::Detected);
        let times = key_times(&r);
        assert_eq!(minutes(&times, Measure::Detect), Some(25));
        assert_eq!(
            times.at(Point::Milestone(Milestone::Detected)).unwrap().source,
            Source::Marked(1)
        );
        // Acknowledged is still inferred, from the first escalation, and is now no later
        // than detection: a zero-length figure, not a negative one.
        assert_eq!(minutes(&times, Measure::Acknowledge), Some(0));
    }

    #[test]
    fn measuring_from_the_declaration() {
        let mut r = report();
        r.timeline[1].milestone = Some(Milestone::Declared);
        r.summary.key_times_from = TimesFrom::Declared;
        let times = key_times(&r);
        assert_eq!(minutes(&times, Measure::Resolve), Some(70));
        assert_eq!(minutes(&times, Measure::Impact), Some(95));
        // Detected before the declaration: no figure, rather than a negative one.
        assert_eq!(minutes(&times, Measure::Detect), None);
    }

    #[test]
    fn times_in_words_and_missing_moments_give_no_figure() {
        let mut r = report();
        r.timeline[0].time = Some(Moment::AsWritten("shortly after".into()));
        r.timeline[0].milestone = Some(Milestone::Detected);
        r.summary.started_at = None;
        let times = key_times(&r);
        assert!(times.at(Point::Milestone(Milestone::Detected)).is_none());
        assert_eq!(minutes(&times, Measure::Detect), None);
        assert_eq!(minutes(&times, Measure::Impact), None);
        assert_eq!(key_times(&Report::default()).figures(), vec![]);
    }
}
