//! GIT-002: records of the past are kept for the retention period.

use crate::model::{Kind, Severity};
use crate::rules::git::report_deletions;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Git002;

static META: Meta = Meta {
    id: "GIT-002",
    severity: Severity::Error,
    section: "§3.3, §3.4, §6.5",
    title_en: "Records of the past are kept for the retention period",
    title_zh: "历史记录须在保存期内保留",
    explanation_en: "Incidents, audits, restore tests and drills are kept for `retention_years` (5 by default) after their own date (`closed_at`, `performed_at`, `held_at`) (§3.3, §3.4, §6.5). A commit that deletes one earlier is reported with its author and date; moving a record to another file or renaming the file is not a deletion. Needs git history; skipped with a note under `--no-git` or outside a git repository.",
    explanation_zh: "事件、审计、备份恢复测试和应急演练，须自其自身日期（`closed_at`、`performed_at`、`held_at`）起保存 `retention_years`（默认 5 年）（§3.3、§3.4、§6.5）。提前删除记录的提交予以报告，并指明作者和日期；把记录移到其他文件或重命名文件不属于删除。本规则需要 Git 历史；使用 `--no-git` 或不在 Git 仓库中运行时跳过，并给出提示。",
    failing: include_str!("../../../fixtures/GIT-002.failing.yaml"),
    passing: include_str!("../../../fixtures/GIT-002.passing.yaml"),
    params: &["retention_years"],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Git002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        report_deletions(cx, out, &[Kind::Incident, Kind::Audit, Kind::RestoreTest, Kind::Drill]);
    }
}
