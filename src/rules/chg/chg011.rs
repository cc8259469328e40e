//! CHG-011: no change scheduled in a freeze period without senior-management approval.

use crate::model::kinds::calendar::Freeze;
use crate::model::kinds::change::{ApprovalRole, Decision};
use crate::model::{Kind, RecordView, Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg011;

static META: Meta = Meta {
    id: "CHG-011",
    severity: Severity::Warning,
    section: "§6.1",
    title_en: "No change in a freeze period without senior-management approval",
    title_zh: "封网期内的变更须经高级管理层批准",
    explanation_en: "Around holidays and year-end the customer freezes production (§6.1, 封网期): the \
`freeze` periods of the engagement's calendar (a Calendar record, including the periods of \
calendars it `extends`). A change whose `schedule` overlaps a freeze period, dates taken in the \
calendar's time zone and both ends included, needs an approval by senior-management.",
    explanation_zh: "节假日和年终前后，客户会对生产环境封网（§6.1，封网期），即服务项目日历（`Calendar` \
记录，含其通过 `extends` 继承的日历）中的封网时段 `freeze`。变更窗口 `schedule` 与封网期重叠的变更（\
日期按日历的时区计算，首尾两天均包含在内），须经高级管理层（`senior-management`）批准。",
    failing: include_str!("../../../fixtures/CHG-011.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-011.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

/// The freeze periods of a calendar and of the calendars it extends, with their time zone.
pub fn freezes<'a>(cx: &Context<'a>, id: &str) -> Vec<(&'a Sp<Freeze>, jiff::tz::TimeZone)> {
    let mut out = Vec::new();
    let mut next = Some(id.to_owned());
    let mut seen = Vec::new();
    while let Some(cid) = next.take() {
        if seen.contains(&cid) {
            break; // a cycle, reported by GEN-005
        }
        let Some(cal) = cx.records.calendars.iter().find(|c| c.id.value == cid) else { break };
        out.extend(cal.freeze.iter().map(|f| (f, cal.timezone.zone.clone())));
        next = cal.extends.as_ref().map(|e| e.value.clone());
        seen.push(cid);
    }
    out
}

impl Rule for Chg011 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in &cx.records.changes {
            let Some(window) = &c.schedule else { continue };
            let Some(eng) = cx.engagement_for(RecordView::Change(c)) else { continue };
            let Some(cal) = &eng.calendar else { continue };
            out.checked();
            let senior = c
                .approvals
                .iter()
                .any(|a| a.decision.value == Decision::Approved && a.role.value == ApprovalRole::SeniorManagement);
            if senior {
                continue;
            }
            for (freeze, tz) in freezes(cx, &cal.value) {
                let start = window.start.instant.to_zoned_datetime(tz.clone()).date();
                let end = window.end.instant.to_zoned_datetime(tz).date();
                if start <= freeze.to.value && end >= freeze.from.value {
                    let (id, from, to, why) =
                        (c.id.value.as_str(), freeze.from.value, freeze.to.value, freeze.reason.value.as_str());
                    let senior_zh = ApprovalRole::SeniorManagement.zh();
                    out.report(window.start.span, msg!("change `{id}` is scheduled inside the freeze {from} – {to} ({why}) without a senior-management approval", "变更 `{id}` 安排在封网期 {from} – {to}（{why}）内，但没有{senior_zh}的批准"))
                        .label(freeze.anchor, msg!("freeze period", "封网期"))
                        .record(Kind::Change, id);
                    break;
                }
            }
        }
    }
}
