//! HR-004: an active person has signed a confidentiality agreement (保密协议).

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr004;

static META: Meta = Meta {
    id: "HR-004",
    severity: Severity::Error,
    section: "§4.5",
    title_en: "An active person has signed a confidentiality agreement",
    title_zh: "在岗人员须签署保密协议",
    explanation_en: "Everyone working on the engagement sees the customer's systems and data, and the \
manual's code of conduct (§4.5) binds them to confidentiality; without a signed agreement that \
duty cannot be enforced. Every active person (joined on or before the as-of date and not left by \
then) must have `nda_signed_at`, dated on or before the as-of date.",
    explanation_zh: "参与服务项目的人员都会接触客户的系统和数据,手册的行为规范(§4.5)要求其履行保密义务;\
没有签署的保密协议,这一义务就无从约束。每名在岗人员(评估日当天或之前入场且尚未离场)都须有 \
`nda_signed_at`(保密协议签署日期),且不晚于评估日。",
    failing: include_str!("../../../fixtures/HR-004.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-004.passing.yaml"),
    params: &[],
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
        for p in &cx.records.people {
            if !cx.is_active(p) || cx.engagement_of(RecordView::Person(p)).is_none() {
                continue;
            }
            out.checked();
            let id = p.id.value.as_str();
            match &p.nda_signed_at {
                Some(d) if d.value <= as_of => {}
                Some(d) => {
                    let on = d.value;
                    out.report(
                        p.id.span,
                        msg!(
                            "{id} works on the engagement without a confidentiality agreement signed by {as_of} (`nda_signed_at` is {on})",
                            "{id} 在岗,但截至 {as_of} 尚未签署保密协议(`nda_signed_at` 为 {on})"
                        ),
                    )
                    .label(d.span, msg!("signed after {as_of}", "签署日期晚于 {as_of}"))
                    .record(Kind::Person, id);
                }
                None => {
                    out.report(
                        p.id.span,
                        msg!(
                            "{id} works on the engagement without a signed confidentiality agreement (`nda_signed_at`)",
                            "{id} 在岗,但没有签署保密协议的记录(`nda_signed_at`)"
                        ),
                    )
                    .help(msg!(
                        "have the agreement signed and record the date as `nda_signed_at`",
                        "请签署保密协议,并以 `nda_signed_at` 记录签署日期"
                    ))
                    .record(Kind::Person, id);
                }
            }
        }
    }
}
