//! HND-006: After exit, data, credentials, access and settlement are closed.

use crate::model::Severity;
use crate::rules::{Meta, Stage};

static META: Meta = Meta {
    id: crate::exit::HND_006,
    severity: Severity::Error,
    section: "§7.2, §4.4",
    title_en: "After exit, data, credentials, access and settlement are closed",
    title_zh: "退出后数据、凭据、权限和结算须处理完毕",
    explanation_en: "After exit (effective date plus `handover_grace_days`) nothing of the customer's may remain with the provider (§7.2, §3.1, §4.4): the data is returned or destroyed — with a certificate when any of the engagement's data assets is at or above `encryption_required_from` —, accounts, keys and assets are returned (`credentials_returned_at`), the staff's access is revoked (`access_revoked_at`), and the settlement is complete with its audit (`settlement.completed_at`, `audit_done: true`).",
    explanation_zh: "退出后（终止生效日加 `handover_grace_days`），服务方不得保留客户的任何资源（§7.2、§3.1、§4.4）：数据须已返还或销毁（服务项目中有 `encryption_required_from` 及以上级别的数据资产时，须附销毁证明）；账号、密钥和资产须已归还（`credentials_returned_at`）；人员访问权限须已回收（`access_revoked_at`）；费用结算及审计须已完成（`settlement.completed_at`、`audit_done: true`）。",
    failing: include_str!("../../../fixtures/HND-006.failing.yaml"),
    passing: include_str!("../../../fixtures/HND-006.passing.yaml"),
    params: &["handover_grace_days", "encryption_required_from"],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

super::exit_rule!(Hnd006, META);
