//! GEN-001: the file can be read as YAML within the limits.

use crate::model::Severity;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen001;

static META: Meta = Meta {
    id: crate::load::yaml::GEN_001,
    severity: Severity::Error,
    section: "§2.3",
    title_en: "File is valid UTF-8 YAML within the limits",
    title_zh: "文件须为有效的 UTF-8 YAML 且不超出限制",
    explanation_en: "Records are evidence: a file that cannot be read is evidence that cannot be \
checked. itos reports the first position where reading failed — a YAML syntax error, a byte \
that is not UTF-8, a NUL byte, a duplicate key, a symbolic link leaving the repository, or a \
file over a `[limits]` value (size, nesting depth, alias expansion, documents, batch items) — \
and still checks every other file.",
    explanation_zh: "记录即佐证材料：无法读取的文件无从检查。itos 指出读取失败的第一个位置——YAML 语法\
错误、非 UTF-8 字节、NUL 字节、重复的键、指向仓库之外的符号链接，或超出 `[limits]` 限制（文件大小、嵌\
套深度、别名展开、文档数、批量条目数）——并继续检查其他所有文件。",
    failing: include_str!("../../../fixtures/GEN-001.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-001.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Load,
};

impl Rule for Gen001 {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _out: &mut Sink) {}
}
