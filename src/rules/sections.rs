//! The sections of the outsourcing service manual (§1.1–§8.4), for the compliance scorecard:
//! every section is listed, so a section no rule covers is shown as such rather than as
//! compliant.

/// One manual section: number and titles (Chinese written fresh in simplified characters).
#[derive(Clone, Copy, Debug)]
pub struct Section {
    pub number: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
}

const fn s(number: &'static str, title_en: &'static str, title_zh: &'static str) -> Section {
    Section { number, title_en, title_zh }
}

/// Chapters: number, English and Chinese title.
pub const CHAPTERS: &[(&str, &str, &str)] = &[
    ("1", "Service overview and basic norms", "服务概述与基础规范"),
    ("2", "Service process and implementation", "服务流程与实施规范"),
    ("3", "Information security and data protection", "信息安全与数据保护"),
    ("4", "Service staff and team management", "服务人员与团队管理"),
    ("5", "Service evaluation and feedback", "服务评价与反馈机制"),
    ("6", "Service change and emergency handling", "服务变更与应急处理"),
    ("7", "Service termination and handover", "服务终止与交接"),
    ("8", "Supplementary provisions", "附则与补充规定"),
];

pub const SECTIONS: &[Section] = &[
    s("1.1", "Service definition and scope", "服务定义与范围"),
    s("1.2", "Service delivery standards", "服务交付标准"),
    s("1.3", "Service quality management", "服务质量管理"),
    s("1.4", "Service contract and responsibilities", "服务合同与责任划分"),
    s("1.5", "Service processes and management", "服务流程与管理机制"),
    s("2.1", "Project initiation and requirements", "项目启动与需求分析"),
    s("2.2", "Service planning and resources", "服务计划与资源规划"),
    s("2.3", "Service execution and monitoring", "服务执行与监控"),
    s("2.4", "Service acceptance and delivery", "服务验收与交付"),
    s("2.5", "Continual service improvement", "服务持续改进机制"),
    s("3.1", "Data security", "数据安全规范"),
    s("3.2", "Confidentiality and access control", "信息保密与访问控制"),
    s("3.3", "Security audit and compliance", "信息安全审计与合规"),
    s("3.4", "Backup and disaster recovery", "信息备份与灾难恢复"),
    s("3.5", "Security training and awareness", "信息安全培训与意识提升"),
    s("4.1", "Staff qualifications and training", "人员资质与培训"),
    s("4.2", "Staff management and performance appraisal", "人员管理与绩效考核"),
    s("4.3", "Teamwork and communication", "团队协作与沟通机制"),
    s("4.4", "Staff departure and handover", "人员离职与交接流程"),
    s("4.5", "Conduct and professional ethics", "人员行为规范与职业道德"),
    s("5.1", "Service evaluation metrics and methods", "服务评价指标与方法"),
    s("5.2", "Service feedback and handling", "服务反馈与处理流程"),
    s("5.3", "Satisfaction surveys", "服务满意度调查"),
    s("5.4", "Service improvement and optimisation", "服务改进与优化"),
    s("5.5", "Using evaluation results", "服务评价结果应用"),
    s("6.1", "Change management process", "服务变更管理流程"),
    s("6.2", "Change impact assessment", "服务变更影响评估"),
    s("6.3", "Emergency plans and response", "应急预案与响应机制"),
    s("6.4", "Major incident handling", "重大事件处理流程"),
    s("6.5", "Change records and archiving", "服务变更记录与归档"),
    s("7.1", "Termination conditions and process", "服务终止条件与流程"),
    s("7.2", "Handover and archiving of materials", "服务交接与资料归档"),
    s("7.3", "Leftover issues after termination", "服务终止后的遗留问题处理"),
    s("7.4", "Customer support after termination", "服务终止后的客户支持"),
    s("7.5", "Follow-up after termination", "服务终止后的后续管理"),
    s("8.1", "Scope and effective date", "适用范围与生效日期"),
    s("8.2", "Dispute resolution and governing law", "争议解决与法律适用"),
    s("8.3", "Amendment and repeal", "修订与废止程序"),
    s("8.4", "Appendices and references", "附录与参考资料"),
];

/// The section numbers a rule cites (`"§2.3, §6.5"` → `["2.3", "6.5"]`).
pub fn cited(section: &str) -> impl Iterator<Item = &str> {
    section.split(',').map(|p| p.trim().trim_start_matches('§').trim()).filter(|p| !p.is_empty())
}

pub fn find(number: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.number == number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_cites_known_sections() {
        for rule in crate::rules::all() {
            let m = rule.meta();
            let cited: Vec<&str> = cited(m.section).collect();
            assert!(!cited.is_empty(), "{} cites no section", m.id);
            for number in cited {
                assert!(find(number).is_some(), "{} cites unknown §{number}", m.id);
            }
        }
        assert_eq!(SECTIONS.len(), 39);
    }
}
