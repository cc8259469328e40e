//! Business time between two instants ten years apart on `cn-workdays` (quality.md: < 1 ms).
//!
//! `cargo run --release --example calendar_bench`

#![allow(clippy::print_stdout, clippy::unwrap_used)]

fn main() {
    let cal = itos::calendar::WorkCalendar::cn_workdays();
    let a: jiff::Timestamp = "2020-01-01T00:00:00+08:00".parse().unwrap();
    let b: jiff::Timestamp = "2030-01-01T00:00:00+08:00".parse().unwrap();
    let runs = 200;
    let started = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        total += std::hint::black_box(cal.business_seconds(a, b));
    }
    let each = started.elapsed() / runs;
    println!("{} us per call ({} business hours)", each.as_micros(), total / i64::from(runs) / 3600);
}
