//! HND-007: After exit, both parties have signed off in writing.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_007,
    severity: Severity::Error,
    section: "§7.2",
    title_en: "After exit, both parties have signed off in writing",
    title_zh: "退出后须有双方书面签字确认",
    explanation_en: "The handover is confirmed in writing (§7.2: handover list, record and confirmation). After exit (effective date plus `handover_grace_days`), `sign_off` must carry the provider's and the customer's signatory with the date.",
    explanation_zh: "交接须以书面形式确认（§7.2：交接清单、交接记录、交接确认单）。退出后（终止生效日加 `handover_grace_days`），`sign_off` 须有服务方和客户方的签字人及签字日期。",
    failing: include_str!("../../../fixtures/HND-007.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-007.passing.yaml"),
    params: &["handover_grace_days"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd007, META);
