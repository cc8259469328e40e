//! SEC-002: Data assets state their retention and destruction.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sec002;

static META: Meta = Meta {
    id: "SEC-002",
    severity: Severity::Warning,
    section: "§3.1",
    title_en: "Data assets state their retention and destruction",
    title_zh: "数据资产须明确保存期限和销毁方式",
    explanation_en: "Data has a life cycle (§3.1): how long it is kept and how it is destroyed when that time is up. A data asset without `retention` or `destruction` leaves both to chance — and the handover at the end of the engagement needs them.",
    explanation_zh: "数据有其生命周期（§3.1）：保存多久，到期后如何销毁。数据资产缺少保存期限 `retention` 或销毁方式 `destruction` 的，二者都无章可循，而合同终止时的数据返还与销毁也需要这些信息。",
    failing: include_str!("../../../fixtures/SEC-002.failing.yaml"),
    passing: include_str!("../../../fixtures/SEC-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sec002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for d in &cx.records.data_assets {
            out.checked();
            use crate::rules::has_text;
            let id = d.id.value.as_str();
            let present = [
                ("retention", "保存期限", has_text(&d.retention)),
                ("destruction", "销毁方式", has_text(&d.destruction)),
            ];
            if let Some((list, list_zh)) = cx.missing(Kind::DataAsset, id, "", &present) {
                out.report(d.id.span, msg!("data asset `{id}` states no {list}", "数据资产 `{id}` 未说明{list_zh}"))
                    .record(Kind::DataAsset, id);
            }
        }
    }
}
