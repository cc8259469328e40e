//! zh-CN labels of every enumerated value a message or a report can show: one table, so
//! that a value reads the same in every rule, report and checklist (glossary.md, revision 2:
//! "enum values inside sentences are always translated").
//!
//! The table is keyed by the Rust type's name and the value as written in records. Types
//! declared with `enumeration!` get `zh()` and `label(lang)` from it; the others (the change
//! class, SLA clocks, checklist statuses, survey dimensions) call [`zh`] themselves. A unit
//! test below asserts every value of every such type has a label without ASCII letters.

use crate::model::Lang;

/// (type, value as written, zh-CN label). Grouped by type, in declaration order.
pub static TABLE: &[(&str, &str, &str)] = &[
    // change.rs
    ("ChangeClass", "standard", "标准变更"),
    ("ChangeClass", "normal", "一般变更"),
    ("ChangeClass", "major", "重大变更"),
    ("ChangeClass", "critical", "特别重大变更"),
    ("RiskLevel", "low", "低"),
    ("RiskLevel", "medium", "中"),
    ("RiskLevel", "high", "高"),
    ("RiskLevel", "critical", "极高"),
    ("ApprovalRole", "change-manager", "变更经理"),
    ("ApprovalRole", "department-head", "部门负责人"),
    ("ApprovalRole", "cab", "变更咨询委员会"),
    ("ApprovalRole", "itsm-committee", "信息技术服务管理委员会"),
    ("ApprovalRole", "senior-management", "高级管理层"),
    ("PartyRole", "provider", "乙方"),
    ("PartyRole", "customer", "甲方"),
    ("Decision", "approved", "批准"),
    ("Decision", "rejected", "驳回"),
    ("CheckResult", "passed", "通过"),
    ("CheckResult", "failed", "未通过"),
    ("CheckOutcome", "passed", "通过"),
    ("CheckOutcome", "failed", "未通过"),
    ("CheckOutcome", "n/a", "不适用"),
    ("ChangeStatus", "requested", "已提交申请"),
    ("ChangeStatus", "approved", "已批准"),
    ("ChangeStatus", "rejected", "已驳回"),
    ("ChangeStatus", "scheduled", "已排期"),
    ("ChangeStatus", "implemented", "已实施"),
    ("ChangeStatus", "verified", "已验证"),
    ("ChangeStatus", "closed", "已关闭"),
    ("ChangeStatus", "rolled-back", "已回退"),
    ("ChangeStatus", "cancelled", "已取消"),
    // feedback.rs
    ("Channel", "email", "电子邮件"),
    ("Channel", "phone", "电话"),
    ("Channel", "portal", "服务门户"),
    ("Channel", "survey", "问卷调查"),
    ("Channel", "meeting", "会议"),
    ("Channel", "other", "其他"),
    ("FeedbackClass", "urgent", "紧急"),
    ("FeedbackClass", "important", "重要"),
    ("FeedbackClass", "general", "一般"),
    ("FeedbackStatus", "open", "待处理"),
    ("FeedbackStatus", "in-progress", "处理中"),
    ("FeedbackStatus", "closed", "已关闭"),
    // acceptance.rs
    ("AcceptanceResult", "passed", "通过"),
    ("AcceptanceResult", "failed", "未通过"),
    ("AcceptanceResult", "conditional", "有条件通过"),
    // handover.rs (§7.2's words)
    ("DeliverableItem", "system-config", "系统配置"),
    ("DeliverableItem", "technical-docs", "技术文档"),
    ("DeliverableItem", "system-logs", "系统日志"),
    ("DeliverableItem", "user-manuals", "用户操作手册"),
    ("DeliverableItem", "training-materials", "培训资料"),
    ("DeliverableItem", "service-reports", "服务报告"),
    ("DeliverableItem", "change-records", "变更记录"),
    ("DeliverableItem", "backup-recovery-plan", "备份与恢复方案"),
    ("DeliverableItem", "other", "其他交付物"),
    ("LeftoverStatus", "open", "未解决"),
    ("LeftoverStatus", "resolved", "已解决"),
    ("LeftoverStatus", "accepted", "甲方已接受"),
    // backup_policy.rs, restore_test.rs
    ("BackupFrequency", "daily", "每日"),
    ("BackupFrequency", "weekly", "每周"),
    ("BackupFrequency", "monthly", "每月"),
    ("RestoreResult", "passed", "通过"),
    ("RestoreResult", "failed", "未通过"),
    ("RestoreScope", "full", "全量恢复"),
    ("RestoreScope", "partial", "部分恢复"),
    ("RestoreScope", "file", "文件级恢复"),
    ("RestoreSource", "local", "本地备份"),
    ("RestoreSource", "offsite", "异地备份"),
    // audit.rs (§3.3's four areas)
    ("AuditArea", "security-policy", "安全策略"),
    ("AuditArea", "encryption-access-control", "加密与访问控制"),
    ("AuditArea", "vulnerabilities-incidents", "漏洞与安全事件"),
    ("AuditArea", "training-awareness", "安全培训与意识"),
    ("IssueSeverity", "low", "低"),
    ("IssueSeverity", "medium", "中"),
    ("IssueSeverity", "high", "高"),
    ("IssueSeverity", "critical", "严重"),
    ("FindingStatus", "open", "未整改"),
    ("FindingStatus", "closed", "已关闭"),
    ("FindingStatus", "accepted", "已风险接受"),
    // improvement.rs
    ("ImprovementStatus", "planned", "计划中"),
    ("ImprovementStatus", "in-progress", "进行中"),
    ("ImprovementStatus", "done", "已完成"),
    ("ImprovementStatus", "dropped", "已取消"),
    // training.rs
    ("TrainingTopic", "security-awareness", "信息安全意识"),
    ("TrainingTopic", "operations", "运维操作"),
    ("TrainingTopic", "emergency-response", "应急响应"),
    ("TrainingTopic", "policy-process", "制度与流程"),
    ("TrainingTopic", "onboarding", "上岗前培训"),
    ("TrainingTopic", "other", "其他"),
    // problem.rs
    ("ProblemStatus", "open", "未解决"),
    ("ProblemStatus", "known-error", "已知错误"),
    ("ProblemStatus", "resolved", "已解决"),
    ("ProblemStatus", "closed", "已关闭"),
    // system.rs
    ("Criticality", "critical", "关键"),
    ("Criticality", "important", "重要"),
    ("Criticality", "normal", "一般"),
    // access_review.rs
    ("ReviewScope", "all", "全部账号"),
    ("ReviewScope", "privileged", "特权账号"),
    ("AccessModel", "rbac", "基于角色的访问控制"),
    ("AccessModel", "abac", "基于属性的访问控制"),
    ("AccessModel", "other", "其他"),
    ("ExceptionAction", "revoked", "已回收"),
    ("ExceptionAction", "reduced", "已降权"),
    ("ExceptionAction", "accepted", "已风险接受"),
    // incident.rs
    ("IncidentType", "incident", "事件"),
    ("IncidentType", "request", "服务请求"),
    ("PauseReason", "awaiting-customer", "等待甲方"),
    ("PauseReason", "awaiting-third-party", "等待第三方"),
    ("PauseReason", "scheduled", "已预约处理时间"),
    ("PauseReason", "other", "其他"),
    ("OutageImpact", "full", "完全中断"),
    ("OutageImpact", "partial", "部分中断"),
    ("ExclusionReason", "customer-caused", "甲方原因"),
    ("ExclusionReason", "force-majeure", "不可抗力"),
    ("ExclusionReason", "third-party", "第三方原因"),
    ("IncidentStatus", "open", "待处理"),
    ("IncidentStatus", "in-progress", "处理中"),
    ("IncidentStatus", "resolved", "已解决"),
    ("IncidentStatus", "closed", "已关闭"),
    ("IncidentStatus", "cancelled", "已取消"),
    // engagement.rs
    ("ReportFrequency", "monthly", "每月"),
    ("ReportFrequency", "quarterly", "每季度"),
    ("ReportFrequency", "yearly", "每年"),
    ("FeePeriod", "monthly", "按月"),
    ("FeePeriod", "quarterly", "按季度"),
    ("FeePeriod", "yearly", "按年"),
    ("FeePeriod", "one-off", "一次性"),
    ("TerminationCondition", "contract-expiry", "合同期满"),
    ("TerminationCondition", "mutual-agreement", "双方协商一致"),
    ("TerminationCondition", "force-majeure", "不可抗力"),
    ("TerminationCondition", "provider-breach", "乙方违约"),
    ("TerminationCondition", "customer-breach", "甲方违约"),
    ("TerminationCondition", "customer-change", "甲方需求变化"),
    ("TerminationCondition", "provider-initiated", "乙方提出终止"),
    ("CreditMetric", "availability", "可用率"),
    ("CreditMetric", "response-attainment", "响应及时率"),
    ("CreditMetric", "resolution-attainment", "解决及时率"),
    ("CreditMetric", "satisfaction", "满意度"),
    // drill.rs
    ("DrillType", "tabletop", "桌面推演"),
    ("DrillType", "functional", "功能演练"),
    ("DrillType", "dr-switchover", "灾备切换演练"),
    ("DrillOutcome", "passed", "通过"),
    ("DrillOutcome", "partial", "部分通过"),
    ("DrillOutcome", "failed", "未通过"),
    // scalar.rs
    ("Weekday", "mon", "周一"),
    ("Weekday", "tue", "周二"),
    ("Weekday", "wed", "周三"),
    ("Weekday", "thu", "周四"),
    ("Weekday", "fri", "周五"),
    ("Weekday", "sat", "周六"),
    ("Weekday", "sun", "周日"),
    // survey.rs: the score fields (glossary: 响应速度, 服务质量, 可靠性)
    ("SurveyDimension", "response_speed", "响应速度"),
    ("SurveyDimension", "quality", "服务质量"),
    ("SurveyDimension", "reliability", "可靠性"),
    ("SurveyDimension", "cost", "服务成本"),
    ("SurveyDimension", "security", "信息安全"),
    // risk_assessment.rs (glossary: 风险评估, 风险接受)
    ("RiskCategory", "security", "信息安全"),
    ("RiskCategory", "operational", "运营"),
    ("RiskCategory", "continuity", "业务连续性"),
    ("RiskCategory", "compliance", "合规"),
    ("RiskCategory", "vendor", "供应商"),
    ("RiskCategory", "concentration", "集中度"),
    ("RiskCategory", "other", "其他"),
    ("RiskStatus", "open", "未处置"),
    ("RiskStatus", "mitigating", "处置中"),
    ("RiskStatus", "mitigated", "已缓释"),
    ("RiskStatus", "accepted", "已接受"),
    ("RiskStatus", "closed", "已关闭"),
    // meeting.rs (§2.3 回顾会议, §4.3 工作例会)
    ("MeetingType", "service-review", "服务回顾会议"),
    ("MeetingType", "regular", "工作例会"),
    ("MeetingType", "kickoff", "项目启动会"),
    ("MeetingType", "incident-review", "事件复盘会"),
    ("MeetingType", "change-review", "变更评审会"),
    ("MeetingType", "exit", "退出会议"),
    ("ActionStatus", "open", "未完成"),
    ("ActionStatus", "done", "已完成"),
    ("ActionStatus", "dropped", "已取消"),
    // appraisal.rs (§4.2 绩效考核)
    ("AppraisalResult", "excellent", "优秀"),
    ("AppraisalResult", "good", "良好"),
    ("AppraisalResult", "satisfactory", "合格"),
    ("AppraisalResult", "needs-improvement", "待改进"),
    ("AppraisalResult", "unsatisfactory", "不合格"),
    // config.rs: the policy's default `classification_levels` (other levels: as written)
    ("ClassificationLevel", "public", "公开"),
    ("ClassificationLevel", "internal", "内部"),
    ("ClassificationLevel", "sensitive", "敏感"),
    ("ClassificationLevel", "core", "核心"),
    // kinds/mod.rs: record kinds inside Chinese sentences (`kind:` values stay as written)
    ("Kind", "Acceptance", "验收记录"),
    ("Kind", "Amendment", "合同变更"),
    ("Kind", "Appraisal", "绩效考核"),
    ("Kind", "AccessReview", "权限复核"),
    ("Kind", "Audit", "信息安全审计"),
    ("Kind", "BackupPolicy", "备份策略"),
    ("Kind", "Calendar", "工作日历"),
    ("Kind", "Change", "变更"),
    ("Kind", "DataAsset", "数据资产"),
    ("Kind", "Drill", "应急演练"),
    ("Kind", "EmergencyPlan", "应急预案"),
    ("Kind", "Engagement", "服务项目"),
    ("Kind", "Feedback", "客户反馈"),
    ("Kind", "Handover", "交接记录"),
    ("Kind", "Improvement", "服务改进计划"),
    ("Kind", "Meeting", "会议"),
    ("Kind", "Incident", "工单"),
    ("Kind", "Person", "人员"),
    ("Kind", "Problem", "问题"),
    ("Kind", "RestoreTest", "恢复测试"),
    ("Kind", "RiskAssessment", "风险评估"),
    ("Kind", "ServicePlan", "服务计划"),
    ("Kind", "ServiceReport", "服务报告"),
    ("Kind", "Sla", "服务级别协议"),
    ("Kind", "Subcontractor", "分包商"),
    ("Kind", "Survey", "满意度调查"),
    ("Kind", "System", "系统"),
    ("Kind", "Training", "培训"),
    ("Kind", "Waiver", "例外审批"),
    // figures/clock.rs: a priority's clocks, as words inside sentences and tables
    ("ClockKind", "response", "响应时效"),
    ("ClockKind", "on-site", "到场时效"),
    ("ClockKind", "restoration", "恢复时效"),
    ("ClockKind", "resolution", "解决时效"),
    // exit/mod.rs: the exit checklist's item statuses (glossary: 逾期未完成, 未到期)
    ("ChecklistStatus", "done", "已完成"),
    ("ChecklistStatus", "pending", "未到期"),
    ("ChecklistStatus", "missing", "逾期未完成"),
    ("ChecklistStatus", "n/a", "不适用"),
];

