//! CHG-002: changes are approved by the roles the approval matrix requires, in time.

use jiff::Timestamp;

use crate::figures::changes;
use crate::model::kinds::change::{ChangeStatus, Decision, PartyRole};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg002;

static META: Meta = Meta {
    id: "CHG-002",
    severity: Severity::Error,
    section: "§6.1",
    title_en: "Changes are approved by the required roles before implementation",
    title_zh: "变更须在实施前经规定角色审批",
    explanation_en: "Changes are approved by level (§6.1, 分级审批): the policy's `approval_matrix` lists, \
per change class, the roles that must each approve (by default normal → department-head, major → \
itsm-committee, critical → senior-management), and its `risk_approval_matrix` the roles each risk \
level adds (by default medium → department-head, high → itsm-committee, critical → \
senior-management; the risk level that counts is the stricter of the one written and the \
`risk_matrix` cell), so a normal change rated critical needs senior management too. A higher \
role — change-manager < department-head < cab < itsm-committee < senior-management — satisfies a \
lower one. Each required role needs an \
`approved` decision dated before `implementation.started_at`, not followed by a rejection; classes \
in `customer_approval_classes` (major and critical) also need an approval with `party: customer`; \
a change implemented while its latest decision was a rejection is reported. An emergency change \
may start on an `emergency_authorization` given before the start, with the formal approvals \
following within `emergency_approval_workdays` (2 by default) working days after \
`implementation.finished_at`.",
    explanation_zh: "变更实行分级审批（§6.1）。策略 `approval_matrix` 按变更类别规定必须审批的角色，\
默认为：一般变更由部门负责人审批，重大变更由IT服务管理委员会审批，特别重大变更由高级管理层审批；`risk_approval_matrix` \
规定各风险等级另需的审批角色，默认为：中风险须部门负责人、高风险须IT服务管理委员会、极高风险须高层管\
理者审批。风险等级取填写值与 `risk_matrix` 对应单元格中较高者，因此风险等级为极高的一般变更，同样须经\
高级管理层审批。高级别角色可代替低级别角色审批，由低到高依次为：变更经理（`change-manager`）、部门负\
责人（`department-head`）、变更咨询委员会（`cab`）、IT服务管理委员会（`itsm-committee`）、高级管理层\
（`senior-management`）。每个必需角色都须在 `implementation.started_at` 之前作出 `approved`（同意）决\
定，且此后未被否决；`customer_approval_classes` 所列类别（重大变更和特别重大变更）还须有一条 `party: \
customer` 的甲方审批。最近一次审批决定为否决而仍实施的变更，同样予以报告。紧急变更可凭实施前取得的紧\
急授权（`emergency_authorization`）先行实施，但须在 `implementation.finished_at` 后 `emergency_approval_workdays`（\
默认 2）个工作日内补齐正式审批。",
    failing: include_str!("../../../fixtures/CHG-002.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-002.passing.yaml"),
    params: &[
        "approval_matrix",
        "risk_approval_matrix",
        "risk_matrix",
        "customer_approval_classes",
        "emergency_approval_workdays",
    ],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in &cx.records.changes {
            let status = c.status.value;
            let claims_approval = matches!(
                status,
                ChangeStatus::Approved
                    | ChangeStatus::Scheduled
                    | ChangeStatus::Implemented
                    | ChangeStatus::Verified
                    | ChangeStatus::Closed
                    | ChangeStatus::RolledBack
            );
            if !claims_approval && c.implementation.is_none() {
                continue;
            }
            let Some(eng) = cx.engagement_for(RecordView::Change(c)) else { continue };
            out.checked();
            let id = c.id.value.as_str();
            let class = c.class.value;
            let class_zh = class.zh();
            let at_list = c.approvals.span.unwrap_or(c.id.span);
            // The instant by which approvals must exist.
            let (deadline, deadline_span, emergency) = match &c.implementation {
                Some(imp) if c.is_emergency() => {
                    match &c.emergency_authorization {
                        // "dated before the start": strictly earlier.
                        Some(auth) if auth.at.instant < imp.started_at.instant => {}
                        Some(auth) => {
                            let (a, s) = (cx.text(auth.at.span), cx.text(imp.started_at.span));
                            out.report(
                                auth.at.span,
                                msg!(
                                    "emergency change `{id}` was authorised ({a}) after it started ({s})",
                                    "紧急变更 `{id}` 的紧急授权（{a}）晚于实施开始（{s}）"
                                ),
                            )
                            .label(imp.started_at.span, msg!("started", "实施开始"))
                            .record(Kind::Change, id);
                        }
                        None => {
                            out.report(
                                c.emergency.as_ref().map_or(c.id.span, |e| e.span),
                                msg!(
                                    "emergency change `{id}` has no `emergency_authorization` before its start",
                                    "紧急变更 `{id}` 没有实施前的紧急授权（`emergency_authorization`）"
                                ),
                            )
                            .record(Kind::Change, id)
                            .about(&["emergency_authorization"]);
                        }
                    }
                    let tz = eng.tz();
                    let finished = imp.finished_at.instant.to_zoned_datetime(tz.clone()).date();
                    let last_day =
                        cx.working_days(Some(eng)).add_working_days(finished, cx.policy.emergency_approval_workdays);
                    let end = crate::model::scalar::civil_in(
                        &tz,
                        crate::calendar::dates::add_days(last_day, 1).to_datetime(jiff::civil::Time::midnight()),
                    )
                    .unwrap_or(Timestamp::MAX);
                    (end, imp.finished_at.span, Some(last_day))
                }
                Some(imp) => (imp.started_at.instant, imp.started_at.span, None),
                None => (cx.as_of_end(&eng.tz()), c.status.span, None),
            };
            // Not yet due: an emergency change still inside its grace period.
            if emergency.is_some_and(|last| last >= cx.as_of) && c.approvals.is_empty() {
                continue;
            }
            let counted = c.standing_approvals(deadline);
            let when_en = match (emergency, &c.implementation) {
                (Some(last), _) => format!(
                    "by {last} ({} working days after the emergency change finished)",
                    cx.policy.emergency_approval_workdays
                ),
                (None, Some(_)) => "before implementation started".to_owned(),
                (None, None) => "for its status".to_owned(),
            };
            let (when_zh, after_zh) = match (emergency, &c.implementation) {
                (Some(last), _) => (
                    format!("于 {last} 前（紧急变更完成后 {} 个工作日内）", cx.policy.emergency_approval_workdays),
                    String::new(),
                ),
                (None, Some(_)) => ("在实施开始前".to_owned(), String::new()),
                (None, None) => (String::new(), "（与其状态相符）".to_owned()),
            };
            // The class's roles and the risk level's, met by their highest (a higher role
            // satisfies a lower one).
            if let Some(role) = changes::required_role(c, cx.policy)
                && !counted.iter().any(|a| a.role.value >= role)
            {
                let late = c.approvals.iter().find(|a| {
                    a.decision.value == Decision::Approved && a.role.value >= role && a.at.instant >= deadline
                });
                let (r, r_zh) = (role.as_str(), role.zh());
                // Name the risk level when it, not the class, asks for this role.
                let (why_en, why_zh) = if changes::role_from_risk(c, cx.policy) {
                    let level = changes::effective_risk(c, cx.policy);
                    (format!(" at `{level}` risk"), format!("（风险等级“{}”）", level.zh()))
                } else {
                    (String::new(), " ".to_owned())
                };
                let f = match late {
                    Some(a) => {
                        let t = cx.text(a.at.span);
                        out.report(a.at.span, msg!("`{class}` change `{id}`{why_en} needs an approval by {r} or higher {when_en}; this one came at {t}", "{class_zh} `{id}`{why_zh}须{when_zh}经{r_zh}或更高级别审批{after_zh}；该审批时间为 {t}"))
                    }
                    None => out.report(
                        at_list,
                        msg!(
                            "`{class}` change `{id}`{why_en} needs an approval by {r} or higher {when_en}",
                            "{class_zh} `{id}`{why_zh}须{when_zh}经{r_zh}或更高级别审批{after_zh}"
                        ),
                    ),
                };
                f.label(deadline_span, msg!("deadline", "期限")).record(Kind::Change, id);
            }
            if cx.policy.needs_customer_approval(class) && !counted.iter().any(|a| a.party() == PartyRole::Customer) {
                out.report(
                    at_list,
                    msg!(
                        "`{class}` change `{id}` needs an approval by the customer (`party: customer`) {when_en}",
                        "{class_zh} `{id}` 须{when_zh}经甲方（`party: customer`）审批{after_zh}"
                    ),
                )
                .record(Kind::Change, id);
            }
            // Implemented while the latest decision before the start was a rejection.
            if let Some(imp) = &c.implementation {
                let latest =
                    c.approvals.iter().filter(|a| a.at.instant < imp.started_at.instant).max_by_key(|a| a.at.instant);
                if let Some(r) = latest.filter(|a| a.decision.value == Decision::Rejected) {
                    let by = r.by.value.as_str();
                    let by_zh = cx.person_zh(by);
                    out.report(
                        imp.started_at.span,
                        msg!(
                            "change `{id}` was implemented after it was rejected by {by}",
                            "变更 `{id}` 在被 {by_zh} 驳回后仍被实施"
                        ),
                    )
                    .label(r.decision.span, msg!("rejected", "驳回"))
                    .record(Kind::Change, id);
                }
            }
        }
    }
}
