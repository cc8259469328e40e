//! CON-001: the contract's scope names services with descriptions and deliverables.

use super::util::blank;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con001;

static META: Meta = Meta {
    id: "CON-001",
    severity: Severity::Error,
    section: "§1.1, §1.4",
    title_en: "Scope lists services, each with a description and deliverables",
    title_zh: "服务范围须列明服务及其说明和交付物",
    explanation_en: "The contract must say what is outsourced (§1.1, §1.4): `scope` lists at least one \
service, and each service has a description and at least one named deliverable. An empty scope \
or a service without deliverables leaves nothing to hold the provider to, and every SLA figure \
and report is built per service in scope.",
    explanation_zh: "合同须写明外包的内容（§1.1、§1.4）：服务范围 `scope` 至少列出一项服务，每项服务\
须有服务说明和至少一项交付物。服务范围为空，或服务没有交付物，就无从约束服务方；而 SLA 的各项指标和报\
告，都是按服务范围内的服务统计的。",
    failing: include_str!("../../../fixtures/CON-001.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for eng in &cx.records.engagements {
            out.checked();
            let id = eng.id.value.as_str();
            if eng.scope.is_empty() {
                let at = eng.scope.span.unwrap_or(eng.id.span);
                out.report(
                    at,
                    msg!("engagement `{id}` has no service in its scope", "服务项目 `{id}` 的服务范围中没有任何服务"),
                )
                .help(msg!("list each outsourced service under `scope`", "请在 `scope` 下列出每项外包服务"))
                .record(Kind::Engagement, id);
            }
            for item in &eng.scope {
                let service = item.service.value.as_str();
                if blank(&item.description) {
                    out.report(
                        item.description.span,
                        msg!("service `{service}` has an empty description", "服务 `{service}` 的服务说明为空"),
                    )
                    .record(Kind::Engagement, id);
                }
                let named = item.deliverables.iter().filter(|d| !blank(d)).count();
                if named == 0 {
                    let at = item.deliverables.span.unwrap_or(item.service.span);
                    let service_zh = cx.service_zh(Some(id), service);
                    out.report(at, msg!("service `{service}` names no deliverable", "{service_zh}未列明任何交付物"))
                        .help(msg!("e.g. `deliverables: [月度服务报告]`", "例如 `deliverables: [月度服务报告]`"))
                        .record(Kind::Engagement, id);
                }
            }
        }
    }
}
