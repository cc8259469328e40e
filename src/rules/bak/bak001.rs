//! BAK-001: backups are kept offsite, and encrypted when the system holds data that must be.

use crate::model::kinds::{BackupPolicy, DataAsset};
use crate::model::labels::classification_zh;
use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak001;

static META: Meta = Meta {
    id: "BAK-001",
    severity: Severity::Error,
    section: "§3.4",
    title_en: "Backups are kept offsite, and encrypted where the system's data requires it",
    title_zh: "备份须异地存放，承载敏感数据系统的备份须加密",
    explanation_en: "A backup kept in the same place as the system is lost with it: the manual (§3.4) \
asks for offsite backups (异地备份), so every BackupPolicy must say `offsite: true`. A backup is \
also a full copy of the data, so when the policy's System holds data classified at or above \
`encryption_required_from` (default `sensitive`, on the scale `classification_levels`) the \
backup must be `encrypted: true` as well. The System holds a DataAsset when the asset lists it \
in `systems` or the System lists the asset in `data`.",
    explanation_zh: "备份与系统存放在同一地点，就会随系统一同损毁：手册 §3.4 要求异地备份，因此每个备\
份策略（`BackupPolicy`）都须设为 `offsite: true`。备份是数据的完整副本，所属系统承载的数据分级达到或\
高于 `encryption_required_from`（默认为敏感，`sensitive`；级别顺序见 `classification_levels`）时，备\
份还须加密（`encrypted: true`）。数据资产在 `systems` 中列出该系统，或系统在 `data` 中列出该数据资产\
，即视为该系统承载该数据。",
    failing: include_str!("../../../fixtures/BAK-001.failing.yaml"),
    passing: include_str!("../../../fixtures/BAK-001.passing.yaml"),
    params: &["encryption_required_from", "classification_levels"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Bak001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for bp in &cx.records.backup_policies {
            if cx.engagement_of(RecordView::BackupPolicy(bp)).is_none() {
                continue;
            }
            out.checked();
            let (id, system) = (bp.id.value.as_str(), bp.system.value.as_str());
            if !bp.offsite.value {
                out.report(
                    bp.offsite.span,
                    msg!(
                        "backup policy {id} keeps no offsite copy of system {system}; backups must be stored offsite",
                        "备份策略 {id} 未在异地保存系统 {system} 的备份副本；备份须异地存放"
                    ),
                )
                .help(msg!(
                    "copy the backups to a second site and write `offsite: true`",
                    "请将备份复制到异地站点，并记录 `offsite: true`"
                ))
                .record(Kind::BackupPolicy, id);
            }
            if !bp.encrypted.value
                && let Some(asset) = most_sensitive_data(cx, bp)
            {
                let (did, level, from) =
                    (asset.id.value.as_str(), asset.classification.value.as_str(), &cx.policy.encryption_required_from);
                let (level_zh, from_zh) = (classification_zh(level), classification_zh(from));
                out.report(
                    bp.encrypted.span,
                    msg!(
                        "backup policy {id} is not encrypted, but system {system} holds `{level}` data ({did}); backups of data classified `{from}` or higher must be encrypted",
                        "备份策略 {id} 未加密，而系统 {system} 承载“{level_zh}”级数据（{did}）；“{from_zh}”及以上级别数据的备份须加密"
                    ),
                )
                .label(asset.classification.span, msg!("classified `{level}`", "数据分级为“{level_zh}”"))
                .help(msg!("encrypt the backups and write `encrypted: true`", "请对备份加密，并记录 `encrypted: true`"))
                .record(Kind::BackupPolicy, id);
            }
        }
    }
}

/// The most highly classified DataAsset that requires encryption and that the policy's
/// System holds (the asset lists the System, or the System lists the asset).
fn most_sensitive_data<'a>(cx: &Context<'a>, bp: &BackupPolicy) -> Option<&'a DataAsset> {
    let system = bp.system.value.as_str();
    let listed: Vec<&str> = cx
        .index
        .position(Kind::System, system)
        .and_then(|p| cx.records.systems.get(p))
        .map(|s| s.data.iter().map(|d| d.value.as_str()).collect())
        .unwrap_or_default();
    cx.records
        .data_assets
        .iter()
        .filter(|d| d.systems.iter().any(|s| s.value == system) || listed.contains(&d.id.value.as_str()))
        .filter(|d| cx.policy.requires_encryption(&d.classification.value))
        .max_by_key(|d| {
            (cx.policy.classification_rank(&d.classification.value), std::cmp::Reverse(d.id.value.as_str()))
        })
}
