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

/// Chapters the manual lists in its table of contents but gives no text (chapter 8 is
/// headings only): nothing in them can be checked, passed or failed.
const NO_TEXT_CHAPTERS: &[&str] = &["8"];

impl Section {
    pub fn chapter(&self) -> &'static str {
        self.number.split('.').next().unwrap_or(self.number)
    }

    /// Whether the manual has text under this heading.
    pub fn has_text(&self) -> bool {
        !NO_TEXT_CHAPTERS.contains(&self.chapter())
    }
}

/// Whether a rule's evaluations count toward the manual's sections in the scorecard. The
/// general rules (GEN) are about the record files themselves — readable, well-formed,
/// references resolved — not a duty of the manual, so counting them would inflate §2.3.
pub fn counts_for_manual(rule_id: &str) -> bool {
    !rule_id.starts_with("GEN-")
}

/// A requirement a rule enforces that the manual does not state: good practice the
/// auditor should be able to tell apart from the manual's own duties.
#[derive(Clone, Copy, Debug)]
pub struct PracticeNote {
    pub rule: &'static str,
    /// The part of the rule that goes beyond the manual (English), when not the whole rule.
    pub part: Option<&'static str>,
    pub en: &'static str,
    pub zh: &'static str,
}

const fn note(rule: &'static str, en: &'static str, zh: &'static str) -> PracticeNote {
    PracticeNote { rule, part: None, en, zh }
}

/// One list, read by `itos explain`, `itos rules --format json` and docs/rules.md (kept
/// here rather than in each rule's `Meta`, which is the manual's side of the rule).
pub const GOOD_PRACTICE: &[PracticeNote] = &[
    note(
        "CHG-007",
        "Good practice; not stated in the manual: the manual asks for impact assessment and risk control of changes, not for a written rollback plan.",
        "良好实践；手册未作规定：手册要求对变更进行影响评估和风险控制，并未要求书面回退方案。",
    ),
    note(
        "CHG-011",
        "Good practice; not stated in the manual: the manual does not mention freeze periods.",
        "良好实践；手册未作规定：手册未提及封网期。",
    ),
    note(
        "HR-004",
        "Good practice; not stated in the manual: the manual binds staff to confidentiality, not to a signed agreement dated before they start.",
        "良好实践；手册未作规定：手册要求人员保守秘密，并未要求入场前签署保密协议。",
    ),
    note(
        "BAK-004",
        "Good practice; not stated in the manual: the manual asks for offsite backups and restore tests, not for a periodic full restore from an offsite copy.",
        "良好实践；手册未作规定：手册要求异地备份和恢复测试，并未要求定期从异地副本完成一次全量恢复。",
    ),
    note(
        "BAK-005",
        "Good practice; not stated in the manual: the manual names recovery time among service-level metrics but sets no recovery time objective per system.",
        "良好实践；手册未作规定：手册将故障恢复时间列为服务级别指标，但未规定各系统的恢复时间目标（RTO）。",
    ),
    note(
        "GIT-001",
        "Good practice; not stated in the manual: the manual asks for records to be kept and archived, not for them to stay unchanged in git history.",
        "良好实践；手册未作规定：手册要求记录留存归档，并未要求其在 Git 历史中不被改写。",
    ),
    note(
        "GIT-002",
        "Good practice; not stated in the manual: the manual keeps change records at least 5 years (§6.5) but names no retention period for incidents, audits, restore tests and drills.",
        "良好实践；手册未作规定：手册要求变更记录至少保存 5 年（§6.5），未规定事件、审计、恢复测试和演练记录的保存期限。",
    ),
    PracticeNote {
        rule: "RPT-001",
        part: Some("deadline"),
        en: "The deadline is good practice; not stated in the manual: the manual asks for regular service reports, not for delivery within a number of working days.",
        zh: "报告期限属良好实践；手册未作规定：手册要求定期提交服务报告，并未规定须在若干工作日内提交。",
    },
    note(
        "SUB-001",
        "Good practice; not stated in the manual: banking outsourcing regulation requires the customer's prior approval of subcontracting; the manual does not mention subcontractors.",
        "良好实践；手册未作规定：银行业外包监管要求分包须事先取得客户同意，手册未提及分包。",
    ),
    note(
        "SUB-002",
        "Good practice; not stated in the manual: banking outsourcing regulation asks for subcontractors to be bound to confidentiality and assessed; the manual does not mention subcontractors.",
        "良好实践；手册未作规定：银行业外包监管要求分包商承担保密义务并接受评估，手册未提及分包。",
    ),
];

/// The good-practice note of a rule, if it enforces something the manual does not state.
pub fn practice_note(rule_id: &str) -> Option<&'static PracticeNote> {
    GOOD_PRACTICE.iter().find(|n| n.rule == rule_id)
}

impl PracticeNote {
    pub fn get(&self, lang: crate::model::Lang) -> &'static str {
        match lang {
            crate::model::Lang::En => self.en,
            crate::model::Lang::ZhCn => self.zh,
        }
    }
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

    #[test]
    fn chapter_8_has_no_text_and_every_rule_still_counts_somewhere() {
        assert!(SECTIONS.iter().filter(|s| s.chapter() == "8").all(|s| !s.has_text()));
        assert!(SECTIONS.iter().filter(|s| s.chapter() != "8").all(Section::has_text));
        // A rule citing only sections without text would vanish from the scorecard.
        for rule in crate::rules::all() {
            let m = rule.meta();
            if counts_for_manual(m.id) {
                assert!(
                    cited(m.section).filter_map(find).any(Section::has_text),
                    "{} cites no section with text",
                    m.id
                );
            }
        }
    }

    #[test]
    fn good_practice_notes_name_existing_rules_once() {
        for (i, n) in GOOD_PRACTICE.iter().enumerate() {
            assert!(crate::rules::find(n.rule).is_some(), "{} is not a rule", n.rule);
            assert!(GOOD_PRACTICE[..i].iter().all(|m| m.rule != n.rule), "{} twice", n.rule);
            assert!(n.en.contains("good practice") || n.en.contains("Good practice"), "{}", n.rule);
            assert!(n.zh.contains("良好实践；手册未作规定"), "{}", n.rule);
        }
    }
}
