//! HND-005: Support after termination is defined for the contract's period.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_005,
    severity: Severity::Error,
    section: "§7.4",
    title_en: "Support after termination is defined for the contract's period",
    title_zh: "须约定不短于合同要求的终止后支持期",
    explanation_en: "The customer keeps getting help for an agreed time after exit (§7.4): by which channels, from whom, until when. A Handover without `support`, or with `support.until` earlier than the effective date plus the contract's `post_termination_support_days`, is reported.",
    explanation_zh: "服务终止后，客户在约定期限内仍应获得支持（§7.4）：支持方式、联系人和截止日期。退出交接记录（`Handover`）缺少 `support`，或 `support.until` 早于终止生效日加合同约定的 `post_termination_support_days` 的，予以报告。",
    failing: include_str!("../../../fixtures/HND-005.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-005.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd005, META);
