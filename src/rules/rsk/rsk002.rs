//! RSK-002: each assessed risk is rated by the risk matrix, owned and treated; high risks are
//! accepted only by the customer.

use std::collections::HashMap;

use crate::model::kinds::RiskAssessment;
use crate::model::kinds::change::PartyRole;
use crate::model::kinds::risk_assessment::{RiskEntry, RiskStatus};
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Sink, Stage, has_text};

pub struct Rsk002;

static META: Meta = Meta {
    id: "RSK-002",
    severity: Severity::Error,
    section: "§2.2",
    title_en: "Assessed risks are rated by the risk matrix, owned, treated in time, and high ones accepted only by the customer",
    title_zh: "已评估的风险须按风险矩阵定级、有责任人和处置措施并按期处置，高风险须由客户接受",
    explanation_en: "A risk assessment is only useful if its risks are rated consistently and \
treated (§2.2). In every RiskAssessment, each risk's `level` must be the one the policy's \
`risk_matrix` gives for its `likelihood` and `impact`; a `high` or `critical` risk needs an \
`owner` and a `mitigation`; a risk of `status: accepted` that is `high` or `critical` needs the \
customer's acceptance (`accepted_by` with `party: customer`), since a provider cannot accept a \
risk the customer bears. In the latest assessment of each engagement (performed on or before \
the as-of date; earlier ones are superseded by it), a risk still `open` or `mitigating` after \
its `due` date is reported.",
    explanation_zh: "风险评估须对风险统一定级并加以处置（§2.2）。每份风险评估（`RiskAssessment`）中，\
每项风险的等级 `level` 须与策略的风险矩阵 `risk_matrix` 按其可能性（`likelihood`）和影响程度\
（`impact`）确定的等级一致；高（`high`）或极高（`critical`）风险须有责任人（`owner`）和处置措施\
（`mitigation`）；状态为已接受（`accepted`）的高或极高风险须由客户接受（`accepted_by` 且 `party: \
customer`），因为乙方不能代替客户接受由客户承担的风险。在各服务项目最近一次风险评估（评估日当天或\
之前完成；此前的评估由其取代）中，超过 `due` 仍处于未处置（`open`）或处置中（`mitigating`）的风险会被报告。",
    failing: include_str!("../../../fixtures/RSK-002.failing.yaml"),
    passing: include_str!("../../../fixtures/RSK-002.passing.yaml"),
    params: &["risk_matrix"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Rsk002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for ra in &cx.records.risk_assessments {
            if cx.engagement_of(RecordView::RiskAssessment(ra)).is_none() || !cx.known_date(ra.performed_at.value) {
                continue;
            }
            for risk in &ra.risks {
                out.checked();
                rating(cx, ra, risk, out);
            }
        }
        let as_of = cx.as_of;
        for (ra, risk, duty) in due_risks(cx) {
            if !duty.overdue_on(as_of) {
                continue;
            }
            let (rid, due, status) = (risk.id.value.as_str(), duty.due, risk.status.value);
            let (aid, status_zh) = (ra.id.value.as_str(), status.zh());
            let late = crate::calendar::dates::days_between(due, as_of);
            out.overdue(
                &duty,
                msg!(
                    "risk {rid} of {aid} was due to be treated by {due} and is still `{status}` as of {as_of}: {late} days late",
                    "风险评估 {aid} 中的风险 {rid} 应于 {due} 前处置完毕，截至 {as_of} 仍为“{status_zh}”，已逾期 {late} 天"
                ),
            )
            .label(risk.status.span, msg!("status", "状态"));
        }
    }

    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        out.extend(due_risks(cx).map(|(.., d)| d));
    }
}

