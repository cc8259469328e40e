//! Deterministic synthetic records repository for benchmarks.
//!
//! `cargo run --release --example synth -- --out DIR [--scale large|small|N] [--seed S]`
//!
//! Copies examples/acme (engagement, Slas, calendars, people and the other kinds) and adds
//! the "large" corpus of quality.md: twelve monthly incident batch files (November 2025 to
//! October 2026, 10,000 incidents each: a tenth with outages, a fifth with pauses), 20,000
//! change records one file each, and 5,000 further records of other kinds (staff with their
//! trainings, problems, feedback, acceptances). `--scale N` multiplies everything by N;
//! `--scale small` is a tenth. `--faults N` plants N incidents with an undefined priority
//! (N INC-001 errors, and nothing else). The same seed gives the same bytes.

#![allow(clippy::print_stdout, clippy::print_stderr, clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: tiny, seedable, and good enough for test data.
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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SERVICES: [&str; 3] = ["core-banking-ops", "service-desk", "network-ops"];
/// Implementers (neither the approver p-zhang-wei nor the verifier p-li-na: CHG-008).
const PEOPLE: [&str; 2] = ["p-zhao-min", "p-wang-lei"];
const CAUSES: [(&str, &str, &str); 5] = [
    ("数据库", "锁等待导致交易超时", "终止阻塞会话并优化索引"),
    ("网络", "分行专线抖动", "切换备用线路并报运营商"),
    ("应用故障", "批处理作业异常中止", "重启作业并补跑"),
    ("中间件", "连接池耗尽", "扩大连接池并修复泄漏"),
    ("账号权限", "用户密码过期", "重置密码"),
];

struct Args {
    out: PathBuf,
    scale: u64,
    small: bool,
    seed: u64,
    faults: u64,
}

fn args() -> Result<Args, String> {
    let mut out = None;
    let mut scale = 1;
    let mut small = false;
    let mut seed = 20_261_031;
    let mut faults = 0;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--scale" => match value()?.as_str() {
                "large" => scale = 1,
                "small" => small = true,
                n => scale = n.parse().map_err(|_| format!("--scale: `{n}` is not large, small or a number"))?,
            },
            "--seed" => seed = value()?.parse().map_err(|_| "--seed: not a number".to_owned())?,
            "--faults" => faults = value()?.parse().map_err(|_| "--faults: not a number".to_owned())?,
            _ => return Err(format!("unknown argument `{a}`")),
        }
    }
    Ok(Args { out: out.ok_or("--out DIR is required")?, scale, small, seed, faults })
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// `2026-10-05T10:00:00+08:00` for minutes since 2025-11-01T00:00+08:00.
fn stamp(minutes: i64) -> String {
    let base = jiff::civil::date(2025, 11, 1).at(0, 0, 0, 0);
    let t = base.checked_add(jiff::Span::new().minutes(minutes)).unwrap();
    format!("{}+08:00", t.strftime("%Y-%m-%dT%H:%M:%S"))
}

/// Minutes from 2025-11-01 to the first of month `m` (0 = November 2025).
fn month_start(m: i64) -> (i64, i64, String) {
    let base = jiff::civil::date(2025, 11, 1);
    let first = base.checked_add(jiff::Span::new().months(m)).unwrap();
    let next = first.checked_add(jiff::Span::new().months(1)).unwrap();
    let minutes = |d: jiff::civil::Date| i64::from(base.until(d).unwrap().get_days()) * 1440;
    (minutes(first), minutes(next), format!("{:04}-{:02}", first.year(), first.month()))
}

