//! The files `itos init` writes: itos.toml with every policy parameter and its default
//! (commented, in English and Chinese), one realistic record of every kind in its
//! conventional folder — dated on the day of `init`, when the example engagement's term
//! starts, so the scaffold validates clean; its `records_from` is `--records-from` (default:
//! that day) — JSON Schemas with editor settings, a GitHub
//! Actions workflow, a GitLab CI snippet. The Handover and the Waiver are written commented
//! out: a Handover switches the exit rules on, a Waiver must match a finding.
//!
//! The records and CI files are the files of `templates/init/` (included at compile time),
//! written to the same relative paths, with placeholders filled in: `__TODAY__`,
//! `__YYYYMMDD__`, `__YEAR__`, `__TERM_END__`, `__DUE__`, `__RECORDS_FROM__` (see `placeholders`).

use jiff::civil::Date;

use crate::config::Policy;
use crate::model::kinds::Kind;
use crate::rules;

/// Short descriptions of the policy parameters, for the commented itos.toml.
const PARAMS: &[(&str, &str, &str)] = &[
    (
        "retention_years",
        "keep closed changes, incidents, audits, restore tests and drills this many years",
        "已关闭的变更、事件及审计、恢复测试、演练记录的保存年限",
    ),
    (
        "termination_notice_days",
        "minimum notice before a termination takes effect (the contract may ask more)",
        "终止生效前的最短通知天数（合同可要求更长）",
    ),
    ("audit_interval_months", "an information-security audit at least this often", "信息安全审计的最长间隔（月）"),
    (
        "restore_test_interval_days",
        "a passed restore test at least this often (a BackupPolicy may override)",
        "恢复测试的最长间隔（天，备份策略可单独设置）",
    ),
    ("full_restore_interval_months", "a full restore test at least this often", "完整恢复测试的最长间隔（月）"),
    (
        "access_review_interval_months",
        "access reviews of every system at least this often",
        "各系统权限复核的最长间隔（月）",
    ),
    (
        "privileged_review_interval_months",
        "privileged-access reviews of critical systems at least this often",
        "关键系统特权账号复核的最长间隔（月）",
    ),
    ("exception_action_days", "days to act on an access-review exception", "权限复核异常的处理期限（天）"),
    (
        "security_training_interval_months",
        "security-awareness training at least this often",
        "安全意识培训的最长间隔（月）",
    ),
    (
        "onboarding_training_grace_days",
        "days after joining for onboarding training (0 = on or before joining)",
        "上岗前培训的宽限天数（0 表示入场当日或之前）",
    ),
    ("drill_interval_months", "an emergency drill per plan at least this often", "每份应急预案演练的最长间隔（月）"),
    ("plan_review_interval_months", "review each emergency plan at least this often", "应急预案评审的最长间隔（月）"),
    ("survey_interval_months", "a satisfaction survey at least this often", "满意度调查的最长间隔（月）"),
    ("major_review_workdays", "working days to review a major incident", "重大事件复盘的期限（工作日）"),
    ("major_report_minutes", "minutes to report a major incident to the managers", "重大事件上报的期限（分钟）"),
    (
        "stale_ticket_factor",
        "an open ticket older than this many times its resolution target is stale",
        "未关闭工单超过解决时限的倍数即视为积压",
    ),
    (
        "access_revocation_days",
        "days after leaving to revoke a leaver's access (0 = the leaving day)",
        "离场后回收权限的期限（天，0 表示离场当日）",
    ),
    ("urgent_feedback_days", "days an urgent feedback may stay open", "紧急反馈的处理期限（天）"),
    ("contract_expiry_warning_days", "warn this many days before the term ends", "合同到期前提前预警的天数"),
    (
        "service_report_workdays",
        "working days after a month to deliver its service report",
        "月度服务报告的提交期限（月末后工作日）",
    ),
    (
        "emergency_approval_workdays",
        "working days to complete the approvals of an emergency change",
        "紧急变更补办审批的期限（工作日）",
    ),
    (
        "handover_grace_days",
        "days after the effective date of a termination to close the exit",
        "终止生效后完成退出事项的宽限天数",
    ),
    (
        "plan_grace_days",
        "days after the term starts to have an approved service plan and a first risk assessment",
        "合同期开始后须有经批准的服务计划及首次风险评估的宽限天数",
    ),
    (
        "risk_assessment_interval_months",
        "a risk assessment of the engagement at least this often",
        "服务项目风险评估的最长间隔（月）",
    ),
    (
        "service_review_interval_months",
        "a service-review meeting with the customer at least this often",
        "与客户召开服务回顾会议的最长间隔（月）",
    ),
    (
        "appraisal_interval_months",
        "a performance appraisal of every person at least this often",
        "人员绩效考核的最长间隔（月）",
    ),
    (
        "report_confirmation_days",
        "days after delivery for the customer to confirm a service report",
        "服务报告交付后客户确认的期限（天）",
    ),
    (
        "certified_roles",
        "person roles that need a valid (unexpired) qualification, e.g. [\"dba\"]",
        "须持有有效资质（未过期）的人员角色，例如 [\"dba\"]",
    ),
    (
        "background_check_required",
        "a background check on or before joining; bank and insurer engagements should set it to true",
        "人员须在入场当日或之前完成背景调查；银行、保险机构的服务项目应设为 true",
    ),
    ("classification_levels", "data classification levels, lowest first", "数据分级级别（由低到高）"),
    ("encryption_required_from", "data at or above this level must be encrypted", "该级别及以上的数据必须加密"),
    ("customer_approval_classes", "change classes that also need the customer's approval", "需要甲方审批的变更类别"),
    ("approval_matrix", "per change class, the roles that must approve", "各变更类别的必需审批角色"),
    (
        "risk_approval_matrix",
        "per risk level, the roles that must approve on top of the class's",
        "各风险等级在变更类别之外另需的审批角色",
    ),
    ("standard_change_max_risk", "the highest risk level a standard change may have", "标准变更允许的最高风险等级"),
    (
        "standard_change_catalogue",
        "the standard-change catalogue a standard change's `standard_ref` must name (empty: none kept)",
        "标准变更目录，标准变更的 `standard_ref` 须指向其中条目（为空表示不设目录）",
    ),
    (
        "review_required_classes",
        "change classes whose implemented changes need a post-implementation review",
        "实施后须进行变更回顾的变更类别",
    ),
    (
        "risk_matrix",
        "risk level by likelihood (rows) and impact (columns), 1–5",
        "按可能性（行）和影响程度（列）确定的风险等级，1–5",
    ),
    (
        "priority_change",
        "how SLA clocks follow a re-prioritised ticket: final, highest or restart",
        "工单调整优先级后 SLA 时钟的计算方式：final（按最终优先级）、highest（按最高优先级）或 restart（自调整时重新计时）",
    ),
];

