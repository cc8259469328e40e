//! GIT-004: a delivered report's records are not rewritten (assurance.md).

use crate::load::HistoryState;
use crate::load::reports::Problem;
use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Git004;

static META: Meta = Meta {
    id: "GIT-004",
    severity: Severity::Error,
    section: "§2.3, §6.5",
    title_en: "A delivered report's records are not rewritten",
    title_zh: "已提交报告所依据的记录不得改写",
    explanation_en: "A ServiceReport records the commit its report was produced from (`commit`) and the \
digest of its inputs (`inputs_sha256`, printed by `itos report monthly` in its hint). That commit must \
stay in the history of HEAD — a `git commit --amend`, rebase or force-push after delivery takes it \
out — and the records at it must still hash to the digest. Either failing means the figures the \
customer signed can no longer be reproduced from the repository. Needs git history.",
    explanation_zh: "服务报告记录（`ServiceReport`）记载报告所依据的提交（`commit`）及输入摘要（`inputs_sha256`，\
由 `itos report monthly` 在提示中给出）。该提交必须始终在当前版本（`HEAD`）的历史中（交付后执行 `git commit --amend`、\
变基或强制推送会使其脱离历史），且该提交中的记录须仍能得出同一摘要。任一不满足，即无法再从仓库复现客户签字\
确认的数据。本规则需要 Git 历史。",
    failing: include_str!("../../../fixtures/GIT-004.failing.yaml"),
    passing: include_str!("../../../fixtures/GIT-004.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: true,
    stage: Stage::History,
};

impl Rule for Git004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let HistoryState::Read(_) = &cx.repo.history else { return };
        out.checked();
        for r in &cx.repo.report_commits {
            let (id, commit) = (r.report.as_str(), r.commit.as_str());
            let (span, message) = match &r.problem {
                Problem::NotAnId => (
                    r.span,
                    msg!(
                        "ServiceReport {id}: `commit` `{commit}` is not a commit id (7 to 40 hexadecimal digits)",
                        "服务报告 {id}：`commit` `{commit}` 不是提交编号（7 至 40 位十六进制数字）"
                    ),
                ),
                Problem::Unknown => (
                    r.span,
                    msg!(
                        "ServiceReport {id}: commit {commit} is not in this repository; the history the report was produced from was rewritten, or this clone lacks it",
                        "服务报告 {id}：提交 {commit} 不在本仓库中；报告所依据的历史已被改写，或本克隆不含该提交"
                    ),
                ),
                Problem::NotAncestor => (
                    r.span,
                    msg!(
                        "ServiceReport {id}: commit {commit} is not an ancestor of HEAD: the history was rewritten after the report was delivered",
                        "服务报告 {id}：提交 {commit} 不是 HEAD 的祖先：报告交付后历史被改写"
                    ),
                ),
                Problem::Differs { recorded, actual, at } => {
                    let (recorded, actual) = (short(recorded), short(actual));
                    (
                        *at,
                        msg!(
                            "ServiceReport {id}: the records at commit {commit} hash to {actual}…, not to the recorded {recorded}…",
                            "服务报告 {id}：提交 {commit} 中的记录摘要为 {actual}…，与记载的 {recorded}… 不符"
                        ),
                    )
                }
            };
            out.report(span, message).record(Kind::ServiceReport, id);
        }
    }
}

/// The first 12 digits of a digest.
fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}
