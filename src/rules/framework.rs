//! ISO/IEC 20000-1:2018 (GB/T 24405.1-2019): the clauses of its requirements (clauses 4–10)
//! and, in one table, the clause(s) each rule supports (rules.md, "Framework mapping").
//! Every clause is listed, covered or not, so `report gaps --framework iso20000` can show a
//! clause no rule checks as such rather than leave it out. The mapping lives here, not in
//! each rule's `Meta`, which is the manual's side of a rule.

/// The standard's name as cited in output.
pub const STANDARD: &str = "ISO/IEC 20000-1:2018";

/// One clause: number and titles (Chinese as in the national adoption, simplified).
#[derive(Clone, Copy, Debug)]
pub struct Clause {
    pub number: &'static str,
    pub title_en: &'static str,
    pub title_zh: &'static str,
}

impl Clause {
    pub fn title(&self, lang: crate::model::Lang) -> &'static str {
        match lang {
            crate::model::Lang::En => self.title_en,
            crate::model::Lang::ZhCn => self.title_zh,
        }
    }

    /// The top-level clause, `8` for `8.6.1`.
    pub fn chapter(&self) -> &'static str {
        self.number.split('.').next().unwrap_or(self.number)
    }
}

const fn c(number: &'static str, title_en: &'static str, title_zh: &'static str) -> Clause {
    Clause { number, title_en, title_zh }
}

/// Top-level clauses 4–10: number, English and Chinese title.
pub const CHAPTERS: &[(&str, &str, &str)] = &[
    ("4", "Context of the organization", "组织环境"),
    ("5", "Leadership", "领导作用"),
    ("6", "Planning", "策划"),
    ("7", "Support of the service management system", "服务管理体系的支持"),
    ("8", "Operation of the service management system", "服务管理体系的运行"),
    ("9", "Performance evaluation", "绩效评价"),
    ("10", "Improvement", "改进"),
];

/// The clauses at the granularity the mapping uses: the subclauses of 8.2–8.7, the clauses
/// of the other chapters.
pub const CLAUSES: &[Clause] = &[
    c("4.1", "Understanding the organization and its context", "理解组织及其环境"),
    c("4.2", "Understanding the needs and expectations of interested parties", "理解相关方的需求和期望"),
    c("4.3", "Determining the scope of the service management system", "确定服务管理体系的范围"),
    c("4.4", "Service management system", "服务管理体系"),
    c("5.1", "Leadership and commitment", "领导作用和承诺"),
    c("5.2", "Policy", "方针"),
    c("5.3", "Organizational roles, responsibilities and authorities", "组织的角色、职责和权限"),
    c("6.1", "Actions to address risks and opportunities", "应对风险和机会的措施"),
    c("6.2", "Service management objectives and planning to achieve them", "服务管理目标及其实现的策划"),
    c("6.3", "Plan the service management system", "策划服务管理体系"),
    c("7.1", "Resources", "资源"),
    c("7.2", "Competence", "能力"),
    c("7.3", "Awareness", "意识"),
    c("7.4", "Communication", "沟通"),
    c("7.5", "Documented information", "成文信息"),
    c("7.6", "Knowledge", "知识"),
    c("8.1", "Operational planning and control", "运行的策划和控制"),
    c("8.2.1", "Service delivery", "服务交付"),
    c("8.2.2", "Plan the services", "策划服务"),
    c("8.2.3", "Control of parties involved in the service lifecycle", "服务生命周期所涉及各方的控制"),
    c("8.2.4", "Service catalogue management", "服务目录管理"),
    c("8.2.5", "Asset management", "资产管理"),
    c("8.2.6", "Configuration management", "配置管理"),
    c("8.3.1", "General", "总则"),
    c("8.3.2", "Business relationship management", "业务关系管理"),
    c("8.3.3", "Service level management", "服务级别管理"),
    c("8.3.4", "Supplier management", "供方管理"),
    c("8.4.1", "Budgeting and accounting for services", "服务预算与核算"),
    c("8.4.2", "Demand management", "需求管理"),
    c("8.4.3", "Capacity management", "容量管理"),
    c("8.5.1", "Change management", "变更管理"),
    c("8.5.2", "Service design and transition", "服务设计和转换"),
    c("8.5.3", "Release and deployment management", "发布和部署管理"),
    c("8.6.1", "Incident management", "事件管理"),
    c("8.6.2", "Service request management", "服务请求管理"),
    c("8.6.3", "Problem management", "问题管理"),
    c("8.7.1", "Service availability management", "服务可用性管理"),
    c("8.7.2", "Service continuity management", "服务连续性管理"),
    c("8.7.3", "Information security management", "信息安全管理"),
    c("9.1", "Monitoring, measurement, analysis and evaluation", "监视、测量、分析和评价"),
    c("9.2", "Internal audit", "内部审核"),
    c("9.3", "Management review", "管理评审"),
    c("9.4", "Service reporting", "服务报告"),
    c("10.1", "Nonconformity and corrective action", "不合格和纠正措施"),
    c("10.2", "Continual improvement", "持续改进"),
];

