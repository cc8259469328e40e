//! BAK-001: Backups are offsite, and encrypted where the data requires it.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak001;

static META: Meta = Meta {
    id: "BAK-001",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "Backups are offsite, and encrypted where the data requires it",
    title_zh: "备份须异地存放,承载敏感数据的须加密",
    explanation_en: "Backups protect against the loss of a site only when a copy is kept elsewhere (§3.4, 异地备份): every backup policy must be `offsite`. A backup of a system that holds data at or above `encryption_required_from` must also be `encrypted`; the system holds the data when the DataAsset lists the system, or the System lists the data asset.",
    explanation_zh: "只有在异地保存副本时,备份才能抵御站点级灾难(§3.4):每个备份策略都须 `offsite: true`。系统承载 `encryption_required_from` 及以上级别数据的(数据资产列出该系统,或系统列出该数据资产),其备份还须 `encrypted: true`。",
    failing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: false\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    passing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\nretention_days: 365\nintegrity_check: 校验 SHA-256\noffsite: true\nencrypted: true\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n",
    params: &["encryption_required_from"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Bak001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for bp in &cx.records.backup_policies {
            out.checked();
            let (id, system) = (bp.id.value.as_str(), bp.system.value.as_str());
            if !bp.offsite.value {
                out.report(
                    bp.offsite.span,
                    msg!("backup policy `{id}` keeps no offsite copy", "备份策略 `{id}` 没有异地副本"),
                )
                .record(Kind::BackupPolicy, id);
            }
            if bp.encrypted.value {
                continue;
            }
            let sys_data: Vec<&str> = cx
                .index
                .position(Kind::System, system)
                .and_then(|p| cx.records.systems.get(p))
                .map(|s| s.data.iter().map(|d| d.value.as_str()).collect())
                .unwrap_or_default();
            let sensitive = cx.records.data_assets.iter().find(|d| {
                (d.systems.iter().any(|s| s.value == system) || sys_data.contains(&d.id.value.as_str()))
                    && cx.policy.requires_encryption(&d.classification.value)
            });
            if let Some(d) = sensitive {
                let (did, level) = (d.id.value.as_str(), d.classification.value.as_str());
                out.report(
                    bp.encrypted.span,
                    msg!(
                        "backup policy `{id}` is not encrypted, but `{system}` holds `{level}` data (`{did}`)",
                        "备份策略 `{id}` 未加密,而系统 `{system}` 承载 `{level}` 级数据(`{did}`)"
                    ),
                )
                .label(d.classification.span, msg!("classification", "数据分级"))
                .record(Kind::BackupPolicy, id);
            }
        }
    }
}
