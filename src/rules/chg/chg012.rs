//! CHG-012: Implemented major and critical changes are reviewed.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg012;

static META: Meta = Meta {
    id: "CHG-012",
    severity: Severity::Warning,
    section: "§2.3, §6.5",
    title_en: "Implemented major and critical changes are reviewed",
    title_zh: "已实施的重大及特别重大变更须进行变更回顾",
    explanation_en: "After a major or critical change the manual expects a post-implementation review (§2.3, §6.5, 变更回顾): what went as planned, what did not, what to change next time. An implemented major or critical change without `review` is reported.",
    explanation_zh: "重大及特别重大变更实施后,手册要求进行变更回顾(§2.3、§6.5):哪些按计划完成、哪些没有、下次如何改进。已实施但没有 `review` 的重大或特别重大变更将被报告。",
    failing: "kind: Change\nid: CHG-2026-035\ntitle: 网络管理平台补丁升级\ndescription: 安装厂商安全补丁\nclass: critical\nrequested_by: 赵敏\nrequested_at: 2026-10-10T09:00:00+08:00\nimpact: {services: [helpdesk], expected: 停机 30 分钟, business: 柜面暂停, technical: 重启实例, security: 无, cost: 无}\nrisk: {likelihood: 4, impact: 5, level: critical}\nrollback_plan: 保留快照,失败时回退\nschedule: {start: 2026-10-15T21:00:00+08:00, end: 2026-10-15T23:00:00+08:00}\nimplementation: {by: 王磊, started_at: 2026-10-15T21:10:00+08:00, finished_at: 2026-10-15T22:20:00+08:00}\nverification: {by: 李娜, at: 2026-10-15T22:40:00+08:00, result: passed, checks: {functional: passed, performance: passed, security: passed}}\nstatus: verified\n",
    passing: "kind: Change\nid: CHG-2026-035\ntitle: 网络管理平台补丁升级\ndescription: 安装厂商安全补丁\nclass: critical\nrequested_by: 赵敏\nrequested_at: 2026-10-10T09:00:00+08:00\nimpact: {services: [helpdesk], expected: 停机 30 分钟, business: 柜面暂停, technical: 重启实例, security: 无, cost: 无}\nrisk: {likelihood: 4, impact: 5, level: critical}\nrollback_plan: 保留快照,失败时回退\nschedule: {start: 2026-10-15T21:00:00+08:00, end: 2026-10-15T23:00:00+08:00}\nimplementation: {by: 王磊, started_at: 2026-10-15T21:10:00+08:00, finished_at: 2026-10-15T22:20:00+08:00}\nverification: {by: 李娜, at: 2026-10-15T22:40:00+08:00, result: passed, checks: {functional: passed, performance: passed, security: passed}}\nreview: {at: 2026-10-19T15:00:00+08:00, summary: 按计划完成且未发生回退}\nstatus: verified\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Chg012 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::model::kinds::change::ChangeClass;
        for c in &cx.records.changes {
            if !matches!(c.class.value, ChangeClass::Major | ChangeClass::Critical) || c.implementation.is_none() {
                continue;
            }
            out.checked();
            // A review dated after as-of had not happened yet.
            if c.review.as_deref().is_none_or(|r| !cx.known(crate::model::RecordView::Change(c), &r.at.value)) {
                let (id, class) = (c.id.value.as_str(), c.class.value);
                out.report(
                    c.id.span,
                    msg!(
                        "implemented `{class}` change `{id}` has no post-implementation `review`",
                        "已实施的 `{class}` 变更 `{id}` 没有变更回顾 `review`"
                    ),
                )
                .record(Kind::Change, id);
            }
        }
    }
}
