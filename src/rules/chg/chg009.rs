//! CHG-009: a closed change is not edited afterwards.

use crate::model::{Kind, Severity};
use crate::rules::git::report_rewrites;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Chg009;

static META: Meta = Meta {
    id: "CHG-009",
    severity: Severity::Error,
    section: "§6.5",
    title_en: "A closed change is not edited afterwards",
    title_zh: "已关闭的变更记录不得再修改",
    explanation_en: "A change record is the evidence of what was approved and done (§6.5, 变更记录与归档). Once its `status` is `closed`, any later commit that changes its content — compared as parsed values, so re-indenting or moving it to another file does not count — is reported with the commit, its author and date, at the changed field. Notes may be added under `x-` keys. Needs git history; skipped with a note under `--no-git` or outside a git repository.",
    explanation_zh: "变更记录是审批与实施情况的证据（§6.5，变更记录与归档）。状态 `status` 为已关闭（`closed`）后，凡修改其内容的提交（按解析后的值比较，调整缩进或移到其他文件不算修改），均予以报告，并指明提交、作者、日期及被修改的字段。补充说明可写在 `x-` 字段中。本规则需要 Git 历史；使用 `--no-git` 或不在 Git 仓库中运行时跳过，并给出提示。",
    failing: include_str!("../../../fixtures/CHG-009.failing.yaml"),
    passing: include_str!("../../../fixtures/CHG-009.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Chg009 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        report_rewrites(cx, out, &[Kind::Change]);
    }
}
