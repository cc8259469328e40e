//! HND-004: Leftover issues are planned, closed on time and reported.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_004,
    severity: Severity::Error,
    section: "§7.3",
    title_en: "Leftover issues are planned, closed on time and reported",
    title_zh: "遗留问题须有计划、按期关闭并提交报告",
    explanation_en: "Problems still open at exit are identified, prioritised, resolved and verified, and a report goes to the customer (§7.3). A leftover issue still `open` after its `due` date (the effective date when it has none) is reported, as is an open issue without a `plan` on or after the effective date, and an issue marked `resolved` without both `verified_at` and `customer_confirmed_at` (§7.3: verified, then confirmed by the customer). The full system check before exit (`pre_exit_check_at`) is due 30 days before the effective date: once that day has passed without a check on or before it, it is reported. After exit (effective date plus `handover_grace_days`), `leftover_report_submitted_at` must be recorded.",
    explanation_zh: "退出时仍未解决的问题须识别、分级、解决并验证,并向客户提交处理报告(§7.3)。遗留问题在 `due`(未填写时为终止生效日)之后仍为 `open` 的,或在终止生效日及之后仍无处理计划 `plan` 的,以及标记为 `resolved` 但未同时记录 `verified_at` 和 `customer_confirmed_at` 的(§7.3:经验证并由客户确认),均会报告。退出前全面系统检查(`pre_exit_check_at`)应于终止生效日前 30 天完成,该日已过而无不晚于该日的检查的,将被报告。退出后(终止生效日加 `handover_grace_days`)须记录 `leftover_report_submitted_at`。",
    failing: include_str!("../../../fixtures/HND-004.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-004.passing.yaml"),
    params: &["handover_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd004, META);
