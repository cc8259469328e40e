//! CHG-010: a change record is kept for the retention period.

use crate::model::{Kind, Severity};
use crate::rules::git::report_deletions;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg010;

static META: Meta = Meta {
    id: "CHG-010",
    severity: Severity::Error,
    section: "§6.5",
    title_en: "A change record is kept for the retention period",
    title_zh: "变更记录须在保存期内保留",
    explanation_en: "Change records are archived for audit (§6.5): deleting one from the repository less than `retention_years` (5 by default) after its `closed_at` is reported with the deleting commit, its author and date; a change deleted before it was ever closed is reported too. Renaming or moving the file is not a deletion. Needs git history; skipped with a note under `--no-git` or outside a git repository.",
    explanation_zh: "变更记录须归档备查（§6.5）：在 `closed_at` 后未满 `retention_years`（默认 5 年）即从仓库删除的，报告删除该记录的提交、作者和日期；尚未关闭即被删除的变更，同样予以报告。重命名或移动文件不属于删除。本规则需要 Git 历史；使用 `--no-git` 或不在 Git 仓库中运行时跳过，并给出提示。",
    failing: include_str!("../../../fixtures/CHG-010.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-010.passing.yaml"),
    params: &["retention_years"],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Chg010 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        report_deletions(cx, out, &[Kind::Change]);
    }
}
