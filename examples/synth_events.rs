//! Deterministic synthetic ServiceNow-shaped incident event log for the import benchmark.
//!
//! `cargo run --release --example synth_events -- --out DIR [--rows N] [--seed S]`
//!
//! Writes `DIR/events.csv` (the `servicenow-events` preset's shape: day-first timestamps in
//! UTC without leading zeros, `?` for empty, states New / Active / Awaiting … / Resolved /
//! Closed, some reopenings, priority changes and unknown states; about ten updates a ticket,
//! the rows of all tickets interleaved as an audit log is) and `DIR/repo/`, a records
//! repository (examples/acme's engagement and Slas) to import it into. The same seed gives
//! the same bytes.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::PathBuf;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PRIORITIES: [&str; 4] = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"];

/// `29/2/2016 01:16`: day and month without leading zeros, UTC.
fn stamp(minutes: i64) -> String {
    let t = jiff::Timestamp::from_second(minutes * 60).unwrap().to_zoned_datetime(jiff::tz::TimeZone::UTC);
    format!("{}/{}/{} {:02}:{:02}", t.day(), t.month(), t.year(), t.hour(), t.minute())
}

fn main() {
    let mut out = None;
    let mut rows: u64 = 1_000_000;
    let mut seed = 7;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--rows" => rows = args.next().and_then(|v| v.parse().ok()).expect("--rows N"),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            other => panic!("unknown argument {other}"),
        }
    }
    let out = out.expect("--out DIR");
    let repo = out.join("repo");
    std::fs::create_dir_all(repo.join("slas")).unwrap();
    std::fs::create_dir_all(repo.join("engagements")).unwrap();
    let acme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    for dir in ["slas", "engagements", "calendars"] {
        std::fs::create_dir_all(repo.join(dir)).unwrap();
        for entry in std::fs::read_dir(acme.join(dir)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), repo.join(dir).join(entry.file_name())).unwrap();
        }
    }
    std::fs::write(repo.join("itos.toml"), "format = 1\ndefault_engagement = \"acme-core-ops\"\n").unwrap();

    let mut rng = Rng(seed);
    // Tickets opened over September and October 2026, about ten updates each.
    let tickets = (rows / 10).max(1);
    let start = jiff::Timestamp::from_second(1_788_220_800).unwrap().as_second() / 60; // 2026-09-01T00:00Z
    let mut updates: Vec<(i64, u64, u32, String, &str)> = Vec::with_capacity(rows as usize);
    let mut produced = 0u64;
    for t in 0..tickets {
        let opened = start + rng.below(61 * 24 * 60) as i64;
        let mut priority = PRIORITIES[rng.below(4) as usize];
        let n = if t + 1 == tickets { rows - produced } else { (6 + rng.below(9)).min(rows - produced) };
        let mut at = opened;
        let mut state: &str = "New";
        for k in 0..n {
            if k > 0 {
                at += 1 + rng.below(180) as i64;
                state = match (k, rng.below(20)) {
                    (_, 0) => "Awaiting User Info",
                    (_, 1) => "Awaiting Vendor",
                    (_, 2) => "Awaiting Problem",
                    (_, 3) if k > 3 => "Resolved",
                    (_, 4) => "-100",
                    _ if k + 2 == n => "Resolved",
                    _ if k + 1 == n => "Closed",
                    _ => "Active",
                };
                if rng.below(40) == 0 {
                    priority = PRIORITIES[rng.below(4) as usize];
                }
            }
            updates.push((at, t, k as u32, state.to_owned(), priority));
        }
        produced += n;
        if produced >= rows {
            break;
        }
    }
    // An audit log is in time order across tickets.
    updates.sort_by_key(|u| (u.0, u.1, u.2));
    let file = std::fs::File::create(out.join("events.csv")).unwrap();
    let mut w = std::io::BufWriter::new(file);
    // The columns itos does not read are there as a real export has them (≈190 bytes a row).
    writeln!(
        w,
        "number,incident_state,active,reassignment_count,sys_updated_at,sys_mod_count,caller_id,opened_at,location,category,subcategory,assignment_group,priority,resolved_at,closed_at,made_sla,short_description"
    )
    .unwrap();
    let mut opened_of = std::collections::HashMap::new();
    for (at, t, k, _, _) in &updates {
        if *k == 0 {
            opened_of.insert(*t, *at);
        }
    }
    for (at, t, k, state, priority) in &updates {
        let opened = opened_of.get(t).copied().unwrap_or(*at);
        let made = if t % 7 == 0 { "false" } else { "true" };
        let active = if state == "Closed" { "false" } else { "true" };
        writeln!(
            w,
            "INC{:07},{state},{active},{},{},{k},Caller {},{},Location {},Category {},Subcategory {},Group {},{priority},?,?,{made},\"Service {} unavailable for users\"",
            t + 1,
            k / 3,
            stamp(*at),
            t * 7 % 5000,
            stamp(opened),
            t % 230,
            t % 60,
            t % 170,
            t % 70,
            t % 40
        )
        .unwrap();
    }
    w.flush().unwrap();
    eprintln!("wrote {} rows for {} tickets to {}", updates.len(), tickets, out.join("events.csv").display());
}
