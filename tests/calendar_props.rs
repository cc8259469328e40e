#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

//! Properties of business-time arithmetic on the built-in calendars and on a Berlin calendar
//! with a lunch break (DST changes in March and October): business time is additive over a
//! split interval, and "add N business seconds to a" lands where exactly N have elapsed.

use itos::calendar::WorkCalendar;
use itos::config::Config;
use itos::load::Repository;
use jiff::Timestamp;
use proptest::prelude::*;

fn berlin() -> Repository {
    let text = "kind: Calendar\nid: berlin-office\ntimezone: Europe/Berlin\nweek:\n  mon: [\"08:00-12:00\", \"13:00-17:00\"]\n  tue: [\"08:00-12:00\", \"13:00-17:00\"]\n  wed: [\"08:00-12:00\", \"13:00-17:00\"]\n  thu: [\"08:00-12:00\", \"13:00-17:00\"]\n  fri: [\"08:00-12:00\", \"13:00-17:00\"]\n  sun: [\"01:30-03:30\"]\nholidays: [2026-10-03, 2026-12-25]\n";
    Repository::from_texts(&[("c.yaml".to_owned(), text.to_owned())], Config::default())
}

/// Instants across 2025–2026 (both DST changes of each year, Chinese holidays and make-up days).
fn instant() -> impl Strategy<Value = Timestamp> {
    let from = "2025-01-01T00:00:00Z".parse::<Timestamp>().unwrap().as_second();
    let to = "2026-12-20T00:00:00Z".parse::<Timestamp>().unwrap().as_second();
    (from..to).prop_map(|s| Timestamp::from_second(s).unwrap())
}

fn check_additive(cal: &WorkCalendar, a: Timestamp, b: Timestamp, c: Timestamp) {
    let mut v = [a, b, c];
    v.sort();
    let [a, m, b] = v;
    assert_eq!(cal.business_seconds(a, b), cal.business_seconds(a, m) + cal.business_seconds(m, b), "{a} {m} {b}");
}

fn check_inverse(cal: &WorkCalendar, a: Timestamp, n: i64) {
    let Some(end) = cal.add_business(a, n) else { panic!("no working time after {a}") };
    assert_eq!(cal.business_seconds(a, end), n, "from {a} + {n}s → {end}");
    // And it is the first such instant: one second earlier, less has elapsed.
    if n > 0 {
        let before = Timestamp::from_second(end.as_second() - 1).unwrap();
        assert!(cal.business_seconds(a, before) < n);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn business_time_is_additive_on_cn_workdays(a in instant(), b in instant(), c in instant()) {
        check_additive(&WorkCalendar::cn_workdays(), a, b, c);
    }

    #[test]
    fn business_time_is_additive_in_berlin(a in instant(), b in instant(), c in instant()) {
        let repo = berlin();
        check_additive(repo.calendars.get("berlin-office").unwrap(), a, b, c);
    }

    #[test]
    fn adding_business_time_is_exact_on_cn_workdays(a in instant(), n in 1i64..400_000) {
        check_inverse(&WorkCalendar::cn_workdays(), a, n);
    }

    #[test]
    fn adding_business_time_is_exact_in_berlin(a in instant(), n in 1i64..400_000) {
        let repo = berlin();
        check_inverse(repo.calendars.get("berlin-office").unwrap(), a, n);
    }

    #[test]
    fn adding_business_time_is_exact_on_24x7(a in instant(), n in 0i64..10_000_000) {
        check_inverse(&WorkCalendar::always(jiff::tz::TimeZone::UTC), a, n);
    }
}

#[test]
fn berlin_dst_days_have_fewer_and_more_working_minutes() {
    // The Sunday range 01:30–03:30 loses an hour on 2026-03-29 (02:00→03:00) and gains one on 2026-10-25.
    let repo = berlin();
    let cal = repo.calendars.get("berlin-office").unwrap();
    let day = |s: &str, e: &str| cal.business_seconds(s.parse().unwrap(), e.parse().unwrap());
    assert_eq!(day("2026-03-22T00:00:00+01:00", "2026-03-23T00:00:00+01:00"), 2 * 3600);
    assert_eq!(day("2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00"), 3600);
    assert_eq!(day("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"), 3 * 3600);
}

/// Business seconds of `[a, b)` counted minute by minute from the definition (sla.md): a
/// minute is working time when its local wall-clock time lies in a working range of its local
/// day. Independent of the day-by-day arithmetic under test.
fn reference_minutes(cal: &WorkCalendar, a: Timestamp, b: Timestamp) -> i64 {
    let mut t = a;
    let mut total = 0;
    while t < b {
        let local = t.to_zoned_datetime(cal.tz.clone());
        let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
        let working =
            cal.ranges(local.date()).iter().any(|r| i32::from(r.start) <= minute && minute < i32::from(r.end));
        if working {
            total += 60;
        }
        t = Timestamp::from_second(t.as_second() + 60).unwrap();
    }
    total
}

/// Minute-aligned instants within four days of Berlin's 2026 DST changes.
fn near_dst() -> impl Strategy<Value = Timestamp> {
    let spring = "2026-03-27T00:00:00Z".parse::<Timestamp>().unwrap().as_second() / 60;
    let autumn = "2026-10-23T00:00:00Z".parse::<Timestamp>().unwrap().as_second() / 60;
    (prop::bool::ANY, 0i64..4 * 1440)
        .prop_map(move |(first, m)| Timestamp::from_second(((if first { spring } else { autumn }) + m) * 60).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn business_time_agrees_with_a_minute_by_minute_reference_across_dst(a in near_dst(), len in 0i64..3 * 1440) {
        let repo = berlin();
        let cal = repo.calendars.get("berlin-office").unwrap();
        let b = Timestamp::from_second(a.as_second() + len * 60).unwrap();
        prop_assert_eq!(cal.business_seconds(a, b), reference_minutes(cal, a, b), "{} {}", a, b);
    }
}

#[test]
fn a_range_in_the_repeated_hour_counts_its_wall_clock_minutes_twice() {
    // Sunday 2026-10-25 01:30–03:30 in Berlin: 01:30–02:00 CEST, 02:00–03:00 CEST, the repeated
    // 02:00–03:00 CET, then 03:00–03:30 CET: 3 h, the same as the minute-by-minute count.
    let repo = berlin();
    let cal = repo.calendars.get("berlin-office").unwrap();
    let (a, b) = ("2026-10-25T00:00:00+02:00".parse().unwrap(), "2026-10-26T00:00:00+01:00".parse().unwrap());
    assert_eq!(cal.business_seconds(a, b), reference_minutes(cal, a, b));
    assert_eq!(reference_minutes(cal, a, b), 3 * 3600);
}
