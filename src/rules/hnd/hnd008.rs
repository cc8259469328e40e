//! HND-008: After exit, the outcome is evaluated and the customer's feedback collected.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_008,
    severity: Severity::Warning,
    section: "§7.5",
    title_en: "After exit, the outcome is evaluated and the customer's feedback collected",
    title_zh: "退出后须评估服务成果并收集客户反馈",
    explanation_en: "Follow-up after termination (§7.5) evaluates what the engagement achieved and asks the customer for feedback, so that the provider improves. After exit (effective date plus `handover_grace_days`), a Handover without `evaluation` or without `post_exit_feedback_at` is reported as a warning.",
    explanation_zh: "服务终止后的后续管理（§7.5）包括评估服务成果、收集客户反馈，以便服务方持续改进。退出后（终止生效日加 `handover_grace_days`），退出交接记录（`Handover`）缺少服务评估 `evaluation` 或客户反馈时间 `post_exit_feedback_at` 的，以警告报告。",
    failing: include_str!("../../../fixtures/HND-008.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-008.passing.yaml"),
    params: &["handover_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd008, META);
