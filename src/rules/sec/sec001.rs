//! SEC-001: Sensitive data is encrypted at rest and in transit.

use crate::model::labels::classification_zh;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sec001;

static META: Meta = Meta {
    id: "SEC-001",
    severity: Severity::Error,
    section: "§3.1, §3.2",
    title_en: "Sensitive data is encrypted at rest and in transit",
    title_zh: "敏感及以上级别数据须存储加密和传输加密",
    explanation_en: "Data is classified (§3.1, 数据分类分级); at or above the policy's `encryption_required_from` level (`sensitive` by default, of `public < internal < sensitive < core`) it must be encrypted both at rest and in transit. A data asset whose classification is not one of the policy's `classification_levels` is reported too.",
    explanation_zh: "数据须分类分级（§3.1，数据分类分级）；达到策略 `encryption_required_from` 所设级别及以上的数据（默认为敏感 `sensitive`；级别由低到高依次为公开 `public`、内部 `internal`、敏感 `sensitive`、核心 `core`），须同时进行存储加密和传输加密。数据资产的分级不在策略 `classification_levels` 中的，同样予以报告。",
    failing: include_str!("../../../fixtures/SEC-001.failing.yaml"),
    passing: include_str!("../../../fixtures/SEC-001.passing.yaml"),
    params: &["classification_levels", "encryption_required_from"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sec001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for d in &cx.records.data_assets {
            out.checked();
            let (id, level) = (d.id.value.as_str(), d.classification.value.as_str());
            if cx.policy.classification_rank(level).is_none() {
                let levels = cx.policy.classification_levels.join(", ");
                out.report(
                    d.classification.span,
                    msg!(
                        "`{level}` is not a classification level of the policy ({levels})",
                        "`{level}` 不是策略规定的数据分级（{levels}）"
                    ),
                )
                .record(Kind::DataAsset, id);
                continue;
            }
            if !cx.policy.requires_encryption(level) {
                continue;
            }
            for (field, flag) in
                [("encrypted_at_rest", &d.encrypted_at_rest), ("encrypted_in_transit", &d.encrypted_in_transit)]
            {
                if !flag.value {
                    let min = cx.policy.encryption_required_from.as_str();
                    let (level_zh, min_zh) = (classification_zh(level), classification_zh(min));
                    out.report(flag.span, msg!("`{level}` data asset `{id}` is not encrypted ({field}: false); data at or above `{min}` must be", "“{level_zh}”级数据资产 `{id}` 未加密（`{field}: false`）；“{min_zh}”及以上级别的数据必须加密"))
                        .record(Kind::DataAsset, id);
                }
            }
        }
    }
}
