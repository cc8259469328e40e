//! GEN-004: ids are unique within a kind.

use crate::model::{Kind, Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen004;

static META: Meta = Meta {
    id: "GEN-004",
    severity: Severity::Error,
    section: "§2.3, §6.5",
    title_en: "Record ids are unique within their kind",
    title_zh: "同类记录的编号不得重复",
    explanation_en: "Records refer to each other by id, and waivers, reports and the git history \
track records by kind and id. Two records of one kind with the same id make every such \
reference ambiguous, so the second definition is reported, pointing at the first.",
    explanation_zh: "记录之间通过编号互相引用，例外审批、报告和 Git 历史也按类型和编号追踪记录。同类\
记录编号重复，所有引用都会产生歧义，因此在第二处定义处报告，并指向第一处。",
    failing: include_str!("../../../fixtures/GEN-004.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-004.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Records,
};

impl Rule for Gen004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        out.evaluated = cx.records.len();
        for dup in &cx.index.duplicates {
            let (kind, id) = (dup.kind, dup.id.as_str());
            let kind_zh = kind.zh();
            let place = cx
                .repo
                .sources
                .locate(dup.first)
                .map_or(String::new(), |(f, lc, _)| format!("{}:{}:{}", f.display, lc.line, lc.col));
            out.report(
                dup.again,
                msg!(
                    "duplicate {kind} id `{id}`; it is already defined at {place}",
                    "{kind_zh}编号 `{id}` 重复；已在 {place} 定义"
                ),
            )
            .label(dup.first, msg!("first defined here", "首次定义于此"))
            .record(kind, id);
        }
        // Nested ids (audit findings, leftover issues) are unique within their parent record.
        for audit in &cx.records.audits {
            let nested = audit.findings.iter().map(|f| &f.id);
            nested_duplicates(nested, Kind::Audit, &audit.id.value, "finding", "审计发现", out);
        }
        for handover in &cx.records.handovers {
            let nested = handover.leftover_issues.iter().map(|i| &i.id);
            nested_duplicates(nested, Kind::Handover, &handover.id.value, "leftover issue", "遗留问题", out);
        }
    }
}

fn nested_duplicates<'a>(
    ids: impl Iterator<Item = &'a Sp<String>>,
    kind: Kind,
    parent: &str,
    what_en: &str,
    what_zh: &str,
    out: &mut Sink,
) {
    let mut seen: Vec<&Sp<String>> = Vec::new();
    for id in ids {
        if let Some(first) = seen.iter().find(|s| s.value == id.value) {
            let (nid, kind_zh) = (id.value.as_str(), kind.zh());
            out.report(
                id.span,
                msg!(
                    "duplicate {what_en} id `{nid}` in {kind} `{parent}`",
                    "{kind_zh} `{parent}` 中的{what_zh}编号 `{nid}` 重复"
                ),
            )
            .label(first.span, msg!("first defined here", "首次定义于此"))
            .record(kind, parent);
        } else {
            seen.push(id);
        }
    }
}
