//! BAK-004: a critical system gets a full restore from an offsite copy every interval.

use crate::calendar::dates::Interval;
use crate::model::kinds::restore_test::{RestoreScope, RestoreSource};
use crate::model::kinds::system::Criticality;
use crate::model::kinds::{Engagement, RestoreTest, System};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::{Duty, Periodic, duty_start, judged_at, label_records_from};
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak004;

static META: Meta = Meta {
    id: "BAK-004",
    severity: Severity::Warning,
    section: "§3.4",
    title_en: "A critical system gets a full restore from an offsite copy every interval",
    title_zh: "关键系统须按周期完成一次从异地副本的全量恢复测试",
    explanation_en: "Partial restores from the local copy do not show that a critical system survives \
the loss of its site (§3.4, disaster recovery). For every System with `criticality: critical`, \
one RestoreTest of one of its backup policies (BackupPolicy `system`) must have passed as a \
`scope: full` restore from `source: offsite` within `full_restore_interval_months` (12 by \
default); the first is due one interval after the term starts, or after the Engagement's \
`records_from` when that is later. A critical system without any \
backup policy is reported too.",
    explanation_zh: "从本地副本做部分恢复，并不能证明关键系统在整个站点损毁后仍能恢复（§3.4，灾难恢复\
）。每个关键系统（`criticality: critical`），其某个备份策略（`BackupPolicy` 的 `system` 指向该系统）\
在 `full_restore_interval_months`（默认 12）个月内，须有一次从异地副本（`source: offsite`）进行的全量\
恢复（`scope: full`）测试且结果为通过；首次测试应在合同期开始（或服务项目的 `records_from`，取较晚者\
）后一个周期内完成。没有任何备份策略的关键系统，同样予以报告。",
    failing: include_str!("../../../fixtures/BAK-004.failing.yaml"),
    passing: include_str!("../../../fixtures/BAK-004.passing.yaml"),
    params: &["full_restore_interval_months"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Bak004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for (sys, eng, p, last, duty) in duties(cx) {
            out.checked();
            let Some(message) = p.message(&duty.what) else { continue };
            let f = out.overdue(&duty, message);
            f.label(sys.criticality.span, msg!("critical system", "关键系统"));
            label_records_from(f, eng, p.start);
            if let Some(t) = last {
                let tid = t.id.value.as_str();
                f.label(t.performed_at.span, msg!("last full offsite restore {tid}", "最近一次异地全量恢复测试 {tid}"));
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(duties(cx).filter(|(_, _, p, ..)| p.fires()).map(|(.., d)| d));
    }
}

type SystemDuty<'a> = (&'a System, &'a Engagement, Periodic, Option<&'a RestoreTest>, Duty);

/// Each critical system's next full restore from an offsite copy.
fn duties<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = SystemDuty<'a>> + 'a {
    let interval = Interval::Months(cx.policy.full_restore_interval_months);
    // Policies by system and tests by policy, once (no scan of them per system).
    let mut policies_of: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for b in &cx.records.backup_policies {
        policies_of.entry(b.system.value.as_str()).or_default().push(b.id.value.as_str());
    }
    let mut tests: std::collections::HashMap<&str, Vec<&RestoreTest>> = std::collections::HashMap::new();
    for t in &cx.records.restore_tests {
        tests.entry(t.policy.value.as_str()).or_default().push(t);
    }
    cx.records.systems.iter().filter(|s| s.criticality.value == Criticality::Critical).filter_map(move |sys| {
        let eng = cx.engagement_for(RecordView::System(sys))?;
        let day = judged_at(cx, eng)?;
        let policies: &[&str] = policies_of.get(sys.id.value.as_str()).map_or(&[], Vec::as_slice);
        let last = policies
            .iter()
            .filter_map(|p| tests.get(p))
            .flatten()
            .copied()
            .filter(|t| {
                t.passed()
                    && t.scope() == RestoreScope::Full
                    && t.source() == RestoreSource::Offsite
                    && t.performed_at.value <= day
            })
            .max_by_key(|t| t.performed_at.value);
        let p = Periodic::new(cx, eng, last.map(|t| t.performed_at.value), duty_start(eng, None), interval, day);
        let id = sys.id.value.as_str();
        let what =
            msg!("full restore from an offsite copy of critical system {id}", "关键系统 {id} 的异地副本全量恢复测试");
        let help = if policies.is_empty() {
            msg!(
                "system {id} has no BackupPolicy: define one, then restore it in full from the offsite copy",
                "系统 {id} 没有备份策略（`BackupPolicy`）：请先制定备份策略，再从异地副本进行全量恢复测试"
            )
        } else {
            msg!(
                "restore the whole system from the offsite copy and record it as a RestoreTest with `scope: full` and `source: offsite`",
                "请从异地副本恢复整个系统，并以 `RestoreTest` 记录（`scope: full`、`source: offsite`）"
            )
        };
        let duty = Duty::new(META.id, Kind::System, id, None, p.due, sys.id.span, what).help(help);
        Some((sys, eng, p, last, duty))
    })
}
