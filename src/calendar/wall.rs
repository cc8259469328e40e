//! Wall-clock ranges in a time zone (sla.md, "Clocks and calendars"): the instants whose
//! local time lies in a working range or maintenance window of a day, across DST changes.

use jiff::civil;
use jiff::tz::TimeZone;

/// The instants whose local wall-clock time in `tz` lies in a range of `day` (minutes after
/// local midnight, the end excluded; `24:00` is the next midnight), for working ranges and
/// maintenance windows. Membership is decided per instant by its wall-clock time (sla.md,
/// "Clocks and calendars"): a time skipped by a DST gap does not exist, so a gap day has
/// fewer minutes; a time repeated by an overlap is in the range twice, so `02:15-05:00` on
/// the night clocks go back holds 02:15–03:00 before the change and 02:15–05:00 after it,
/// and not the second 02:00–02:14. On a day without a transition this is one piece.
pub fn local_range(tz: &TimeZone, day: civil::Date, start: u16, end: u16) -> WallPieces {
    match quick_range(tz, day, start, end) {
        QuickRange::One(a, b) => WallPieces { first: Some((a, b)), rest: Vec::new() },
        QuickRange::Empty => WallPieces::default(),
        QuickRange::NearTransition => match (wall_clock(day, start), wall_clock(day, end)) {
            (Some(from), Some(to)) => near_transition(tz, from, to).unwrap_or_default(),
            _ => WallPieces::default(),
        },
    }
}

/// `local_range` for hot loops, without building pieces on the usual day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuickRange {
    /// The range covers nothing.
    Empty,
    /// The range is this one piece.
    One(jiff::Timestamp, jiff::Timestamp),
    /// A transition is near: ask `local_range`.
    NearTransition,
}

/// A range on the usual day: both ends occur once, under the same offset. Then the range is
/// the one stretch between them: a transition inside it would change the offset at the end
/// unless a gap and an overlap cancel out, and then too every instant between the ends reads
/// a time of the range (an end inside a repeated hour would not occur once). Two lookups, as
/// a plain conversion of both ends takes.
pub fn quick_range(tz: &TimeZone, day: civil::Date, start: u16, end: u16) -> QuickRange {
    use jiff::tz::AmbiguousOffset::Unambiguous;
    if start >= end {
        return QuickRange::Empty;
    }
    let (Some(from), Some(to)) = (wall_clock(day, start), wall_clock(day, end)) else {
        return QuickRange::Empty;
    };
    let a = tz.to_ambiguous_timestamp(from);
    let Unambiguous { offset } = a.offset() else { return QuickRange::NearTransition };
    let b = tz.to_ambiguous_timestamp(to);
    if !matches!(b.offset(), Unambiguous { offset: end } if end == offset) {
        return QuickRange::NearTransition;
    }
    match (a.compatible(), b.compatible()) {
        (Ok(a), Ok(b)) => QuickRange::One(a, b),
        _ => QuickRange::Empty,
    }
}

/// The pieces of a wall-clock range in time order, adjacent pieces joined: one, or more
/// around a DST transition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WallPieces {
    first: Option<(jiff::Timestamp, jiff::Timestamp)>,
    /// Further pieces (only around a transition; empty, so never allocated, otherwise).
    rest: Vec<(jiff::Timestamp, jiff::Timestamp)>,
}

impl WallPieces {
    fn push(&mut self, piece: (jiff::Timestamp, jiff::Timestamp)) {
        let last = match self.rest.last_mut() {
            Some(last) => Some(last),
            None => self.first.as_mut(),
        };
        match last {
            Some(last) if last.1 == piece.0 => last.1 = piece.1,
            Some(_) => self.rest.push(piece),
            None => self.first = Some(piece),
        }
    }

    /// The pieces, in time order.
    pub fn iter(&self) -> impl Iterator<Item = (jiff::Timestamp, jiff::Timestamp)> + '_ {
        self.first.iter().chain(self.rest.iter()).copied()
    }

    /// Whether more than one piece (a range cut by a repeated hour).
    pub fn is_split(&self) -> bool {
        !self.rest.is_empty()
    }

    /// Seconds covered.
    pub fn seconds(&self) -> i64 {
        self.iter().map(|(a, b)| b.as_second() - a.as_second()).sum()
    }
}

