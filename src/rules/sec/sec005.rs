//! SEC-005: a data asset holding personal information is classified sensitive or higher.

use crate::model::labels::classification_zh;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sec005;

/// The level personal information must reach, when the policy's scale names it.
const SENSITIVE: &str = "sensitive";

static META: Meta = Meta {
    id: "SEC-005",
    severity: Severity::Error,
    section: "§3.1",
    title_en: "Personal information is classified sensitive or higher",
    title_zh: "含个人信息的数据须定为敏感及以上级别",
    explanation_en: "Data is classified by how much harm its disclosure does (§3.1, 数据分类分级), and \
personal information is sensitive by nature. A DataAsset with `personal_information: true` whose \
`classification` ranks below `sensitive` on the policy's `classification_levels` (lowest first; \
`public < internal < sensitive < core` by default) is reported: it would escape the protection \
`sensitive` data gets, such as encryption (SEC-001). When the policy's scale has no level named \
`sensitive`, its `encryption_required_from` level is the threshold. A classification that is not \
on the scale is SEC-001's finding, not repeated here.",
    explanation_zh: "数据按泄露后造成的危害程度分类分级（§3.1，数据分类分级），个人信息本身即属敏感数\
据。标记为含个人信息（`personal_information: true`）的数据资产（`DataAsset`），其分级 `classification` \
在策略 `classification_levels`（由低到高排列，默认为公开 `public`、内部 `internal`、敏感 `sensitive`、\
核心 `core`）中低于敏感级的，予以报告：否则该数据将得不到敏感数据应有的保护，例如加密（SEC-001）。策\
略的分级中没有“敏感”（`sensitive`）一级的，以 `encryption_required_from` 所设级别为界。分级不在策略分\
级中的，由 SEC-001 报告，本规则不重复报告。",
    failing: include_str!("../../../fixtures/SEC-005.failing.yaml"),
    passing: include_str!("../../../fixtures/SEC-005.passing.yaml"),
    params: &["classification_levels", "encryption_required_from"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sec005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let policy = cx.policy;
        // A scale of the organisation's own naming may lack `sensitive`: then the level from
        // which the policy protects data stands in for it.
        let min_name = if policy.classification_rank(SENSITIVE).is_some() {
            SENSITIVE
        } else {
            policy.encryption_required_from.as_str()
        };
        let Some(min) = policy.classification_rank(min_name) else { return };
        for d in &cx.records.data_assets {
            if !d.has_personal_information() {
                continue;
            }
            out.checked();
            let (id, level) = (d.id.value.as_str(), d.classification.value.as_str());
            let Some(rank) = policy.classification_rank(level) else { continue };
            if rank >= min {
                continue;
            }
            let (level_zh, min_zh) = (classification_zh(level), classification_zh(min_name));
            let f = out.report(
                d.classification.span,
                msg!(
                    "data asset `{id}` holds personal information but is classified `{level}`, below `{min_name}`",
                    "数据资产 `{id}` 含个人信息，但分级为“{level_zh}”，低于“{min_zh}”"
                ),
            );
            if let Some(p) = &d.personal_information {
                f.label(p.span, msg!("personal information", "个人信息"));
            }
            f.help(msg!(
                "classify it `{min_name}` or higher and protect it accordingly (encryption at rest and in transit)",
                "请将其定为“{min_zh}”（`{min_name}`）或更高级别，并相应加以保护（存储加密和传输加密）"
            ))
            .record(Kind::DataAsset, id);
        }
    }
}
