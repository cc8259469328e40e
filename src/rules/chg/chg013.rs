//! CHG-013: a `standard` change is pre-approved routine work.

use crate::figures::changes::{self, NotStandard};
use crate::model::kinds::change::ChangeClass;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg013;

static META: Meta = Meta {
    id: "CHG-013",
    severity: Severity::Error,
    section: "§6.1, §6.2",
    title_en: "Standard changes are pre-approved routine work",
    title_zh: "标准变更须为预先批准的例行变更",
    explanation_en: "A standard change (标准变更) skips the approvals of §6.1 because it is routine work \
approved in advance; calling a risky change `standard` must not switch its approvals off. A \
`standard` change is reported when its risk level is above `standard_change_max_risk` (`low` by \
default; the level that counts is the stricter of the one written and the `risk_matrix` cell), when \
its `planned_downtime` takes down a service whose Sla availability target is 99.9 % or more, and, \
when the policy keeps a catalogue (`standard_change_catalogue`), when its `standard_ref` names no \
entry of it. The planned downtime of a standard change reported here is not exempted from the \
availability figures either.",
    explanation_zh: "标准变更是预先批准的例行工作，因此无需履行 §6.1 的分级审批；但把有风险的变更标为\
标准变更（`standard`），不能借此免去审批。标准变更有下列情形之一的，予以报告：风险等级高于 `standard_change_max_risk`（\
默认为低，`low`；风险等级取填写值与 `risk_matrix` 对应单元格中较高者）；计划停机 `planned_downtime` \
涉及 SLA 可用率目标不低于 99.9% 的服务；策略设有标准变更目录（`standard_change_catalogue`）而 `standard_ref` \
未指向目录中的条目。在此报告的标准变更，其计划停机在可用率计算中同样不予剔除。",
    failing: include_str!("../../../fixtures/CHG-013.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-013.passing.yaml"),
    params: &["standard_change_max_risk", "standard_change_catalogue", "risk_matrix"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Chg013 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for c in cx.records.changes.iter().filter(|c| c.class.value == ChangeClass::Standard) {
            out.checked();
            let id = c.id.value.as_str();
            let engagement = cx.engagement_of(RecordView::Change(c)).map(|e| e.value.as_str());
            let target_of =
                |service: &str| engagement.and_then(|e| cx.sla(e, service)).map(|s| s.availability.target.value.exact);
            for problem in changes::not_standard(c, cx.policy, &target_of) {
                let f = match problem {
                    NotStandard::Risk { level, written, max } => {
                        let (l, i) = (c.risk.likelihood.value.0, c.risk.impact.value.0);
                        let (level_zh, max_zh) = (level.zh(), max.zh());
                        let f = if level == written {
                            out.report(
                                c.risk.level.span,
                                msg!(
                                    "standard change `{id}` is at `{level}` risk; a standard change may be at most `{max}` risk (`standard_change_max_risk`)",
                                    "标准变更 `{id}` 的风险等级为“{level_zh}”；标准变更的风险等级最高为“{max_zh}”（`standard_change_max_risk`）"
                                ),
                            )
                        } else {
                            out.report(
                                c.risk.level.span,
                                msg!(
                                    "standard change `{id}` is at `{level}` risk by the risk matrix (likelihood {l} × impact {i}); a standard change may be at most `{max}` risk (`standard_change_max_risk`)",
                                    "按风险矩阵，标准变更 `{id}` 的可能性 {l} × 影响程度 {i} 对应风险等级“{level_zh}”；标准变更的风险等级最高为“{max_zh}”（`standard_change_max_risk`）"
                                ),
                            )
                        };
                        f.help(msg!(
                            "a change at this risk is not routine: give it the class it has (normal, major or critical) and its approvals",
                            "该风险等级的变更不属于例行变更：请改为其实际类别（一般、重大或特别重大变更）并完成审批"
                        ))
                    }
                    NotStandard::Downtime { service, target } => {
                        let (s, t) = (service.value.as_str(), target.trimmed(3));
                        let s_zh = cx.service_zh(
                            cx.engagement_of(crate::model::RecordView::Change(c)).map(|e| e.value.as_str()),
                            s,
                        );
                        out.report(
                            service.span,
                            msg!(
                                "standard change `{id}` plans downtime of service `{s}`, whose availability target is {t} % (99.9 % or more): such a change is not routine",
                                "标准变更 `{id}` 计划停机的{s_zh}可用率目标为 {t}%（不低于 99.9%），此类变更不属于例行变更"
                            ),
                        )
                        .help(msg!(
                            "give it the class it has (normal, major or critical) and its approvals",
                            "请改为其实际类别（一般、重大或特别重大变更）并完成审批"
                        ))
                    }
                    NotStandard::NoRef => {
                        let list = cx.policy.standard_change_catalogue.join(", ");
                        let list_zh = cx.policy.standard_change_catalogue.join("、");
                        out.report(
                            c.class.span,
                            msg!(
                                "standard change `{id}` names no entry of the standard-change catalogue (`standard_ref`)",
                                "标准变更 `{id}` 未注明所依据的标准变更目录条目（`standard_ref`）"
                            ),
                        )
                        .help(msg!("add `standard_ref:` with one of: {list}", "请添加 `standard_ref:`，取值为以下之一：{list_zh}"))
                    }
                    NotStandard::NotInCatalogue(r) => {
                        let (v, list) = (r.value.as_str(), cx.policy.standard_change_catalogue.join(", "));
                        let list_zh = cx.policy.standard_change_catalogue.join("、");
                        let f = out.report(
                            r.span,
                            msg!(
                                "`{v}` is not an entry of the standard-change catalogue ({list})",
                                "`{v}` 不是标准变更目录中的条目（目录条目：{list_zh}）"
                            ),
                        );
                        let names = cx.policy.standard_change_catalogue.iter().map(String::as_str);
                        match crate::model::decode::closest(v, names) {
                            Some(near) => f.help(msg!("did you mean `{near}`?", "是否应为 `{near}`？")),
                            None => f,
                        }
                    }
                };
                f.record(Kind::Change, id);
            }
        }
    }
}
