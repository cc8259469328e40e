//! HR-004: an active person has signed a confidentiality agreement (保密协议).

use crate::calendar::dates::add_days;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr004;

static META: Meta = Meta {
    id: "HR-004",
    severity: Severity::Error,
    section: "§4.5",
    title_en: "An active person signed a confidentiality agreement on joining",
    title_zh: "在岗人员须在入场时签署保密协议",
    explanation_en: "Everyone working on the engagement sees the customer's systems and data, and the \
manual's code of conduct (§4.5) binds them to confidentiality; without a signed agreement that \
duty cannot be enforced. Every active person (joined on or before the as-of date and not left by \
then) must have `nda_signed_at` on or before `joined` plus `onboarding_training_grace_days` (0 by \
default: by the joining day). An agreement signed months after the person started protects nothing \
that was seen before it, so a late date is reported as well as a missing one; within the grace days \
nothing is reported yet. Good practice; not stated in the manual, which asks for confidentiality but \
not for the date of the agreement.",
    explanation_zh: "参与服务项目的人员会接触客户的系统和数据，手册的行为规范（§4.5）要求其履行保密义\
务；没有签署保密协议，这一义务就无从约束。每名在岗人员（评估日当天或之前入场且尚未离场）的保密协议签\
署日期 `nda_signed_at`，不得晚于入场日 `joined` 加 `onboarding_training_grace_days`（默认 0，即入场当\
日）。入场数月后才签署的协议，保护不了此前已接触的信息，因此签署过晚与未签署同样予以报告；宽限期内暂\
不报告。此为良好实践：手册要求保密，但未规定协议的签署时间。",
    failing: include_str!("../../../fixtures/HR-004.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-004.passing.yaml"),
    params: &["onboarding_training_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Hr004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        let grace = i64::from(cx.policy.onboarding_training_grace_days);
        for p in &cx.records.people {
            if !cx.is_active(p) || cx.engagement_of(RecordView::Person(p)).is_none() {
                continue;
            }
            out.checked();
            let id = p.id.value.as_str();
            let who = cx.person_zh(id);
            let joined = p.joined.value;
            let due = add_days(joined, grace);
            match &p.nda_signed_at {
                Some(d) if d.value <= due && d.value <= as_of => {}
                // Still within the grace days: nothing is late yet.
                _ if as_of <= due => {}
                Some(d) => {
                    let on = d.value;
                    let message = if on <= as_of {
                        msg!(
                            "{id} signed the confidentiality agreement on {on}, after joining on {joined}; it is required by {due}",
                            "{who}于 {joined} 入场，保密协议至 {on} 才签署；应不晚于 {due} 签署"
                        )
                    } else {
                        msg!(
                            "{id} works on the engagement without a confidentiality agreement signed by {as_of} (`nda_signed_at` is {on}); it was required by {due}",
                            "{who}在岗，但截至 {as_of} 尚未签署保密协议（`nda_signed_at` 为 {on}）；应不晚于 {due} 签署"
                        )
                    };
                    out.report(d.span, message)
                        .label(p.joined.span, msg!("joined", "入场日期"))
                        .help(msg!(
                            "have the agreement signed before a person starts work on the engagement",
                            "请在人员开始参与服务项目前签署保密协议"
                        ))
                        .record(Kind::Person, id);
                }
                None => {
                    out.report(
                        p.id.span,
                        msg!(
                            "{id} works on the engagement without a signed confidentiality agreement (`nda_signed_at`); it was required by {due}",
                            "{who}在岗，但没有签署保密协议的记录（`nda_signed_at`）；应不晚于 {due} 签署"
                        ),
                    )
                    .help(msg!(
                        "have the agreement signed and record the date as `nda_signed_at`",
                        "请签署保密协议，并以 `nda_signed_at` 记录签署日期"
                    ))
                    .record(Kind::Person, id)
                    .about(&["nda_signed_at"]);
                }
            }
        }
    }
}
