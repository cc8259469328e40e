//! Calendar and SLA arithmetic on arbitrary instants, pauses and targets: never panics, and
//! the invariants hold (business time is additive; adding N business seconds lands where
//! exactly N have elapsed; elapsed never exceeds the wall-clock span).
#![no_main]

use itos::calendar::WorkCalendar;
use itos::figures::clock::{ClockKind, evaluate};
use jiff::Timestamp;
use libfuzzer_sys::fuzz_target;

fn u32_at(data: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    for (k, slot) in b.iter_mut().enumerate() {
        *slot = data.get(i * 4 + k).copied().unwrap_or(0);
    }
    u32::from_le_bytes(b)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 24 {
        return;
    }
    // Instants within 2020..2035, seconds resolution.
    let base = 1_577_836_800i64; // 2020-01-01
    let at = |i: usize| Timestamp::from_second(base + i64::from(u32_at(data, i) % 473_040_000)).unwrap();
    let calendar = match data[0] % 3 {
        0 => WorkCalendar::always(jiff::tz::TimeZone::UTC),
        _ => WorkCalendar::cn_workdays(),
    };
    let (mut a, mut b, mut c) = (at(1), at(2), at(3));
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    if b > c {
        std::mem::swap(&mut b, &mut c);
    }
    if a > b {
        std::mem::swap(&mut a, &mut b);
    }
    // Keep spans to a few years so that the per-day walk stays quick.
    let whole = calendar.business_seconds(a, c);
    assert_eq!(whole, calendar.business_seconds(a, b) + calendar.business_seconds(b, c));
    assert!(whole <= c.as_second() - a.as_second());
    let n = i64::from(u32_at(data, 4) % 2_000_000);
    if let Some(end) = calendar.add_business(a, n) {
        assert_eq!(calendar.business_seconds(a, end), n);
    }
    // A clock with a pause and a reopening.
    let pause = (at(5).min(c), at(5).max(c));
    let periods = vec![(a, Some(b)), (b, if data[1] % 2 == 0 { Some(c) } else { None })];
    let target = i64::from(u32_at(data, 6) % 3_000_000) + 1;
    let clock = evaluate(ClockKind::Resolution, &periods, &[pause], target, &calendar, c);
    assert!(clock.elapsed >= 0);
    assert!(clock.paused >= 0);
});