fn config(today: Date) -> String {
    let mut out = format!(
        "# itos configuration (itos.toml) — generated by `itos init` on {today}.\n\
# itos 配置文件，由 `itos init` 于 {today} 生成。\n\n\
format = 1\n\
default_engagement = \"example-ops\"\n\
# lang = \"zh-CN\"            # messages and headings in Chinese / 中文输出\n\
# as_of = \"2026-10-31\"      # judge a snapshot at a fixed day (default: today) / 固定评估日\n\
exclude = [\"drafts/**\"]\n\n\
[policy]\n\
# Every parameter with its default; uncomment to change. Rules using each are listed.\n\
# 以下为全部策略参数及默认值；取消注释即可修改。每项注明使用它的规则。\n"
    );
    let toml_text = toml::to_string(&Wrapper { policy: Policy::default() }).unwrap_or_default();
    let mut current: Option<&str> = None;
    for line in toml_text.lines() {
        if line.trim().is_empty() || line == "[policy]" {
            continue;
        }
        // A table parameter (`[policy.approval_matrix]`) is described at its header.
        let key = match line.strip_prefix("[policy.").and_then(|l| l.strip_suffix(']')) {
            Some(table) => table,
            None => line.split('=').next().unwrap_or("").trim(),
        };
        if let Some((name, en, zh)) = PARAMS.iter().find(|(n, _, _)| *n == key)
            && current != Some(*name)
        {
            current = Some(name);
            let used: Vec<&str> =
                rules::all().iter().filter(|r| r.meta().params.contains(name)).map(|r| r.meta().id).collect();
            out.push_str(&format!("\n# {en} ({})\n# {zh}\n", used.join(", ")));
        }
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(
        "\n[rules]\n# \"GEN-008\" = \"off\"       # or \"warning\" / \"error\"; 关闭规则或调整级别\n\n\
[limits]\n# max_file_bytes = 67108864   # see docs/record-format.md / 读取限制\n\n\
[report]\n# prepared_by = \"张伟\"          # on the cover of `itos report monthly` / 服务报告封面的编制人\n",
    );
    out
}

#[derive(serde::Serialize)]
struct Wrapper {
    policy: Policy,
}

/// The schema file of a kind, relative to the repository root.
fn schema_path(kind: Kind) -> String {
    format!(".itos/schemas/{}.schema.json", crate::model::schema::file_stem(kind))
}

/// A record file with its editor modeline (the schema path relative to the file).
fn record(path: &str, kind: Kind, body: &str) -> (String, String) {
    let depth = path.matches('/').count();
    let up = "../".repeat(depth);
    (path.to_owned(), format!("# yaml-language-server: $schema={up}{}\n{body}", schema_path(kind)))
}

/// The end of the example engagement's two-year term starting on `today`.
pub fn term_end(today: Date) -> Date {
    today.checked_add(jiff::Span::new().years(2)).and_then(|d| d.yesterday()).unwrap_or(today)
}

/// A template under `templates/init/`, by the path the scaffold writes it to.
macro_rules! template {
    ($path:literal) => {
        ($path, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/init/", $path)))
    };
    ($path:literal, $kind:ident) => {
        ($path, Kind::$kind, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/init/", $path)))
    };
}

/// One example record of every kind but Handover and Waiver, `(path, kind, template)`: each
/// file of `templates/init/` is written to the same path below the new repository, after an
/// editor modeline, with its placeholders filled in ([`fill`]).
const RECORDS: &[(&str, Kind, &str)] = &[
    template!("engagements/example-ops.yaml", Engagement),
    template!("slas/service-desk.yaml", Sla),
    template!("calendars/office-hours.yaml", Calendar),
    template!("systems/systems.yaml", System),
    template!("data/assets.yaml", DataAsset),
    template!("people/staff.yaml", Person),
    template!("trainings/onboarding.yaml", Training),
    template!("incidents/first.yaml", Incident),
    template!("problems/problems.yaml", Problem),
    template!("changes/first.yaml", Change),
    template!("audits/first.yaml", Audit),
    template!("backups/policies.yaml", BackupPolicy),
    template!("backups/restore-tests.yaml", RestoreTest),
    template!("access/reviews.yaml", AccessReview),
    template!("surveys/first.yaml", Survey),
    template!("feedback/first.yaml", Feedback),
    template!("improvements/first.yaml", Improvement),
    template!("emergency/plan.yaml", EmergencyPlan),
    template!("emergency/drills.yaml", Drill),
    template!("acceptance/first.yaml", Acceptance),
    template!("reports/monthly.yaml", ServiceReport),
    template!("plans/service-plan.yaml", ServicePlan),
    template!("risks/assessment.yaml", RiskAssessment),
    template!("meetings/kickoff.yaml", Meeting),
    template!("appraisals/first.yaml", Appraisal),
    template!("subcontractors/first.yaml", Subcontractor),
];

/// Written like [`RECORDS`], but commented out (their templates are): a Handover switches the
/// exit rules on, a Waiver must match a finding. The editor settings do not map their folders.
const COMMENTED_OUT: &[(&str, Kind, &str)] = &[
    template!("handover/exit.yaml", Handover),
    template!("waivers/example.yaml", Waiver),
    template!("amendments/example.yaml", Amendment),
];

/// The CI files: they run the release of this itos from where it is published (no compiling).
const CI: &[(&str, &str)] = &[template!(".github/workflows/itos.yml"), template!(".gitlab/itos-ci.yml")];

/// The placeholders of the CI files: the GitHub repository itos is released from
/// (`owner/name`) and the release tag of this build.
fn ci_placeholders() -> [(&'static str, String); 2] {
    [("__ITOS_REPOSITORY__", super::home::repository().to_owned()), ("__ITOS_VERSION__", super::home::release_tag())]
}

/// The placeholders of the templates and what replaces them, for an engagement whose term
/// starts on `today` and whose records begin on `records_from`.
fn placeholders(today: Date, records_from: Date) -> [(&'static str, String); 6] {
    let due = today.checked_add(jiff::Span::new().months(2)).unwrap_or(today);
    [
        // The day of `init`, compact (`20261031`), in record ids.
        ("__YYYYMMDD__", today.strftime("%Y%m%d").to_string()),
        // The day of `init`: the term starts, and the example records happen, on it.
        ("__TODAY__", today.to_string()),
        // The last day of the two-year term.
        ("__TERM_END__", term_end(today).to_string()),
        // Two months after `today`: the open problem's and improvement's due date.
        ("__DUE__", due.to_string()),
        // `--records-from` (default: `today`).
        ("__RECORDS_FROM__", records_from.to_string()),
        // The year of `today`, in the contract number.
        ("__YEAR__", today.year().to_string()),
    ]
}

/// A template with its placeholders filled in.
fn fill(template: &str, values: &[(&'static str, String)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| text.replace(name, value))
}

/// Every file of the scaffold, `(path, text)`, for an engagement starting on `today` whose
/// records begin on `records_from`.
pub fn files(today: Date, records_from: Date) -> Vec<(String, String)> {
    let values = placeholders(today, records_from);
    let mut out = vec![("itos.toml".to_owned(), config(today))];
    for (path, kind, template) in RECORDS.iter().chain(COMMENTED_OUT) {
        out.push(record(path, *kind, &fill(template, &values)));
    }
    for kind in Kind::ALL {
        let schema = crate::model::schema::kind_schema(*kind);
        out.push((schema_path(*kind), serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"));
    }
    out.push((".vscode/settings.json".to_owned(), vscode(RECORDS)));
    let ci_values = ci_placeholders();
    out.extend(CI.iter().map(|(path, text)| ((*path).to_owned(), fill(text, &ci_values))));
    out
}

fn vscode(records: &[(&str, Kind, &str)]) -> String {
    let mut map = serde_json::Map::new();
    for (path, kind, _) in records {
        let folder = path.split('/').next().unwrap_or("");
        let entry = map.entry(schema_path(*kind)).or_insert_with(|| serde_json::json!([]));
        if let Some(list) = entry.as_array_mut() {
            list.push(serde_json::json!(format!("{folder}/**/*.yaml")));
        }
    }
    let doc = serde_json::json!({"yaml.schemas": map, "yaml.validate": true});
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled_and_every_kind_has_a_template() {
        let files = files(jiff::civil::date(2026, 10, 31), jiff::civil::date(2026, 1, 15));
        for (path, text) in &files {
            assert!(!text.contains("__"), "{path} keeps a placeholder");
        }
        for kind in Kind::ALL {
            assert!(RECORDS.iter().chain(COMMENTED_OUT).any(|(_, k, _)| k == kind), "no template for {kind:?}");
        }
        let engagement = &files.iter().find(|(p, _)| p == "engagements/example-ops.yaml").unwrap().1;
        assert!(engagement.contains("term: {start: 2026-10-31, end: 2028-10-30}"), "{engagement}");
        assert!(engagement.contains("records_from: 2026-01-15 "), "{engagement}");
        assert!(engagement.contains("contract_no: EX-IT-2026-001\n"), "{engagement}");
    }
}
