//! HR-002: Leavers are offboarded and their access revoked promptly.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr002;

static META: Meta = Meta {
    id: "HR-002",
    severity: Severity::Error,
    section: "§4.4",
    title_en: "Leavers are offboarded and their access revoked promptly",
    title_zh: "离场人员须完成交接并及时回收权限",
    explanation_en: "When someone leaves the team (§4.4) their work is handed over, their access revoked and their records archived. A Person with `left` needs an `offboarding` record; access must be revoked no later than `access_revocation_days` (1 by default; 0 = on the leaving day) after leaving; and the work must be handed to someone who had not left by then.",
    explanation_zh: "人员离场时(§4.4)须完成工作交接、回收权限并归档记录。填写了 `left` 的人员须有 `offboarding` 记录;权限须在离场后 `access_revocation_days`(默认 1 天,0 表示离场当日)内回收;工作须交接给当时仍在岗的人员。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\nleft: 2026-02-27\noffboarding:\n  handover_to: p-wang-lei\n  handover_at: 2026-02-26\n  access_revoked_at: 2026-03-05\n  records_archived: true\n---\nkind: Person\nid: p-wang-lei\nname: 王磊\nrole: 数据库工程师\njoined: 2025-06-20\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\nleft: 2026-02-27\noffboarding:\n  handover_to: p-wang-lei\n  handover_at: 2026-02-26\n  access_revoked_at: 2026-02-27\n  records_archived: true\n---\nkind: Person\nid: p-wang-lei\nname: 王磊\nrole: 数据库工程师\njoined: 2025-06-20\n",
    params: &["access_revocation_days"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Hr002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let days = cx.policy.access_revocation_days;
        for p in &cx.records.people {
            let Some(left) = &p.left else { continue };
            if left.value > cx.as_of {
                continue;
            }
            out.checked();
            let id = p.id.value.as_str();
            let Some(off) = &p.offboarding else {
                let day = left.value;
                out.report(
                    left.span,
                    msg!(
                        "`{id}` left on {day} without an `offboarding` record",
                        "`{id}` 已于 {day} 离场,但没有离场交接记录 `offboarding`"
                    ),
                )
                .record(Kind::Person, id);
                continue;
            };
            let limit = crate::calendar::dates::add_days(left.value, i64::from(days));
            if off.access_revoked_at.value > limit {
                let (revoked, day) = (off.access_revoked_at.value, left.value);
                out.report(
                    off.access_revoked_at.span,
                    msg!(
                        "access of `{id}` was revoked on {revoked}, more than {days} day(s) after leaving on {day}",
                        "`{id}` 于 {day} 离场,权限至 {revoked} 才回收,超过 {days} 天"
                    ),
                )
                .label(left.span, msg!("left", "离场日期"))
                .record(Kind::Person, id);
            }
            if let Some(to) = cx.person(&off.handover_to.value)
                && let Some(to_left) = &to.left
                && to_left.value <= off.handover_at.value
            {
                let (name, gone) = (to.id.value.as_str(), to_left.value);
                out.report(
                    off.handover_to.span,
                    msg!(
                        "work was handed over to `{name}`, who had left on {gone}",
                        "工作交接给了已于 {gone} 离场的 `{name}`"
                    ),
                )
                .record(Kind::Person, id);
            }
        }
    }
}
