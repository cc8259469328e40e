//! HND-002: All eight exit deliverables are delivered and accepted.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_002,
    severity: Severity::Error,
    section: "§7.2",
    title_en: "All eight exit deliverables are delivered and accepted",
    title_zh: "八类退出交付物须全部交付并验收",
    explanation_en: "§7.2 lists what the provider hands over at exit: system configuration, technical documents, system logs, user manuals, training materials, service reports, change records and the backup and recovery plan. Each must appear in `deliverables` — or be marked `not_applicable` with a reason and the customer's acceptance — as soon as the Handover exists; after the effective date, each must be delivered (`delivered_at`) and accepted (`accepted_by`, `accepted_at`).",
    explanation_zh: "§7.2 规定退出时服务方须移交：系统配置、技术文档、系统日志、用户操作手册、培训资料、服务报告、变更记录，以及备份与恢复方案。退出交接记录（`Handover`）一经建立，每一项都须列入 `deliverables`，或标记为不适用（`not_applicable`）并注明原因、经客户认可；终止生效日之后，每一项都须已交付（`delivered_at`）并经验收（`accepted_by`、`accepted_at`）。",
    failing: include_str!("../../../fixtures/HND-002.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd002, META);
