//! GEN-002: every document names a known `kind`.

use crate::model::Severity;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen002;

static META: Meta = Meta {
    id: crate::load::documents::GEN_002,
    severity: Severity::Error,
    section: "§2.3",
    title_en: "Document has a known `kind`",
    title_zh: "文档须声明已知的记录类型 `kind`",
    explanation_en: "A record's kind comes from its `kind:` field, never from its folder, so that \
records can be arranged freely. A document without `kind`, or with a kind itos does not know, \
is reported at that field with the closest known kind.",
    explanation_zh: "记录类型由 `kind:` 字段决定，与所在目录无关，因此记录可以自由组织。缺少 `kind` \
或类型未知的文档会在该字段处报告，并给出最接近的已知类型。",
    failing: include_str!("../../../fixtures/GEN-002.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-002.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Load,
};

impl Rule for Gen002 {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _out: &mut Sink) {}
}
