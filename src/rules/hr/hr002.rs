//! HR-002: a leaver is offboarded, access revoked in time, work handed to someone still there.

use crate::calendar::dates::{add_days, days_between};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr002;

static META: Meta = Meta {
    id: "HR-002",
    severity: Severity::Error,
    section: "§4.4",
    title_en: "A leaver is offboarded: access revoked in time, work handed to someone still there",
    title_zh: "离场人员须完成离场交接，及时回收权限，并交接给在岗人员",
    explanation_en: "When someone leaves the team (§4.4) their work is handed over, their access revoked \
and their records archived; an account left open after the owner has gone is a classic way in. \
A Person whose `left` date has passed needs an `offboarding` record; its `access_revoked_at` must \
be no later than `access_revocation_days` after `left` (1 by default; 0 = on the leaving day); and \
`handover_to` must name a person who had not left by `handover_at` (a handover to someone already \
gone is no handover), and `handover_at` must be no later than the leaver's own `left` (work is handed \
over before leaving, not after).",
    explanation_zh: "人员离场时（§4.4）须完成工作交接、回收权限并归档记录；人已离场而账号仍然开放，是\
常见的安全隐患。离场日期 `left` 已到的人员，须有离场交接记录 `offboarding`；其权限回收日期 `access_revoked_at` \
不得晚于 `left` 后 `access_revocation_days` 天（默认 1 天，0 表示离场当日）；交接对象 `handover_to` \
在交接日期 `handover_at` 时须尚未离场（交接给已离场人员不算完成交接）；`handover_at` 不得晚于本人的 `left`，\
即须在离场前而不是离场后完成交接。",
    failing: include_str!("../../../fixtures/HR-002.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-002.passing.yaml"),
    params: &["access_revocation_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Hr002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let days = cx.policy.access_revocation_days;
        let as_of = cx.as_of;
        for p in &cx.records.people {
            let Some(left) = &p.left else { continue };
            if left.value > as_of || cx.engagement_of(RecordView::Person(p)).is_none() {
                continue;
            }
            out.checked();
            let (id, left_on) = (p.id.value.as_str(), left.value);
            let who = cx.person_zh(id);
            let Some(off) = &p.offboarding else {
                out.report(
                    p.id.span,
                    msg!(
                        "{id} left on {left_on} but has no `offboarding` record (handover, access revocation, archiving)",
                        "{who}已于 {left_on} 离场，但没有离场交接记录 `offboarding`（工作交接、权限回收、资料归档）"
                    ),
                )
                .label(left.span, msg!("left", "离场日期"))
                .help(msg!(
                    "add `offboarding` with `handover_to`, `handover_at`, `access_revoked_at` and `records_archived`",
                    "请补充 `offboarding`，写明 `handover_to`、`handover_at`、`access_revoked_at` 和 `records_archived`"
                ))
                .record(Kind::Person, id)
                .about(&["offboarding"]);
                continue;
            };
            // Revoked on or before `left` + N days; not yet late while that day has not passed.
            let limit = add_days(left_on, i64::from(days));
            let revoked = off.access_revoked_at.value;
            if revoked > limit && as_of > limit {
                let (late, within) = (days_en(days_between(left_on, revoked)), days_en(i64::from(days)));
                let (late_n, days_n) = (days_between(left_on, revoked), days);
                out.report(
                    off.access_revoked_at.span,
                    msg!(
                        "access of {id} was revoked on {revoked}, {late} after leaving on {left_on}; policy requires revocation within {within} (by {limit})",
                        "{who}于 {left_on} 离场，权限至 {revoked} 才回收，为离场后第 {late_n} 天；策略要求 {days_n} 天内回收（不晚于 {limit}）"
                    ),
                )
                .label(left.span, msg!("left", "离场日期"))
                .record(Kind::Person, id);
            }
            // §4.4: the work is handed over while the leaver is still there to explain it.
            let at = off.handover_at.value;
            if at > left_on {
                out.report(
                    off.handover_at.span,
                    msg!(
                        "{id} handed over on {at}, after leaving on {left_on}; the handover must be done on or before the leaving day",
                        "{who}于 {left_on} 离场，却在 {at} 才完成工作交接；交接须在离场当日或之前完成"
                    ),
                )
                .label(left.span, msg!("left", "离场日期"))
                .help(msg!(
                    "hand the work over before the person leaves, and record that day in `handover_at`",
                    "请在人员离场前完成交接，并在 `handover_at` 中记录交接日期"
                ))
                .record(Kind::Person, id);
            }
            if let Some(to) = cx.person(&off.handover_to.value)
                && let Some(to_left) = &to.left
                && to_left.value <= off.handover_at.value
                && to_left.value <= as_of
            {
                let (to_id, gone, at) = (to.id.value.as_str(), to_left.value, off.handover_at.value);
                let to_who = cx.person_zh(to_id);
                out.report(
                    off.handover_to.span,
                    msg!(
                        "{id} handed over on {at} to {to_id}, who had already left on {gone}",
                        "{who}于 {at} 将工作交接给 {to_who}，而其已于 {gone} 离场"
                    ),
                )
                .label(to_left.span, msg!("{to_id} left", "{to_who}的离场日期"))
                .help(msg!("hand the work over to a person still on the team", "请将工作交接给仍在岗的人员"))
                .record(Kind::Person, id);
            }
        }
    }
}

/// "1 day", "3 days".
fn days_en(n: i64) -> String {
    if n == 1 { "1 day".to_owned() } else { format!("{n} days") }
}