/// The level against the matrix, owner and mitigation of a high risk, the customer's acceptance.
fn rating(cx: &Context<'_>, ra: &RiskAssessment, risk: &RiskEntry, out: &mut Sink) {
    let (aid, rid) = (ra.id.value.as_str(), risk.id.value.as_str());
    let (l, i) = (risk.likelihood.value.0, risk.impact.value.0);
    let written = risk.level.value;
    if let Some(expected) = cx.policy.risk_level(l, i)
        && expected != written
    {
        let (written_zh, expected_zh) = (written.zh(), expected.zh());
        out.report(
            risk.level.span,
            msg!(
                "risk {rid} of {aid}: level `{written}` does not match the risk matrix: likelihood {l} × impact {i} is `{expected}`",
                "风险评估 {aid} 中的风险 {rid}：风险等级“{written_zh}”与风险矩阵不符，可能性 {l} × 影响程度 {i} 对应“{expected_zh}”"
            ),
        )
        .label(risk.likelihood.span, msg!("likelihood", "可能性"))
        .label(risk.impact.span, msg!("impact", "影响程度"))
        .help(msg!("write `level: {expected}`", "请改为 `level: {expected}`"))
        .record(Kind::RiskAssessment, aid)
        .about(&["risks[].level"]);
    }
    if !risk.is_high() {
        return;
    }
    let level_zh = written.zh();
    let owned = !risk.owner.value.trim().is_empty();
    let mitigated = has_text(&risk.mitigation);
    if !owned || !mitigated {
        let (en, zh) = match (owned, mitigated) {
            (false, false) => ("an owner and a mitigation", "责任人和处置措施"),
            (false, true) => ("an owner", "责任人"),
            _ => ("a mitigation", "处置措施（`mitigation`）"),
        };
        out.report(
            if owned { risk.id.span } else { risk.owner.span },
            msg!(
                "risk {rid} of {aid} is `{written}` and has no {en}",
                "风险评估 {aid} 中的风险 {rid} 为“{level_zh}”风险，但没有{zh}"
            ),
        )
        .help(msg!(
            "name who owns the risk and how it is treated (`mitigation`), also for a risk that is accepted",
            "请写明风险责任人及处置措施（`mitigation`）；已接受的风险也应写明补偿措施"
        ))
        .record(Kind::RiskAssessment, aid)
        .about(&["risks[].owner", "risks[].mitigation"]);
    }
    if risk.status.value == RiskStatus::Accepted {
        let by_customer = risk
            .accepted_by
            .as_ref()
            .is_some_and(|a| a.party.value == PartyRole::Customer && cx.known_date(a.at.value));
        if !by_customer {
            let f = out.report(
                risk.status.span,
                msg!(
                    "risk {rid} of {aid} is `{written}` and accepted without the customer's acceptance",
                    "风险评估 {aid} 中的风险 {rid} 为“{level_zh}”风险，已接受但未经客户接受"
                ),
            );
            if let Some(a) = &risk.accepted_by {
                f.label(a.party.span, msg!("accepted by this party", "接受方"));
            }
            f.help(msg!(
                "record the customer's acceptance: `accepted_by: {{by, party: customer, at}}`",
                "请记录客户的风险接受：`accepted_by: {{by, party: customer, at}}`"
            ))
            .record(Kind::RiskAssessment, aid)
            .about(&["risks[].accepted_by"]);
        }
    }
}

/// The risks still to treat, with a due date, of each engagement's latest assessment.
fn due_risks<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a RiskAssessment, &'a RiskEntry, Duty)> + 'a {
    let mut latest: HashMap<&str, &RiskAssessment> = HashMap::new();
    for ra in &cx.records.risk_assessments {
        let Some(eng) = cx.engagement_of(RecordView::RiskAssessment(ra)) else { continue };
        if !cx.known_date(ra.performed_at.value) {
            continue;
        }
        let slot = latest.entry(eng.value.as_str()).or_insert(ra);
        if ra.performed_at.value > slot.performed_at.value {
            *slot = ra;
        }
    }
    let mut chosen: Vec<&RiskAssessment> = latest.into_values().collect();
    chosen.sort_by_key(|ra| (ra.span.file, ra.span.start));
    chosen.into_iter().flat_map(|ra| {
        ra.risks.iter().filter(|r| r.is_open()).filter_map(move |risk| {
            let due = risk.due.as_ref()?;
            let (aid, rid) = (ra.id.value.as_str(), risk.id.value.as_str());
            let title = risk.title.value.as_str();
            let what = msg!("treat risk {rid} “{title}”", "处置风险 {rid}“{title}”");
            let duty = Duty::new(META.id, Kind::RiskAssessment, aid, Some(rid), due.value, due.span, what)
                .help(msg!(
                    "set `status: mitigated` (or `closed`) once treated, or agree a new `due` date",
                    "处置完毕后请改为 `status: mitigated`（或 `closed`），或商定新的 `due` 日期"
                ))
                .owner(Some(&risk.owner.value));
            Some((ra, &risk.value, duty))
        })
    })
}
