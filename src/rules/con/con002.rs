//! CON-002: every service in scope has an Sla, and every Sla's service is in scope.

use std::collections::HashMap;

use crate::model::decode::closest;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Con002;

static META: Meta = Meta {
    id: "CON-002",
    severity: Severity::Error,
    section: "§1.2, §1.4",
    title_en: "Every service in scope has exactly one Sla, and every Sla is for a service in scope",
    title_zh: "服务范围内的每项服务须有且仅有一份 SLA，每份 SLA 须对应范围内的服务",
    explanation_en: "Service levels are agreed per service (§1.2, §1.4): a service in the contract's \
scope without an Sla has no measurable commitment, and an Sla for a service outside the scope \
measures something nobody bought — usually a typo in `service`. An engagement may hold one Sla \
per service.",
    explanation_zh: "服务级别按服务逐项约定（§1.2、§1.4）：服务范围内的服务没有 SLA，就没有可衡量的承\
诺；SLA 所指服务不在服务范围内，衡量的就是没有人采购的服务，通常是 `service` 写错了。每项服务只能有一\
份 SLA。",
    failing: include_str!("../../../fixtures/CON-002.failing.yaml"),
    passing: include_str!("../../../fixtures/CON-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Con002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        // (engagement, service) → the first Sla for it.
        let mut first: HashMap<(&str, &str), &crate::model::kinds::Sla> = HashMap::new();
        for sla in &cx.records.slas {
            out.checked();
            let Some(eng) = cx.engagement_for(RecordView::Sla(sla)) else { continue };
            let (eid, service, sid) = (eng.id.value.as_str(), sla.service.value.as_str(), sla.id.value.as_str());
            if !eng.has_service(service) {
                let scope: Vec<&str> = eng.service_ids().map(|s| s.value.as_str()).collect();
                let list = scope.join(", ");
                let list_zh = crate::model::labels::zh_list(&scope);
                let f = out
                    .report(
                        sla.service.span,
                        msg!(
                            "Sla `{sid}` is for service `{service}`, which is not in the scope of engagement `{eid}` ({list})",
                            "SLA `{sid}` 对应的服务 `{service}` 不在服务项目 `{eid}` 的服务范围内（范围内的服务：{list_zh}）"
                        ),
                    )
                    .record(Kind::Sla, sid);
                f.help = closest(service, scope.into_iter()).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
                continue;
            }
            if let Some(other) = first.get(&(eid, service)) {
                let oid = other.id.value.as_str();
                let service_zh = cx.service_zh(Some(eid), service);
                out.report(
                    sla.service.span,
                    msg!(
                        "service `{service}` already has Sla `{oid}`; one Sla per service",
                        "{service_zh}已有 SLA `{oid}`；每项服务只能有一份 SLA"
                    ),
                )
                .label(other.service.span, msg!("the first Sla for it", "该服务的第一份 SLA"))
                .record(Kind::Sla, sid);
            } else {
                first.insert((eid, service), sla);
            }
        }
        for eng in &cx.records.engagements {
            for item in &eng.scope {
                out.checked();
                let (eid, service) = (eng.id.value.as_str(), item.service.value.as_str());
                if !first.contains_key(&(eid, service)) {
                    let service_zh = cx.service_zh(Some(eid), service);
                    out.report(
                        item.service.span,
                        msg!(
                            "service `{service}` in the scope of `{eid}` has no Sla",
                            "服务项目 `{eid}` 范围内的{service_zh}没有 SLA"
                        ),
                    )
                    .help(msg!(
                        "add a record `kind: Sla` with `service: {service}`",
                        "请添加 `kind: Sla` 记录并写明 `service: {service}`"
                    ))
                    .record(Kind::Engagement, eid);
                }
            }
        }
    }
}
