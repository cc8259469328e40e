//! CON-009: Provider qualifications are current.

use crate::model::kinds::Engagement;
use crate::model::kinds::engagement::Qualification;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con009;

static META: Meta = Meta {
    id: "CON-009",
    severity: Severity::Warning,
    section: "§1.4, §4.1",
    title_en: "Provider qualifications are current",
    title_zh: "服务方资质须在有效期内",
    explanation_en: "The provider's qualifications — ITSS level, ISO/IEC 20000-1, ISO/IEC 27001 and the like — are often a condition of the contract (§1.4, §4.1). One whose `expires` date lies before the as-of date no longer backs the service and should be renewed or removed from the contract record.",
    explanation_zh: "服务方资质（ITSS 等级、ISO/IEC 20000-1、ISO/IEC 27001 等）往往是合同条件（§1.4、§4.1）。有效期 `expires` 早于评估日的资质，已不能为服务提供保证，应续证，或从服务项目记录中删除。",
    failing: include_str!("../../../fixtures/CON-009.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-009.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con009 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for eng in &cx.records.engagements {
            out.checked();
            for q in &eng.provider_qualifications {
                let Some(expires) = &q.expires else { continue };
                if expires.value < as_of {
                    let (name, day) = (q.name.value.as_str(), expires.value);
                    out.overdue(
                        &duty(eng, q, expires.value, expires.span),
                        msg!(
                            "provider qualification `{name}` expired on {day} (as of {as_of})",
                            "服务方资质 `{name}` 已于 {day} 过期（评估日 {as_of}）"
                        ),
                    );
                }
            }
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for eng in &cx.records.engagements {
            for q in &eng.provider_qualifications {
                if let Some(expires) = &q.expires {
                    out.push(duty(eng, q, expires.value, expires.span));
                }
            }
        }
    }
}

/// A provider qualification to renew before it expires.
fn duty(eng: &Engagement, q: &Qualification, expires: jiff::civil::Date, span: crate::model::Span) -> Duty {
    let name = q.name.value.as_str();
    let what = msg!("renew provider qualification `{name}`", "续期服务方资质 `{name}`");
    Duty::new(META.id, Kind::Engagement, &eng.id.value, Some(name), expires, span, what).help(msg!(
        "renew the qualification and record its new `expires` date",
        "请办理资质续期，并更新其 `expires` 日期"
    ))
}
