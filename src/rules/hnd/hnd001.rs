//! HND-001: Termination has an allowed reason and the notice the contract requires.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_001,
    severity: Severity::Error,
    section: "§7.1",
    title_en: "Termination has an allowed reason and the notice the contract requires",
    title_zh: "终止须符合合同约定的条件并按期通知",
    explanation_en: "An engagement ends on one of the contract's termination conditions (§7.1). For contract expiry, provider-initiated termination or a customer's change, notice must be given at least the contract's `termination.notice_days` before `effective_at` (§7.1 \"根据合同约定\": the contract governs) — exactly that many days is enough; a contract below the policy's `termination_notice_days` is CON-005's warning. Termination for force majeure or a breach needs `notice_evidence`, the document establishing it; termination by mutual agreement needs `agreement_signed_at`.",
    explanation_zh: "服务终止须符合合同约定的终止条件（§7.1）。因合同到期、服务方主动终止或客户方调整而终止的，终止通知须至少在 `effective_at` 之前合同约定的 `termination.notice_days` 天发出（§7.1“根据合同约定”，以合同为准），恰好提前该天数即符合要求；合同约定的通知期短于策略 `termination_notice_days` 的，由 CON-005 警告。因不可抗力或违约而终止的，须提供证明文件 `notice_evidence`；双方协商终止的，须记录终止协议签署日期 `agreement_signed_at`。",
    failing: include_str!("../../../fixtures/HND-001.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-001.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd001, META);