/// `local_range` near a transition: walk the stretches of constant offset over a window wide
/// enough for any offset, and keep in each the instants whose wall-clock time lies in
/// `[from, to)`.
#[cold]
#[inline(never)]
fn near_transition(tz: &TimeZone, from: civil::DateTime, to: civil::DateTime) -> Option<WallPieces> {
    let utc = jiff::tz::Offset::UTC;
    let two_days = jiff::SignedDuration::from_hours(48);
    let lo = utc.to_timestamp(from).ok()?.checked_sub(two_days).ok()?;
    let hi = utc.to_timestamp(to).ok()?.checked_add(two_days).ok()?;
    let mut out = WallPieces::default();
    let mut cursor = lo;
    let mut offset = tz.to_offset(lo);
    let mut transitions = tz.following(lo);
    loop {
        let next = transitions.next().map(|t| (t.timestamp(), t.offset())).filter(|(t, _)| *t < hi);
        let stretch_end = next.map_or(hi, |(t, _)| t);
        if let (Ok(a), Ok(b)) = (offset.to_timestamp(from), offset.to_timestamp(to)) {
            let (s, e) = (a.max(cursor), b.min(stretch_end));
            if e > s {
                out.push((s, e));
            }
        }
        match next {
            Some((t, o)) => (cursor, offset) = (t, o),
            None => break,
        }
    }
    Some(out)
}

/// The civil date-time of a wall-clock time of `day` (`24:00` is the next midnight).
fn wall_clock(day: civil::Date, minutes: u16) -> Option<civil::DateTime> {
    if minutes >= 24 * 60 {
        return Some(day.tomorrow().ok()?.to_datetime(civil::Time::midnight()));
    }
    let t = civil::Time::new(i8::try_from(minutes / 60).ok()?, i8::try_from(minutes % 60).ok()?, 0, 0).ok()?;
    Some(day.to_datetime(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wall_clock_ranges_across_dst_changes() {
        let berlin = jiff::tz::TimeZone::get("Europe/Berlin").unwrap();
        let secs = |day: civil::Date, a: u16, b: u16| local_range(&berlin, day, a, b).seconds();
        // Clocks go back on 2026-10-25 (03:00 CEST → 02:00 CET). Membership is per instant by
        // its wall-clock time: 02:15–05:00 holds 02:15–03:00 CEST and 02:15–05:00 CET, 3 h 30
        // min, and not the second 02:00–02:14.
        let fall_back = civil::date(2026, 10, 25);
        assert_eq!(secs(fall_back, 135, 300), 3 * 3600 + 1800);
        let pieces: Vec<_> = local_range(&berlin, fall_back, 135, 300).iter().collect();
        let ts = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        assert_eq!(
            pieces,
            [
                (ts("2026-10-25T02:15:00+02:00"), ts("2026-10-25T03:00:00+02:00")),
                (ts("2026-10-25T02:15:00+01:00"), ts("2026-10-25T05:00:00+01:00")),
            ]
        );
        // 01:00–02:30 that night: 01:00–02:30 CEST and 02:00–02:30 CET, 2 h; any other
        // Sunday 1 h 30 min.
        assert_eq!(secs(fall_back, 60, 150), 2 * 3600);
        assert_eq!(secs(civil::date(2026, 10, 18), 60, 150), 5400);
        // Clocks go forward on 2026-03-29 (02:00 → 03:00): 02:30–05:00 holds 03:00–05:00 CEST,
        // 2 h; 02:30–04:00 1 h; 01:00–02:30 only 01:00–02:00 CET, one piece of 1 h.
        let spring = civil::date(2026, 3, 29);
        assert_eq!(secs(spring, 150, 300), 2 * 3600);
        assert_eq!(secs(spring, 150, 240), 3600);
        assert_eq!(secs(spring, 60, 150), 3600);
        // A range across the gap is one piece.
        assert!(!local_range(&berlin, spring, 60, 300).is_split());
        assert_eq!(secs(spring, 60, 300), 3 * 3600);
        // Wholly inside the repeated hour: twice. New York falls back on 2026-11-01.
        let ny = jiff::tz::TimeZone::get("America/New_York").unwrap();
        let r = local_range(&ny, civil::date(2026, 11, 1), 90, 105);
        assert_eq!((r.seconds(), r.is_split()), (1800, true));
        // A whole day: 25 hours and 23 hours, one piece each.
        assert_eq!(secs(fall_back, 0, 1440), 25 * 3600);
        assert!(!local_range(&berlin, fall_back, 0, 1440).is_split());
        assert_eq!(secs(spring, 0, 1440), 23 * 3600);
        // The days around a change and a zone without any: plain.
        for day in [civil::date(2026, 10, 23), civil::date(2026, 10, 24), civil::date(2026, 10, 26)] {
            assert_eq!(secs(day, 135, 300), 9900, "{day}");
        }
        let shanghai = crate::model::scalar::default_tz();
        assert_eq!(local_range(&shanghai, civil::date(2026, 10, 25), 540, 1080).seconds(), 9 * 3600);
        assert_eq!(local_range(&shanghai, civil::date(2026, 10, 25), 600, 540).seconds(), 0);
    }
}
