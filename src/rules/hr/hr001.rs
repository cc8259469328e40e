//! HR-001: an active person's qualifications are current.

use crate::model::kinds::Person;
use crate::model::kinds::engagement::Qualification;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
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
its `expires` day (one without `expires` does not expire). An active person whose `role` is one of \
the policy's `certified_roles` (none by default) and who holds no valid qualification is \
reported at the role. When the policy sets `background_check_required = true` (bank and insurer \
engagements do), an active person without `background_checked_at` on or before `joined` is \
reported too: the check comes before the person starts work.",
    explanation_zh: "服务人员须具备胜任工作所需的资质（§4.1），证书过期后，对客户和审计方都不再具有证\
明力。在岗人员（评估日当天或之前入场且尚未离场）的某项资质，其有效期 `expires` 早于评估日的，予以报告\
：请续证并记录新的有效期；岗位不再需要该资质的，从记录中删除。资质在 `expires` 当日仍然有效，未填写 `expires` \
的资质长期有效。在岗人员的岗位 `role` 属于策略 `certified_roles`（默认无）所列岗位、却没有任何有效资\
质的，在岗位处报告。策略设置 `background_check_required = true` 时（银行、保险机构的服务项目均应设置\
），在岗人员没有在入场日 `joined` 当日或之前完成背景调查（`background_checked_at`）的，同样予以报告：\
背景调查须在上岗之前完成。",
    failing: include_str!("../../../fixtures/HR-001.failing.yaml"),
    passing: include_str!("../../../fixtures/HR-001.passing.yaml"),
    params: &["certified_roles", "background_check_required"],
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
        let policy = cx.policy;
        for p in &cx.records.people {
            if !cx.is_active(p) || cx.engagement_of(RecordView::Person(p)).is_none() {
                continue;
            }
            out.checked();
            let id = p.id.value.as_str();
            let who = cx.person_zh(id);
            // Valid through its expiry day; none given: it does not expire.
            let valid = |q: &crate::model::kinds::engagement::Qualification| {
                q.expires.as_ref().is_none_or(|e| e.value >= as_of)
            };
            for q in &p.qualifications {
                let Some(expires) = &q.expires else { continue };
                if expires.value >= as_of {
                    continue;
                }
                let (name, on) = (q.name.value.as_str(), expires.value);
                out.overdue(
                    &duty(p, q, &who, expires.value, expires.span),
                    msg!(
                        "qualification `{name}` of {id} expired on {on}, before {as_of}",
                        "{who}的资质“{name}”已于 {on} 过期（评估日 {as_of}）"
                    ),
                );
            }
            let role = p.role.value.as_str();
            if policy.certified_roles.iter().any(|r| r == role) && !p.qualifications.iter().any(|q| valid(&q.value)) {
                out.report(
                    p.role.span,
                    msg!(
                        "{id} works as `{role}`, a role the policy's `certified_roles` requires a qualification for, but holds no valid qualification on {as_of}",
                        "{who}的岗位“{role}”属于策略 `certified_roles` 中须持证上岗的岗位，但在 {as_of} 未持有任何有效资质"
                    ),
                )
                .help(msg!(
                    "record the person's current qualification under `qualifications` (with `expires`), or assign the role to a qualified person",
                    "请在 `qualifications` 中记录其有效资质（含 `expires`），或由具备资质的人员担任该岗位"
                ))
                .record(Kind::Person, id);
            }
            if policy.background_check_required {
                let joined = p.joined.value;
                match &p.background_checked_at {
                    Some(b) if b.value <= joined => {}
                    Some(b) => {
                        let on = b.value;
                        out.report(
                            b.span,
                            msg!(
                                "background check of {id} on {on}, after joining on {joined}; the policy requires it on or before joining",
                                "{who}的背景调查于 {on} 完成，晚于入场日 {joined}；策略要求在入场当日或之前完成"
                            ),
                        )
                        .label(p.joined.span, msg!("joined", "入场日期"))
                        .record(Kind::Person, id);
                    }
                    None => {
                        out.report(
                            p.id.span,
                            msg!(
                                "{id} has no `background_checked_at`; the policy (`background_check_required`) requires a background check on or before joining ({joined})",
                                "{who}缺少 `background_checked_at`；策略（`background_check_required`）要求在入场日（{joined}）当日或之前完成背景调查"
                            ),
                        )
                        .help(msg!(
                            "record the day the background check was completed in `background_checked_at`",
                            "请在 `background_checked_at` 中记录背景调查完成日期"
                        ))
                        .record(Kind::Person, id)
                        .about(&["background_checked_at"]);
                    }
                }
            }
        }
    }

    /// The qualifications of active people, renewed by their expiry; a person leaving on or
    /// before the day after it is not judged then.
    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for p in &cx.records.people {
            if !cx.is_active(p) || cx.engagement_of(RecordView::Person(p)).is_none() {
                continue;
            }
            for q in &p.qualifications {
                let Some(expires) = &q.expires else { continue };
                let duty = duty(p, q, &cx.person_zh(&p.id.value), expires.value, expires.span);
                let judged = crate::calendar::dates::add_days(duty.due, 1).max(cx.as_of);
                if p.left.as_ref().is_none_or(|l| l.value > judged) {
                    out.push(duty);
                }
            }
        }
    }
}

/// A person's qualification to renew before it expires; reported from the day after it
/// expires, or from joining when it had expired before (only active people are judged).
fn duty(p: &Person, q: &Qualification, who: &str, expires: jiff::civil::Date, span: crate::model::Span) -> Duty {
    let due = expires.max(crate::calendar::dates::add_days(p.joined.value, -1));
    let (id, name) = (p.id.value.as_str(), q.name.value.as_str());
    let what = msg!("renew qualification `{name}` of {id}", "续期{who}的资质“{name}”");
    Duty::new(META.id, Kind::Person, id, Some(name), due, span, what)
        .help(msg!(
            "renew the qualification and record its new `expires` date, or remove it if the role no longer needs it",
            "请续证并更新 `expires`，如岗位已不需要该资质则从记录中删除"
        ))
        .owner(Some(id))
}