/// The mapping: a family (`INC`) or one rule (`INC-004`) and its clauses. A rule's own entry
/// replaces its family's. Families and rules not in this branch yet (PLN, RSK, MTG, APR,
/// SUB, INC-008, RPT-002) are listed so they carry their clause the day they land.
const MAPPING: &[(&str, &[&str])] = &[
    ("ACC", &["8.5.2"]),
    ("APR", &["7.2", "7.3"]),
    // An audit checks information security (chapter 3 of the manual) as an internal audit.
    ("AUD", &["9.2", "8.7.3"]),
    ("BAK", &["8.7.2"]),
    ("CHG", &["8.5.1"]),
    // Keeping change records unaltered and for their retention period.
    ("CHG-009", &["7.5"]),
    ("CHG-010", &["7.5"]),
    ("CON", &["8.3.3"]),
    // The provider's qualifications: the customer manages us as its supplier.
    ("CON-009", &["8.3.4"]),
    ("EMR", &["8.7.2"]),
    ("FBK", &["8.3.2"]),
    // Not in the spec's table: the record files themselves (readable, well-formed,
    // references resolve) are documented information kept usable (7.5.3); docs/decisions.md.
    ("GEN", &["7.5"]),
    ("GIT", &["7.5"]),
    ("HND", &["8.5.2"]),
    ("HR", &["7.2", "7.3"]),
    // An Improvement answers the records that prompted it (`sources`) and must have its
    // effect evaluated: 10.1 d)–e) as well as continual improvement.
    ("IMP", &["10.2", "10.1"]),
    // Tickets are incidents and service requests alike, except the major-incident rules.
    ("INC", &["8.6.1", "8.6.2"]),
    ("INC-004", &["8.6.1"]),
    ("INC-006", &["8.6.1"]),
    ("INC-008", &["8.6.1"]),
    ("MTG", &["9.3"]),
    // Service reviews with the customer.
    ("MTG-001", &["9.3", "8.3.2"]),
    ("PLN", &["8.1", "6.2"]),
    ("PRB", &["8.6.3"]),
    ("RPT", &["9.4"]),
    ("RSK", &["6.1"]),
    ("SAT", &["8.3.2"]),
    ("SEC", &["8.7.3"]),
    ("SLA", &["8.3.3"]),
    ("SUB", &["8.3.4"]),
    ("TRN", &["7.2", "7.3"]),
];

/// The clause numbers a rule supports: its own entry, else its family's; empty for an id
/// the table does not know (a test keeps every registered rule mapped).
pub fn clauses_of(rule_id: &str) -> &'static [&'static str] {
    let family = rule_id.split('-').next().unwrap_or(rule_id);
    let entry = |key: &str| MAPPING.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|&(_, v)| v);
    entry(rule_id).or_else(|| entry(family)).unwrap_or(&[])
}

pub fn find(number: &str) -> Option<&'static Clause> {
    CLAUSES.iter().find(|c| c.number == number)
}

/// The clauses of a rule with their titles, e.g. "8.6.1 Incident management; 8.6.2 Service
/// request management" (`；` between them in Chinese).
pub fn cited(rule_id: &str, lang: crate::model::Lang) -> String {
    let sep = match lang {
        crate::model::Lang::En => "; ",
        crate::model::Lang::ZhCn => "；",
    };
    clauses_of(rule_id)
        .iter()
        .map(|n| find(n).map_or_else(|| (*n).to_owned(), |c| format!("{n} {}", c.title(lang))))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_a_clause() {
        for rule in crate::rules::all() {
            let id = rule.meta().id;
            assert!(!clauses_of(id).is_empty(), "{id} has no ISO/IEC 20000-1 clause");
        }
    }

    #[test]
    fn every_clause_named_is_listed_once() {
        for (key, clauses) in MAPPING {
            assert!(!clauses.is_empty(), "{key} maps to nothing");
            for n in *clauses {
                assert!(find(n).is_some(), "{key} names {n}, which is not in CLAUSES");
            }
        }
        for (i, a) in CLAUSES.iter().enumerate() {
            assert!(CLAUSES[..i].iter().all(|b| b.number != a.number), "{} twice", a.number);
            assert!(CHAPTERS.iter().any(|(n, _, _)| *n == a.chapter()), "{} has no chapter", a.number);
        }
        for (i, (key, _)) in MAPPING.iter().enumerate() {
            assert!(MAPPING[..i].iter().all(|(k, _)| k != key), "{key} twice");
        }
    }

    /// Every clause of the spec's family table (rules.md, "Framework mapping").
    #[test]
    fn the_spec_table_is_covered() {
        let table = [
            "8.3.3", "8.3.4", "9.4", "8.6.1", "8.6.2", "8.6.3", "8.5.1", "7.5", "8.7.3", "9.2", "8.7.2", "8.7.1",
            "7.2", "7.3", "8.5.2", "8.3.2", "10.2", "10.1", "8.1", "6.2", "6.1", "9.3",
        ];
        for n in table {
            assert!(find(n).is_some(), "{n} of the spec's table is not listed");
        }
        assert_eq!(clauses_of("SUB-001"), ["8.3.4"]);
        assert_eq!(clauses_of("CON-009"), ["8.3.4"]);
        assert_eq!(clauses_of("CON-001"), ["8.3.3"]);
        assert_eq!(clauses_of("GIT-002"), ["7.5"]);
        assert_eq!(clauses_of("GEN-003"), ["7.5"]);
        assert_eq!(clauses_of("PLN-002"), ["8.1", "6.2"]);
        assert_eq!(clauses_of("RPT-002"), ["9.4"]);
        assert_eq!(clauses_of("NOPE-001"), [] as [&str; 0]);
    }

    #[test]
    fn cited_in_both_languages() {
        use crate::model::Lang;
        assert_eq!(cited("INC-004", Lang::En), "8.6.1 Incident management");
        assert_eq!(cited("AUD-001", Lang::ZhCn), "9.2 内部审核；8.7.3 信息安全管理");
    }
}
