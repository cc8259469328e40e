//! GEN-009: `exclude` in itos.toml does not hide files that held records (assurance.md).

use crate::model::Severity;
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen009;

/// Files named in the message; the rest are counted.
const SHOWN: usize = 10;

static META: Meta = Meta {
    id: "GEN-009",
    severity: Severity::Warning,
    section: "§2.3, §6.5",
    title_en: "`exclude` does not hide files that held records",
    title_zh: "`exclude` 不得隐藏曾保存记录的文件",
    explanation_en: "`exclude` in itos.toml keeps files out of every check and figure. It is meant for \
drafts and tooling files; a glob that matches a file which held records at any commit of the git \
history hides those records from the checks and the SLA figures, and the customer would not see \
it. itos warns at the glob and lists the files. Move drafts to a folder of their own, or remove \
the glob.",
    explanation_zh: "itos.toml 中的 `exclude` 使文件不参与任何检查和计算，用于草稿和工具文件。某个通配符\
若匹配到在 Git 历史任一提交中保存过记录的文件，这些记录就被排除在检查和 SLA 指标之外，而客户无从察觉。\
itos 在该通配符处警告并列出这些文件。请将草稿移入单独的文件夹，或删除该通配符。",
    failing: include_str!("../../../fixtures/GEN-009.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-009.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::History,
};

impl Rule for Gen009 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for hidden in &cx.repo.hidden {
            let glob = hidden.glob.as_str();
            let n = hidden.files.len();
            let mut list = hidden.files.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
            if n > SHOWN {
                let more = n - SHOWN;
                list = format!("{list} … (+{more})");
            }
            out.report(
                hidden.span,
                msg!(
                    "`exclude` glob `{glob}` hides {n} file(s) that held records in the git history: {list}",
                    "`exclude` 通配符 `{glob}` 隐藏了 {n} 个在 Git 历史中保存过记录的文件：{list}"
                ),
            )
            .help = Some(msg!(
                "records are never excluded: remove the glob, or keep drafts in a folder that never held records",
                "记录不得被排除：请删除该通配符，或将草稿放在从未保存过记录的文件夹中"
            ));
        }
    }
}
