//! HR-001: Active staff hold current qualifications.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Hr001;

static META: Meta = Meta {
    id: "HR-001",
    severity: Severity::Warning,
    section: "§4.1",
    title_en: "Active staff hold current qualifications",
    title_zh: "在岗人员的资质须在有效期内",
    explanation_en: "Staff must hold the qualifications their role needs (§4.1). A qualification of an active person whose `expires` date lies before the as-of date no longer counts: renew it, or remove it from the record.",
    explanation_zh: "服务人员须具备岗位所需资质(§4.1)。在岗人员的某项资质 `expires` 早于评估日即已失效:请续证,或从记录中删除。",
    failing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\nqualifications:\n  - {name: Oracle OCP, expires: 2026-08-31}\n",
    passing: "kind: Person\nid: p-li-na\nname: 李娜\nrole: 运维工程师\njoined: 2025-06-20\nqualifications:\n  - {name: Oracle OCP, expires: 2027-08-31}\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Hr001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let as_of = cx.as_of;
        for p in &cx.records.people {
            if !cx.is_active(p) {
                continue;
            }
            out.checked();
            for q in &p.qualifications {
                if let Some(e) = &q.expires
                    && e.value < as_of
                {
                    let (id, name, day) = (p.id.value.as_str(), q.name.value.as_str(), e.value);
                    out.report(
                        e.span,
                        msg!(
                            "qualification `{name}` of `{id}` expired on {day} (as of {as_of})",
                            "`{id}` 的资质 `{name}` 已于 {day} 过期(评估日 {as_of})"
                        ),
                    )
                    .record(Kind::Person, id);
                }
            }
        }
    }
}
