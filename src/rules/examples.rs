//! Running a rule's documented examples: the examples are part of the documentation
//! (`itos explain`, docs/rules.md) and are executed by the test suite, so they cannot lie.

use jiff::civil::Date;

use crate::config::Config;
use crate::load::Repository;
use crate::model::Finding;

use super::{Meta, Settings, Stage, all, run};

/// The day examples are evaluated at.
pub const AS_OF: Date = jiff::civil::date(2026, 10, 31);

/// The file name an example is loaded as.
pub const EXAMPLE_FILE: &str = "example.yaml";

/// The file name [`BASE`] is loaded as.
pub const BASE_FILE: &str = "engagement.yaml";

/// A minimal engagement that examples run against unless they define their own Engagement.
pub const BASE: &str = "\
kind: Engagement
id: demo
title: 示例服务项目
customer: {name: 示例银行}
provider: {name: 示例服务商}
term: {start: 2025-07-01, end: 2027-06-30}
scope:
  - service: helpdesk
    description: 服务台
    deliverables: [月度服务报告]
fees: {amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}
termination: {notice_days: 30, conditions: [contract-expiry, mutual-agreement]}
liability: {service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}
support: {response: 7×24 电话响应, problem_process: 按问题管理流程, maintenance_cycle: 每月}
---
kind: Sla
id: sla-helpdesk
service: helpdesk
timezone: Asia/Shanghai
availability: {target: 99.9}
priorities:
  P1: {response: 15m, resolution: 4h}
  P2: {response: 30m, resolution: 8h}
  P3: {response: 2h, resolution: 2d}
  P4: {response: 4h, resolution: 5d}
mttr_max: 4h
mtbf_min: 7d
satisfaction_min: 4
";

/// Load `yaml` (plus [`BASE`] when it defines no Engagement) and run only `meta`'s rule. A
/// history rule's example is a sequence of commits, replayed into a temporary git repository.
pub fn run_example(meta: &Meta, yaml: &str) -> (Repository, Vec<Finding>) {
    if meta.stage == Stage::History {
        return run_history_example(meta, yaml);
    }
    let mut files = Vec::new();
    if !yaml.lines().any(|l| l.trim() == "kind: Engagement") {
        files.push((BASE_FILE.to_owned(), BASE.to_owned()));
    }
    files.push((EXAMPLE_FILE.to_owned(), yaml.to_owned()));
    let repo = Repository::from_texts(&files, Config::default());
    // Waivers act on other rules' findings: their examples run every general rule.
    let only: Vec<String> = if meta.stage == Stage::Waivers {
        all().iter().map(|r| r.meta().id).filter(|id| id.starts_with("GEN-")).map(str::to_owned).collect()
    } else {
        vec![meta.id.to_owned()]
    };
    let findings = match Settings::new(&repo.config, &only, &[]) {
        Ok(settings) => run(&repo, &settings, AS_OF).findings,
        Err(_) => Vec::new(),
    };
    (repo, findings)
}

/// Replay `# commit` / `# file` / `# delete` blocks as commits (committer time: noon UTC of
/// the date given) in a temporary git repository that also holds [`BASE`], then judge it.
fn run_history_example(meta: &Meta, text: &str) -> (Repository, Vec<Finding>) {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("itos-example-{}-{n}", std::process::id()));
    let result = replay(&dir, text).map(|()| {
        // An example may commit its own itos.toml (GEN-009's `exclude`).
        let config_path = dir.join(crate::config::CONFIG_FILE);
        let config = std::fs::read_to_string(&config_path)
            .ok()
            .and_then(|text| Config::parse(&text, &config_path).ok())
            .unwrap_or_default();
        let mut repo = Repository::load(&dir, config, "");
        repo.attach_history(false, "");
        let findings = match Settings::new(&repo.config, &[meta.id.to_owned()], &[]) {
            Ok(settings) => run(&repo, &settings, AS_OF).findings,
            Err(_) => Vec::new(),
        };
        (repo, findings)
    });
    let _ = std::fs::remove_dir_all(&dir);
    result.unwrap_or_else(|_| (Repository::from_texts(&[], Config::default()), Vec::new()))
}

fn replay(dir: &std::path::Path, text: &str) -> Result<(), git2::Error> {
    let io = |e: std::io::Error| git2::Error::from_str(&e.to_string());
    std::fs::create_dir_all(dir).map_err(io)?;
    std::fs::write(dir.join(crate::config::CONFIG_FILE), "format = 1\n").map_err(io)?;
    std::fs::write(dir.join(BASE_FILE), BASE).map_err(io)?;
    let repo = git2::Repository::init(dir)?;
    let mut parent: Option<git2::Oid> = None;
    for (day, message, files) in super::git::parse_example(text) {
        for (path, body) in files {
            let target = dir.join(&path);
            match body {
                Some(body) => {
                    if let Some(folder) = target.parent() {
                        std::fs::create_dir_all(folder).map_err(io)?;
                    }
                    std::fs::write(&target, body).map_err(io)?;
                }
                None => std::fs::remove_file(&target).map_err(io)?,
            }
        }
        let mut index = repo.index()?;
        index.add_all(["*"], git2::IndexAddOption::DEFAULT, None)?;
        index.update_all(["*"], None)?;
        index.write()?;
        let tree = repo.find_tree(index.write_tree()?)?;
        let noon = day.to_datetime(jiff::civil::Time::constant(12, 0, 0, 0));
        let seconds = crate::model::scalar::civil_in(&jiff::tz::TimeZone::UTC, noon).map_or(0, |t| t.as_second());
        let sig = git2::Signature::new("赵敏", "zhao.min@example.invalid", &git2::Time::new(seconds, 0))?;
        let parents: Vec<git2::Commit<'_>> = parent.map(|p| repo.find_commit(p)).transpose()?.into_iter().collect();
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        parent = Some(repo.commit(Some("HEAD"), &sig, &sig, &message, &tree, &parents)?);
    }
    Ok(())
}