fn incident(out: &mut String, rng: &mut Rng, id: &str, start: i64, end: i64) {
    let service = SERVICES[rng.below(3) as usize];
    // network-ops defines P1–P3 only; P1 needs a major-incident review, so none here.
    let priority = if service == "network-ops" {
        rng.pick(&["P2", "P3", "P3"])
    } else {
        rng.pick(&["P2", "P3", "P3", "P4", "P4"])
    };
    // Leave room at the month's end so that tickets resolve within it.
    let opened = start + rng.below((end - start - 3 * 1440) as u64) as i64;
    let respond = 1 + rng.below(20) as i64;
    // One in thirty takes long (some of those breach their resolution target).
    let spread = if rng.below(30) == 0 { 3000 } else { 200 };
    let resolve = respond + 40 + rng.below(spread) as i64;
    let (category, cause, fix) = CAUSES[rng.below(CAUSES.len() as u64) as usize];
    let _ = write!(
        out,
        "  - id: {id}\n    service: {service}\n    priority: {priority}\n    opened_at: {}\n    responded_at: {}\n",
        stamp(opened),
        stamp(opened + respond)
    );
    if rng.below(5) == 0 {
        let from = opened + respond + 2;
        let _ = write!(
            out,
            "    paused:\n      - {{from: {}, to: {}, reason: awaiting-customer}}\n",
            stamp(from),
            stamp(from + 5 + rng.below(30) as i64)
        );
    }
    if rng.below(10) == 0 && service != "service-desk" {
        let length = 1 + rng.below(8) as i64;
        if rng.below(3) == 0 {
            let _ = writeln!(
                out,
                "    outage: {{start: {}, end: {}, impact: partial, degraded_percent: {}}}",
                stamp(opened),
                stamp(opened + length),
                10 * (1 + rng.below(9))
            );
        } else {
            let _ = writeln!(out, "    outage: {{start: {}, end: {}}}", stamp(opened), stamp(opened + length));
        }
    }
    if service != "service-desk" {
        // Service restored a little before the ticket is resolved (core-banking-ops P2 has a restoration target).
        let _ = writeln!(out, "    restored_at: {}", stamp(opened + respond + (resolve - respond) / 2));
    }
    let _ = write!(
        out,
        "    resolved_at: {}\n    closed_at: {}\n    category: {category}\n    cause: {cause}\n    resolution: {fix}\n    status: closed\n",
        stamp(opened + resolve),
        stamp(opened + resolve + 120)
    );
}

/// A normal change in the order real ones keep: requested, approved as CHG-002's matrices ask
/// for its class and low risk (department head), notified, implemented, verified, reviewed
/// (CHG-012), closed.
fn change(rng: &mut Rng, id: &str, start: i64, span: i64) -> String {
    let t = start + (rng.below(span as u64 / 1440) as i64) * 1440 + 9 * 60;
    let service = SERVICES[rng.below(3) as usize];
    let by = rng.pick(&PEOPLE);
    format!(
        "kind: Change\nid: {id}\nengagement: acme-core-ops\ntitle: 例行补丁升级 {id}\ndescription: 按变更方案实施并验证\nclass: normal\nrequested_by: p-zhao-min\nrequested_at: {}\nimpact:\n  services: [{service}]\n  expected: 维护窗口内短暂不可用\n  business: 窗口期内部分交易暂停\n  technical: 需重启服务实例\n  security: 无新增暴露面\n  cost: 无额外费用\nrisk: {{likelihood: 2, impact: 2, level: low}}\napprovals:\n  - {{by: p-zhang-wei, role: department-head, party: provider, at: {}, decision: approved}}\nnotified_at: {}\nschedule: {{start: {}, end: {}}}\nrollback_plan: 保留变更前快照,失败时 30 分钟内回退\nimplementation: {{by: {by}, started_at: {}, finished_at: {}}}\nverification: {{by: p-li-na, at: {}, result: passed, checks: {{functional: passed, performance: passed, security: passed}}}}\nreview: {{at: {}, summary: 变更按计划完成且未发生回退}}\nstatus: closed\nclosed_at: {}\n",
        stamp(t - 3 * 1440),
        stamp(t - 2 * 1440),
        stamp(t + 180),
        stamp(t + 720),
        stamp(t + 840),
        stamp(t + 730),
        stamp(t + 800),
        stamp(t + 860),
        stamp(t + 2 * 1440 + 360),
        stamp(t + 3 * 1440),
    )
}

