//! SLA-002: Response ≤ restoration ≤ resolution for every priority.

use crate::calendar::WorkCalendar;
use crate::model::scalar::{Dur, SlaTarget};
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sla002;

static META: Meta = Meta {
    id: "SLA-002",
    severity: Severity::Error,
    section: "§1.3, §5.1",
    title_en: "Response ≤ restoration ≤ resolution for every priority",
    title_zh: "各优先级的时限须满足：响应 ≤ 恢复 ≤ 解决",
    explanation_en: "Within a priority the clocks nest (§1.3, §5.1): a ticket is answered before service is restored, and restored before it is resolved. A response target longer than the restoration or resolution target — usually units mixed up, `4h` for `4m` — makes the later clocks unreachable.",
    explanation_zh: "同一优先级内的各项时限应依次递进（§1.3、§5.1）：先响应，再恢复服务，最后解决。响应时限长于恢复或解决时限，通常是单位写错了（如把 `4m` 写成 `4h`），会使后面的时限失去意义。",
    failing: include_str!("../../../fixtures/SLA-002.failing.yaml"),
    passing: include_str!("../../../fixtures/SLA-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sla002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for sla in &cx.records.slas {
            out.checked();
            let sid = sla.id.value.as_str();
            for (name, p) in sla.priorities.iter() {
                let pname = name.value.as_str();
                // Working days count as the length of `mon` on the priority's calendar
                // (revision2-decisions.md, decision 1).
                let cal = cx.calendar(p.calendar());
                let chain = [
                    ("response", Some(&p.response)),
                    ("restoration", p.restoration.as_ref()),
                    ("resolution", Some(&p.resolution)),
                ];
                let given: Vec<(&str, &crate::model::Sp<SlaTarget>)> =
                    chain.iter().filter_map(|(n, d)| d.map(|d| (*n, d))).collect();
                for pair in given.windows(2) {
                    let ((an, a), (bn, b)) = (pair[0], pair[1]);
                    if cal.nominal_seconds(a.value) > cal.nominal_seconds(b.value) {
                        let (av, bv) = (shown(a.value, cal), shown(b.value, cal));
                        let (av_zh, bv_zh) = (shown_zh(a.value, cal), shown_zh(b.value, cal));
                        let clock_zh =
                            |n: &str| crate::model::labels::label(crate::model::Lang::ZhCn, "ClockKind", n).to_owned();
                        let (an_zh, bn_zh) = (clock_zh(an), clock_zh(bn));
                        out.report(
                            b.span,
                            msg!(
                                "{pname}: {bn} target {bv} is shorter than the {an} target {av}",
                                "{pname}：{bn_zh}目标 {bv_zh} 短于{an_zh}目标 {av_zh}"
                            ),
                        )
                        .label(a.span, msg!("{an}", "{an_zh}目标"))
                        .record(Kind::Sla, sid);
                    }
                }
            }
        }
    }
}

/// A target as written, in backticks, for Chinese text; working days with the business time
/// they count as here.
fn shown_zh(target: SlaTarget, cal: &WorkCalendar) -> String {
    match target {
        SlaTarget::Business(_) => format!("`{target}`"),
        SlaTarget::WorkingDays(_) => format!(
            "`{target}`（{}）",
            crate::figures::figure::duration(cal.nominal_seconds(target), crate::model::Lang::ZhCn)
        ),
    }
}

/// A target as written; working days with the business time they count as here.
fn shown(target: SlaTarget, cal: &WorkCalendar) -> String {
    match target {
        SlaTarget::Business(_) => target.to_string(),
        SlaTarget::WorkingDays(_) => format!("{target} ({})", Dur(cal.nominal_seconds(target))),
    }
}
