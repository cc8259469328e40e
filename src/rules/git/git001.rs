//! GIT-001: records of the past are not rewritten.

use crate::model::{Kind, Severity};
use crate::rules::git::report_rewrites;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Git001;

static META: Meta = Meta {
    id: "GIT-001",
    severity: Severity::Error,
    section: "§3.3, §6.5",
    title_en: "Records of the past are not rewritten",
    title_zh: "历史记录不得改写",
    explanation_en: "Closed incidents, audits whose findings are all closed or accepted, restore tests and drills are evidence of what happened (§3.3, §6.5). A commit that changes such a record afterwards — compared as parsed values ignoring `x-` keys, across files and renames — is reported with the commit, its author and date, at the changed field. Restore tests and drills are final from their first commit. Needs git history; skipped with a note under `--no-git` or outside a git repository.",
    explanation_zh: "已关闭的事件、发现项已全部关闭或接受的审计、备份恢复测试和应急演练，都是既成事实的证据（§3.3、§6.5）。此后修改此类记录的提交（按解析后的值比较，忽略 `x-` 字段，跨文件和重命名跟踪）予以报告，并指明提交、作者、日期及被修改的字段。备份恢复测试和应急演练自首次提交起即视为定稿。本规则需要 Git 历史；使用 `--no-git` 或不在 Git 仓库中运行时跳过，并给出提示。",
    failing: include_str!("../../../fixtures/GIT-001.failing.yaml"),
    passing: include_str!("../../../fixtures/GIT-001.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Git001 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        report_rewrites(cx, out, &[Kind::Incident, Kind::Audit, Kind::RestoreTest, Kind::Drill]);
    }
}