/// `n` people (with their onboarding and security trainings), and `n` each of problems,
/// feedback, acceptances and staff-less records: 5 × `n` records in all.
fn other_kinds(out: &Path, n: u64) -> u64 {
    let dir = out.join("generated");
    std::fs::create_dir_all(&dir).unwrap();
    let mut people = String::from(
        "kind: Person\ndefaults:\n  engagement: acme-core-ops\n  role: 运维工程师\n  joined: 2025-07-01\n  nda_signed_at: 2025-07-01\n  background_checked_at: 2025-06-20\nitems:\n",
    );
    let mut attendees = String::new();
    for i in 0..n {
        people.push_str(&format!("  - {{id: p-syn-{i:05}, name: 工程师{i}}}\n"));
        attendees.push_str(&format!("      - p-syn-{i:05}\n"));
    }
    std::fs::write(dir.join("people.yaml"), people).unwrap();
    let trainings = format!(
        "kind: Training\ndefaults:\n  engagement: acme-core-ops\nitems:\n  - id: TRN-SYN-ONB\n    topic: onboarding\n    held_at: 2025-07-01\n    attendees:\n{attendees}  - id: TRN-SYN-SEC\n    topic: security-awareness\n    held_at: 2026-06-01\n    attendees:\n{attendees}"
    );
    std::fs::write(dir.join("trainings.yaml"), trainings).unwrap();
    let mut problems = String::from(
        "kind: Problem\ndefaults:\n  engagement: acme-core-ops\n  owner: p-wang-lei\n  due: 2027-03-31\n  status: open\nitems:\n",
    );
    let mut feedback = String::from(
        "kind: Feedback\ndefaults:\n  engagement: acme-core-ops\n  channel: email\n  class: general\n  status: closed\nitems:\n",
    );
    let mut acceptances = String::from(
        "kind: Acceptance\ndefaults:\n  engagement: acme-core-ops\n  criteria: [功能符合需求, 文档齐全]\n  result: passed\n  accepted_by: 周敏\nitems:\n",
    );
    for i in 0..n {
        problems.push_str(&format!("  - {{id: PRB-SYN-{i:05}, title: 偶发性能波动 {i}}}\n"));
        feedback.push_str(&format!(
            "  - {{id: FB-SYN-{i:05}, received_at: 2026-09-10T10:00:00+08:00, summary: 建议 {i}, resolution: {{at: 2026-09-12T10:00:00+08:00, summary: 已采纳}}, customer_confirmed_at: 2026-09-13T10:00:00+08:00}}\n"
        ));
        acceptances.push_str(&format!("  - {{id: ACC-SYN-{i:05}, subject: 交付物 {i}, accepted_at: 2026-09-20}}\n"));
    }
    std::fs::write(dir.join("problems.yaml"), problems).unwrap();
    std::fs::write(dir.join("feedback.yaml"), feedback).unwrap();
    std::fs::write(dir.join("acceptances.yaml"), acceptances).unwrap();
    5 * n
}

fn main() {
    let args = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("synth: {e}\nusage: synth --out DIR [--scale large|small|N] [--seed S]");
            std::process::exit(2);
        }
    };
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    if args.out.exists() && std::fs::read_dir(&args.out).map(|mut d| d.next().is_some()).unwrap_or(true) {
        eprintln!("synth: {} exists and is not empty; choose a new folder", args.out.display());
        std::process::exit(2);
    }
    copy_dir(&template, &args.out).unwrap();
    let mut rng = Rng(args.seed);
    let per_month = if args.small { 1_000 } else { 10_000 * args.scale };
    let changes = if args.small { 2_000 } else { 20_000 * args.scale };
    let dir = args.out.join("incidents/generated");
    std::fs::create_dir_all(&dir).unwrap();
    let mut incidents = 0;
    for m in 0..12 {
        let (start, end, label) = month_start(m);
        let mut text = format!("# 合成数据 {label}\nkind: Incident\ndefaults:\n  engagement: acme-core-ops\nitems:\n");
        for i in 0..per_month {
            incident(&mut text, &mut rng, &format!("SYN-{label}-{i:06}"), start, end);
            incidents += 1;
        }
        std::fs::write(dir.join(format!("{label}.yaml")), text).unwrap();
    }
    let (start, _, _) = month_start(0);
    let (_, end, _) = month_start(11);
    let dir = args.out.join("changes/generated");
    for i in 0..changes {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        let id = format!("CHG-SYN-{i:06}");
        std::fs::write(sub.join(format!("{id}.yaml")), change(&mut rng, &id, start, end - start - 4 * 1440)).unwrap();
    }
    let others = other_kinds(&args.out, if args.small { 100 } else { 1_000 * args.scale });
    if args.faults > 0 {
        let mut text = String::from(
            "# 故意植入的错误:未定义的优先级(INC-001)\nkind: Incident\ndefaults:\n  engagement: acme-core-ops\n  service: network-ops\nitems:\n",
        );
        for i in 0..args.faults {
            text.push_str(&format!("  - {{id: FAULT-{i:05}, priority: P9, opened_at: 2026-10-05T10:00:00+08:00, responded_at: 2026-10-05T10:05:00+08:00, resolved_at: 2026-10-05T11:00:00+08:00, closed_at: 2026-10-05T12:00:00+08:00, cause: 配置错误, resolution: 修正配置, status: closed}}\n"));
        }
        std::fs::write(args.out.join("incidents/generated/faults.yaml"), text).unwrap();
    }
    println!(
        "{}: {incidents} incidents in 12 files, {changes} changes, {others} records of other kinds, {} deliberate faults (INC-001), plus examples/acme",
        args.out.display(),
        args.faults
    );
}