/// The zh-CN label of `value` of the type named `kind` (the Rust type's name).
pub fn zh(kind: &str, value: &str) -> Option<&'static str> {
    TABLE.iter().find(|(k, v, _)| *k == kind && *v == value).map(|(_, _, l)| *l)
}

/// The label in `lang`: English shows the value as written in records.
pub fn label<'v>(lang: Lang, kind: &str, value: &'v str) -> &'v str {
    match lang {
        Lang::En => value,
        // A missing label shows the value rather than failing a report; the test forbids it.
        Lang::ZhCn => zh(kind, value).unwrap_or(value),
    }
}

/// A calendar's name in a Chinese text: the built-in `24x7` reads 7×24 (glossary, revision 2);
/// every other name as written, in backticks (an id).
pub fn calendar_zh(name: &str) -> String {
    if name == "24x7" { "7×24".to_owned() } else { format!("`{name}`") }
}

/// A data classification level in a Chinese text: the default levels by label (内部, 敏感 …),
/// a level the policy adds as written.
pub fn classification_zh(level: &str) -> &str {
    zh("ClassificationLevel", level).unwrap_or(level)
}

/// Words listed inside a Chinese sentence (glossary: 故障原因和解决措施; 业务、技术、安全、成本).
pub fn zh_list<S: AsRef<str>>(items: &[S]) -> String {
    let words: Vec<&str> = items.iter().map(|s| s.as_ref()).collect();
    words.join(if words.len() == 2 { "和" } else { "、" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::*;

    /// Every type whose values are labelled, with its values as written.
    fn labelled() -> Vec<(&'static str, Vec<&'static str>)> {
        macro_rules! enums {
            ($($path:path => $name:ident),* $(,)?) => {
                vec![$((stringify!($name), { use $path as T; T::NAMES.to_vec() })),*]
            };
        }
        let mut all = enums![
            change::ChangeClass => ChangeClass, change::RiskLevel => RiskLevel,
            change::ApprovalRole => ApprovalRole, change::PartyRole => PartyRole,
            change::Decision => Decision, change::CheckResult => CheckResult,
            change::CheckOutcome => CheckOutcome, change::ChangeStatus => ChangeStatus,
            feedback::Channel => Channel, feedback::FeedbackClass => FeedbackClass,
            feedback::FeedbackStatus => FeedbackStatus, acceptance::AcceptanceResult => AcceptanceResult,
            handover::DeliverableItem => DeliverableItem, handover::LeftoverStatus => LeftoverStatus,
            backup_policy::BackupFrequency => BackupFrequency, restore_test::RestoreResult => RestoreResult,
            restore_test::RestoreScope => RestoreScope, restore_test::RestoreSource => RestoreSource,
            audit::AuditArea => AuditArea, audit::IssueSeverity => IssueSeverity,
            audit::FindingStatus => FindingStatus, improvement::ImprovementStatus => ImprovementStatus,
            training::TrainingTopic => TrainingTopic, problem::ProblemStatus => ProblemStatus,
            system::Criticality => Criticality, access_review::ReviewScope => ReviewScope,
            access_review::AccessModel => AccessModel, access_review::ExceptionAction => ExceptionAction,
            incident::IncidentType => IncidentType, incident::PauseReason => PauseReason,
            incident::OutageImpact => OutageImpact, incident::ExclusionReason => ExclusionReason,
            incident::IncidentStatus => IncidentStatus, engagement::ReportFrequency => ReportFrequency,
            engagement::FeePeriod => FeePeriod, engagement::TerminationCondition => TerminationCondition,
            engagement::CreditMetric => CreditMetric, drill::DrillType => DrillType,
            drill::DrillOutcome => DrillOutcome, crate::model::scalar::Weekday => Weekday,
            risk_assessment::RiskCategory => RiskCategory, risk_assessment::RiskStatus => RiskStatus,
            meeting::MeetingType => MeetingType, meeting::ActionStatus => ActionStatus,
            appraisal::AppraisalResult => AppraisalResult,
        ];
        all.push(("SurveyDimension", vec!["response_speed", "quality", "reliability", "cost", "security"]));
        all.push(("ClassificationLevel", vec!["public", "internal", "sensitive", "core"]));
        all.push(("Kind", Kind::ALL.iter().map(|k| k.name()).collect()));
        all.push(("ClockKind", crate::figures::clock::ClockKind::ALL.iter().map(|c| c.as_str()).collect()));
        all.push(("ChecklistStatus", crate::exit::Status::ALL.iter().map(|s| s.as_str()).collect()));
        all
    }

    #[test]
    fn every_value_has_a_chinese_label() {
        for (kind, values) in labelled() {
            for v in values {
                let l = zh(kind, v).unwrap_or_else(|| panic!("no zh-CN label for {kind} `{v}`"));
                assert!(!l.is_empty() && !l.chars().any(|c| c.is_ascii_alphabetic()), "{kind} `{v}`: {l}");
            }
        }
    }

    #[test]
    fn the_table_has_no_stray_or_repeated_rows() {
        let all = labelled();
        for (i, (k, v, _)) in TABLE.iter().enumerate() {
            assert!(all.iter().any(|(kind, vs)| kind == k && vs.contains(v)), "stray row {k} `{v}`");
            assert!(!TABLE[..i].iter().any(|(k2, v2, _)| k2 == k && v2 == v), "repeated row {k} `{v}`");
        }
    }

    /// A new `enumeration!` anywhere in the model must be listed in `labelled()`.
    #[test]
    fn every_enumeration_is_listed() {
        let listed: Vec<&str> = labelled().into_iter().map(|(k, _)| k).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
        let mut files: Vec<_> = std::fs::read_dir(root.join("kinds")).unwrap().map(|e| e.unwrap().path()).collect();
        files.push(root.join("scalar.rs"));
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for part in text.split("crate::enumeration! {").skip(1) {
                let name = part.split("pub enum ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap_or("");
                assert!(listed.contains(&name), "{}: enumeration {name} has no labels", file.display());
            }
        }
    }

    #[test]
    fn chinese_lists() {
        assert_eq!(zh_list(&["业务"]), "业务");
        assert_eq!(zh_list(&["故障原因", "解决措施"]), "故障原因和解决措施");
        assert_eq!(zh_list(&["业务", "技术", "安全", "成本"]), "业务、技术、安全、成本");
    }
}
