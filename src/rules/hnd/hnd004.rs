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
    explanation_zh: "退出时尚未解决的问题，须识别、分级、解决并验证，并向客户提交遗留问题处理报告（§7.3）。以下情况予以报告：遗留问题过了到期日 `due`（未填写时以终止生效日为准）仍为未解决（`open`）；终止生效日当日及之后，未解决的遗留问题仍没有处理计划 `plan`；标记为已解决（`resolved`）但未同时记录验证时间 `verified_at` 和客户确认时间 `customer_confirmed_at`（§7.3：先验证，再由客户确认）。退出前的全面系统检查（`pre_exit_check_at`）应在终止生效日前 30 天完成：该日已过，而在该日当日或之前没有检查记录的，予以报告。退出后（终止生效日加 `handover_grace_days`），须记录遗留问题处理报告的提交时间 `leftover_report_submitted_at`。",
    failing: include_str!("../../../fixtures/HND-004.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-004.passing.yaml"),
    params: &["handover_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd004, META);
