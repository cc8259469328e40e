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

/// Load `yaml` (plus [`BASE`] when it defines no Engagement) and run only `meta`'s rule.
pub fn run_example(meta: &Meta, yaml: &str) -> (Repository, Vec<Finding>) {
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
