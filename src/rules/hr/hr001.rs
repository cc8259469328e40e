//! HR-001: an active person's qualifications are current.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr001;

static META: Meta = Meta {
    id: "HR-001",
    severity: Severity::Warning,
    section: "§4.1",
    title_en: "An active person's qualifications are current",
    title_zh: "在岗人员的资质须在有效期内",
    explanation_en: "Service staff must hold the qualifications their work needs (§4.1), and a \
certificate that has lapsed no longer proves anything to the customer or an auditor. A \
qualification of an active person (joined on or before the as-of date and not left by then) \
whose `expires` date lies before the as-of date is reported: renew it and record the new expiry, \
or remove it from the record if the role no longer needs it. A qualification is valid through \
its `expires` day.",
    explanation_zh: "服务人员须具备胜任工作所需的资质(§4.1),已过期的证书对客户和审计方都不再具有证明力。\
在岗人员(评估日当天或之前入场且尚未离场)的某项资质 `expires`(有效期至)早于评估日的,将被报告:请续证并\
更新有效期,或在岗位不再需要时从记录中删除。资质在 `expires` 当天仍视为有效。",
    failing: include_str!("../../../fixtures/HR-001.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Hr001 {
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
            for q in &p.qualifications {
                let Some(expires) = &q.expires else { continue };
                if expires.value >= as_of {
                    continue;
                }
                let (name, on) = (q.name.value.as_str(), expires.value);
                out.report(
                    expires.span,
                    msg!(
                        "qualification `{name}` of {id} expired on {on}, before {as_of}",
                        "{id} 的资质“{name}”已于 {on} 过期(评估日 {as_of})"
                    ),
                )
                .help(msg!(
                    "renew the qualification and record its new `expires` date, or remove it if the role no longer needs it",
                    "请续证并更新 `expires`,如岗位已不需要该资质则从记录中删除"
                ))
                .record(Kind::Person, id);
            }
        }
    }
}
