//! Text → YAML node trees, one per document, with a span on every node and key. Enforces the
//! `[limits]` (depth, nodes, alias expansion, documents) and reports every problem as a
//! GEN-001 finding at its position; documents completed before a syntax error are kept.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, StrInput};

use crate::config::Limits;
use crate::model::finding::{MAX_FINDINGS_PER_RULE_IN_FILE, Omitted};
use crate::model::node::{Entry, Node, Style, Value};
use crate::model::{FileId, Finding, Msg, Severity, Span};
use crate::msg;

pub const GEN_001: &str = "GEN-001";

/// The documents of one file and the problems met while reading it.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    pub documents: Vec<Node<'a>>,
    /// At most [`MAX_FINDINGS_PER_RULE_IN_FILE`]: a hostile file cannot fill the memory.
    pub findings: Vec<Finding>,
    /// The findings left out beyond that.
    pub omitted: Option<Omitted>,
}

impl Parsed<'_> {
    fn report(&mut self, finding: Finding) {
        if self.findings.len() < MAX_FINDINGS_PER_RULE_IN_FILE {
            self.findings.push(finding);
        } else {
            Omitted::add(&mut self.omitted, finding.rule, finding.severity, finding.span);
        }
    }
}

enum Frame<'a> {
    Seq { start: usize, anchor: usize, items: Vec<Node<'a>> },
    Map { start: usize, anchor: usize, entries: Vec<Entry<'a>>, key: Option<(Cow<'a, str>, Span)>, bad_key: bool },
}

pub fn gen001(file: FileId, start: usize, end: usize, message: Msg) -> Finding {
    Finding::new(GEN_001, Severity::Error, Span::new(file, start, end), message)
}

struct Builder<'a, 'l> {
    file: FileId,
    limits: &'l Limits,
    stack: Vec<Frame<'a>>,
    /// Copies of the anchored nodes that an alias uses, with their node counts.
    anchors: HashMap<usize, (Node<'a>, u64)>,
    /// Anchors that some alias of the current document uses (known once the document has
    /// been read ahead, which happens at its first anchor): no other anchor is copied.
    used: HashSet<usize>,
    nodes: u64,
    alias_nodes: u64,
    out: Parsed<'a>,
}

impl<'a> Builder<'a, '_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn error(&mut self, start: usize, end: usize, message: Msg) {
        self.out.report(gen001(self.file, start, end, message));
    }

    /// Attach a finished node to its parent (or make it the document root).
    fn push(&mut self, node: Node<'a>, anchor: usize) {
        if anchor != 0 && self.used.contains(&anchor) {
            // The copy counts as alias expansion: it is made for the aliases only.
            let size = node.count() as u64;
            self.alias_nodes += size;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.out.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, bad_key, .. }) => {
                if *bad_key {
                    *bad_key = false;
                } else if let Some((k, key_span)) = key.take() {
                    entries.push(Entry { key: k, key_span, value: node });
                } else if let Value::Scalar(text, _) = node.value {
                    *key = Some((text, node.span));
                } else {
                    *bad_key = true;
                    let span = node.span;
                    self.out.report(Finding::new(
                        GEN_001,
                        Severity::Error,
                        span,
                        msg!(
                            "a mapping key must be plain text, not a list or mapping",
                            "映射的键必须是文本，不能是列表或映射"
                        ),
                    ));
                }
            }
        }
    }

    fn count_node(&mut self, start: usize, end: usize) -> bool {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes_per_file {
            let max = self.limits.max_nodes_per_file;
            self.error(
                start,
                end,
                msg!(
                    "file has more than {max} YAML nodes (limits.max_nodes_per_file); split it or raise the limit",
                    "文件的 YAML 节点超过 {max} 个（`limits.max_nodes_per_file`）；请拆分文件或调高限制"
                ),
            );
            return false;
        }
        true
    }

    fn finish_map(&mut self, start: usize, end_hint: usize, anchor: usize, mut entries: Vec<Entry<'a>>) {
        merge_keys(&mut entries, self.file, &mut self.out);
        report_duplicates(&mut entries, &mut self.out);
        let end = entries.last().map_or(end_hint, |e| e.value.span.end as usize).max(start);
        let node = Node { span: self.span(start, end), value: Value::Map(entries) };
        self.push(node, anchor);
    }
}

/// Apply YAML merge keys (`<<: *base` or `<<: [*a, *b]`): copy entries the mapping does not
/// define itself. Earlier sources win over later ones, own keys over all.
fn merge_keys<'a>(entries: &mut Vec<Entry<'a>>, file: FileId, findings: &mut Parsed<'_>) {
    if !entries.iter().any(|e| e.key == "<<") {
        return;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = entries.drain(..).partition(|e| e.key == "<<");
    // Keys already present, indexed: a merge is linear in the entries it copies.
    let mut present: HashSet<Cow<'a, str>> = own.iter().map(|e| e.key.clone()).collect();
    for merge in merges {
        let sources: Vec<Node<'a>> = match merge.value.value {
            Value::Map(_) => vec![merge.value],
            Value::Seq(items) => items,
            Value::Scalar(..) => {
                findings.report(gen001(
                    file,
                    merge.value.span.start as usize,
                    merge.value.span.end as usize,
                    msg!(
                        "a merge key `<<` takes a mapping or a list of mappings",
                        "合并键 `<<` 的值必须是映射或映射列表"
                    ),
                ));
                continue;
            }
        };
        for source in sources {
            match source.value {
                Value::Map(src_entries) => {
                    for e in src_entries {
                        if present.insert(e.key.clone()) {
                            own.push(e);
                        }
                    }
                }
                _ => findings.report(gen001(
                    file,
                    source.span.start as usize,
                    source.span.end as usize,
                    msg!(
                        "a merge key `<<` takes a mapping or a list of mappings",
                        "合并键 `<<` 的值必须是映射或映射列表"
                    ),
                )),
            }
        }
    }
    *entries = own;
}

/// Duplicate keys are an error in YAML; the first one is kept. Records' mappings are small:
/// a linear scan beats hashing up to a few dozen keys, and large mappings use a map.
fn report_duplicates(entries: &mut Vec<Entry<'_>>, findings: &mut Parsed<'_>) {
    let mut dups = Vec::new();
    if entries.len() <= 32 {
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = entries[..i].iter().find(|f| f.key == e.key) {
                dups.push((i, first.key_span));
            }
        }
    } else {
        let mut seen: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = seen.get(e.key.as_ref()) {
                dups.push((i, *first));
            } else {
                seen.insert(e.key.as_ref(), e.key_span);
            }
        }
    }
    if dups.is_empty() {
        return;
    }
    // One pass keeps the first of every key (no shifting per duplicate); the findings are
    // reported last duplicate first, as before.
    let mut removed = Vec::with_capacity(dups.len());
    let mut next = dups.iter().map(|&(i, _)| i).peekable();
    let mut i = 0;
    entries.retain_mut(|e| {
        let drop = next.next_if_eq(&i).is_some();
        i += 1;
        if drop {
            removed.push((std::mem::take(&mut e.key), e.key_span));
        }
        !drop
    });
    for ((key, key_span), &(_, first)) in removed.into_iter().zip(dups.iter()).rev() {
        findings.report(
            Finding::new(
                GEN_001,
                Severity::Error,
                key_span,
                msg!("duplicate key `{key}`; the first one is used", "重复的键 `{key}`；以第一个为准"),
            )
            .with_label(first, msg!("first defined here", "首次定义于此")),
        );
    }
}

/// The anchor an event defines (0: none).
fn anchor_of(event: &Result<(Event<'_>, granit_parser::Span), granit_parser::ScanError>) -> usize {
    match event {
        Ok((
            Event::Scalar(_, _, anchor, _) | Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _),
            _,
        )) => *anchor,
        _ => 0,
    }
}

/// A parser error as a finding message: the parser's English text as is, and a Chinese
/// sentence per error kind (the parser only speaks English). Kinds added by a later parser
/// version fall back to a generic sentence that keeps the English text, so nothing is lost.
fn syntax_message(kind: &ErrorKind) -> Msg {
    let reason = kind.to_string();
    let zh = syntax_zh(kind).unwrap_or_else(|| format!("解析器无法读取此处（原文：{reason}）"));
    Msg::new(format!("invalid YAML: {reason}"), format!("YAML 语法错误：{zh}"))
}

/// The Chinese wording of one parser error kind; `None` for kinds without one.
fn syntax_zh(kind: &ErrorKind) -> Option<String> {
    use ErrorKind as K;
    let text = match kind {
        K::InputIo { error } => format!("读取输入时出错（{error}）"),
        K::InputDecoding { message } => format!("输入无法解码（{message}）"),
        K::InputByteLimitExceeded { limit } => format!("输入超过了 {limit} 字节的上限"),
        K::UnexpectedEofFlowSequence => "方括号“[”中的序列未结束，文件就已结束".into(),
        K::UnexpectedEofFlowMapping => "花括号“{”中的映射未结束，文件就已结束".into(),
        K::UnexpectedEofImplicitFlowMapping => "括号内的键值对未结束，文件就已结束".into(),
        K::UnexpectedEofBlockSequence => "列表（“-”条目）未结束，文件就已结束".into(),
        K::UnexpectedEofBlockMapping => "映射（键值对）未结束，文件就已结束".into(),
        K::UnexpectedEof => "文件意外结束".into(),
        K::ExpectedStreamStart => "找不到 YAML 流的开头".into(),
        K::DuplicateVersionDirective => "`%YAML` 版本指令重复".into(),
        K::UnsupportedYamlMajorVersion => "不支持该 YAML 主版本号".into(),
        K::DuplicateTagDirective => "同一文档中，同一标签句柄的 `%TAG` 指令只能出现一次".into(),
        K::ExpectedDocumentStart => "此处应为文档开始标记“---”".into(),
        K::MissingDocumentEndBeforeDirective => "指令之前缺少文档结束标记“...”".into(),
        K::AnchorCountOverflow => "锚点数量超出上限".into(),
        K::UnknownAnchor => "引用了未定义的锚点".into(),
        K::ExpectedNodeContent => "此处应有内容（值、列表或映射），但没有找到".into(),
        K::ExpectedBlockMappingKey => "映射中此处应为键（可能是缩进不一致）".into(),
        K::ExpectedFlowMappingSeparator => "花括号映射中此处应为“,”或“}”".into(),
        K::ExpectedFlowSequenceSeparator => "方括号序列中此处应为“,”或“]”".into(),
        K::ExpectedBlockSequenceEntry => "列表中此处应为“-”条目（可能是缩进不一致）".into(),
        K::UndeclaredTagHandle => "标签句柄未声明".into(),
        K::MissingIncludeResolver => "未设置文件包含解析器".into(),
        K::MultipleDocumentsUnsupported => "此处不支持多个文档".into(),
        K::InputOffsetsWithoutSlice | K::InputSlicingUnavailable => "解析器内部错误".into(),
        K::ExpectedTagBang => "标签中缺少“!”".into(),
        K::ExpectedTagDirectiveBang => "`%TAG` 指令中缺少“!”".into(),
        K::InvalidGlobalTagCharacter => "全局标签中有无效字符".into(),
        K::SimpleKeyExpected => "键后面应为“:”".into(),
        K::InvalidSimpleKey => "键不能跨行，且不能超过 1024 个字符".into(),
        K::InvalidDocumentEnd => "文档结束标记“...”之后有多余内容".into(),
        K::InvalidIndentation => "缩进不正确".into(),
        K::BomInsideDocument => "文档中间不能出现字节顺序标记（BOM）".into(),
        K::UnexpectedCharacter { character } => format!("意外的字符“{}”", character.escape_default()),
        K::TabNotAllowed => "此处不能使用制表符".into(),
        K::TabInBlockIndentation | K::TabInIndentation => "缩进不能使用制表符，请改用空格".into(),
        K::CommentInterceptedScalar => "多行文本被注释打断".into(),
        K::ExpectedWhitespace => "此处应为空格".into(),
        K::CommentNotSeparated => "注释符“#”前须有空格".into(),
        K::InvalidDirectiveTerminator => "指令后应为注释或换行".into(),
        K::DirectiveDisallowed => "不允许使用 YAML 指令".into(),
        K::MissingYamlVersionSeparator => "`%YAML` 指令的版本号中应为数字或“.”".into(),
        K::MissingDirectiveName => "指令缺少名称".into(),
        K::InvalidDirectiveName => "指令名称中有非字母字符".into(),
        K::DirectiveByteLimitExceeded { limit } => format!("指令超过了 {limit} 字节的上限"),
        K::TooManyReservedDirectiveParams { limit } => format!("保留指令的参数超过了 {limit} 个的上限"),
        K::YamlVersionTooLong => "`%YAML` 指令的版本号过长".into(),
        K::MissingYamlVersion => "`%YAML` 指令缺少版本号".into(),
        K::InvalidTagDirectiveTerminator => "`%TAG` 指令后应为空格或换行".into(),
        K::InvalidTagTerminator => "标签后应为空格或换行".into(),
        K::MissingTagUri => "标签缺少标签地址".into(),
        K::UnclosedVerbatimTag => "原样标签缺少结尾的“>”".into(),
        K::InvalidTagEscape => "标签中有无效的转义序列".into(),
        K::InvalidTagUtf8LeadingByte | K::InvalidTagUtf8TrailingByte | K::InvalidTagUtf8 => {
            "标签中有无效的 UTF-8 字符".into()
        }
        K::MissingAnchorOrAliasName => "锚点“&”或别名“*”后应为名称（字母或数字）".into(),
        K::MisplacedFlowCollectionEnd => "多余的右括号".into(),
        K::MismatchedFlowCollectionEnd { open, close } => format!("括号不匹配：“{open}”以“{close}”结束"),
        K::UnclosedFlowCollection { open } => {
            let name = if *open == '[' { "方括号" } else { "花括号" };
            format!("{name}“{open}”未闭合")
        }
        K::RecursionLimitExceeded => "嵌套层数超出上限".into(),
        K::BlockEntryInFlowCollection => "“-”条目只能用于缩进式列表，不能写在括号内".into(),
        K::BlockSequenceEntryNotAllowed => "此处不能出现列表条目“-”".into(),
        K::InvalidBlockEntryWhitespace => "“-”后面须有空格".into(),
        K::ZeroBlockScalarIndent => "多行文本的缩进指示符不能为 0".into(),
        K::InvalidBlockScalarHeader => "多行文本标记“|”或“>”后应为注释或换行".into(),
        K::TabAtBlockScalarStart => "多行文本不能以制表符开头".into(),
        K::InvalidBlockScalarIndent => "多行文本中有一行缩进不正确".into(),
        K::DocumentIndicatorInQuotedScalar => "引号内的文本中出现了文档标记“---”或“...”".into(),
        K::UnclosedQuotedScalar => "引号未闭合".into(),
        K::InvalidQuotedScalarIndent => "引号内的多行文本缩进不正确".into(),
        K::InvalidTrailingSingleQuotedScalar => "单引号文本之后有多余内容".into(),
        K::InvalidTrailingDoubleQuotedScalar => "双引号文本之后有多余内容".into(),
        K::UnknownQuotedScalarEscape => "双引号文本中有未知的转义字符".into(),
        K::InvalidQuotedScalarHexEscape | K::InvalidLowSurrogateHexEscape => {
            "双引号文本的转义序列中应为十六进制数字".into()
        }
        K::InvalidLowSurrogate | K::MissingLowSurrogate | K::UnpairedLowSurrogate => {
            "双引号文本中的 UTF-16 代理对转义无效".into()
        }
        K::InvalidUnicodeEscape => "双引号文本中有无效的字符编码转义".into(),
        K::InvalidFlowScalarIndent => "括号内的内容缩进不正确".into(),
        K::PlainScalarStartsWithDashFlowIndicator => "不加引号的文本不能以“-”加“,[]{}”之一开头".into(),
        K::TabInPlainScalar => "不加引号的文本中出现制表符".into(),
        K::UnexpectedEndOfPlainScalar => "不加引号的文本意外结束".into(),
        K::MappingKeyNotAllowed => "此处不能出现映射的键".into(),
        K::FlowMappingValueAdjacentCollection => "花括号映射中“:”后不能紧跟“[”或“{”".into(),
        K::InvalidMappingValueWhitespace => "“:”后面须有空格".into(),
        K::InvalidColonPlacement => "“:”的位置不正确".into(),
        K::MappingValueNotAllowed => "此处不能出现键值对（可能是缩进不一致，或值中的“: ”需要加引号）".into(),
        // Custom texts come from input adapters; other kinds from later parser versions.
        _ => return None,
    };
    Some(text)
}

fn style_of(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
        _ => Style::Block,
    }
}

/// Parse `text` (already checked to be UTF-8) into documents.
pub fn parse<'a>(text: &'a str, file: FileId, limits: &Limits) -> Parsed<'a> {
    let depth = usize::try_from(limits.max_depth).unwrap_or(usize::MAX).clamp(1, 255);
    let options = granit_parser::options! {
        block_nesting_limit: depth,
        flow_nesting_limit: depth,
        emit_comments: false,
    };
    let mut parser: Parser<'a, StrInput<'a>> = Parser::new_from_str_with_options(text, options);
    let mut b = Builder {
        file,
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        used: HashSet::new(),
        nodes: 0,
        alias_nodes: 0,
        out: Parsed::default(),
    };
    let mut documents = 0u64;
    // Events read ahead of the builder: at a document's first anchor the rest of the document
    // is read, so that only anchors some alias uses are copied. Documents without anchors
    // are never buffered.
    let mut ahead = VecDeque::new();
    let mut read_ahead = false;
    while let Some(event) = ahead.pop_front().or_else(|| parser.next()) {
        if !read_ahead && anchor_of(&event) != 0 {
            read_ahead = true;
            for next in parser.by_ref() {
                let last = matches!(next, Err(_) | Ok((Event::DocumentEnd, _)));
                if let Ok((Event::Alias(id), _)) = next {
                    b.used.insert(id);
                }
                ahead.push_back(next);
                if last {
                    break;
                }
            }
        }
        let (event, span) = match event {
            Ok(ev) => ev,
            Err(e) => {
                let at = e.marker().byte_offset().unwrap_or(0);
                let message = syntax_message(e.kind());
                b.error(at, at, message);
                // The document being built is incomplete: drop it.
                b.stack.clear();
                return b.out;
            }
        };
        let start = span.start.byte_offset().unwrap_or(0);
        let end = span.end.byte_offset().unwrap_or(start);
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                b.anchors.clear();
                b.used.clear();
                read_ahead = false;
                if documents > limits.max_documents_per_file {
                    let max = limits.max_documents_per_file;
                    b.error(
                        start,
                        end,
                        msg!(
                            "file has more than {max} YAML documents (limits.max_documents_per_file)",
                            "文件的 YAML 文档超过 {max} 个（`limits.max_documents_per_file`）"
                        ),
                    );
                    return b.out;
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                if !b.count_node(start, end) {
                    return b.out;
                }
                // `!!str` makes a plain scalar a string; other tags carry no meaning in records.
                let is_str_tag = tag.as_ref().is_some_and(|t| t.suffix() == "str");
                let style = if is_str_tag { Style::Quoted } else { style_of(style) };
                let node = Node { span: b.span(start, end), value: Value::Scalar(text, style) };
                b.push(node, anchor);
            }
            Event::SequenceStart(_, anchor, _) => {
                if !b.count_node(start, end) {
                    return b.out;
                }
                b.stack.push(Frame::Seq { start, anchor, items: Vec::new() });
            }
            Event::MappingStart(_, anchor, _) => {
                if !b.count_node(start, end) {
                    return b.out;
                }
                b.stack.push(Frame::Map { start, anchor, entries: Vec::new(), key: None, bad_key: false });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq { start, anchor, items }) = b.stack.pop() {
                    let end = items.last().map_or(end, |n| n.span.end as usize).max(start);
                    let node = Node { span: b.span(start, end), value: Value::Seq(items) };
                    b.push(node, anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map { start, anchor, entries, .. }) = b.stack.pop() {
                    b.finish_map(start, end, anchor, entries);
                }
            }
            Event::Alias(id) => {
                let Some(size) = b.anchors.get(&id).map(|&(_, size)| size) else {
                    b.error(start, end, msg!("alias refers to an unknown anchor", "别名引用了不存在的锚点"));
                    continue;
                };
                b.alias_nodes += size;
                if b.alias_nodes > limits.max_alias_expansions {
                    let max = limits.max_alias_expansions;
                    b.error(
                        start,
                        end,
                        msg!(
                            "aliases expand to more than {max} nodes (limits.max_alias_expansions); an alias bomb?",
                            "别名展开超过 {max} 个节点（`limits.max_alias_expansions`），疑似别名炸弹"
                        ),
                    );
                    return b.out;
                }
                // The copy keeps the anchor's spans: findings point at the definition.
                let Some((target, _)) = b.anchors.get(&id) else { continue };
                let node = target.clone();
                b.nodes += size;
                b.push(node, 0);
            }
            Event::UnresolvedAlias(_) => {
                b.error(start, end, msg!("alias refers to an unknown anchor", "别名引用了不存在的锚点"));
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Anchor(..) => {}
            #[allow(unreachable_patterns)]
            _ => {}
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parser_error_kind_has_a_chinese_sentence() {
        use ErrorKind as K;
        use granit_parser::InputIoError;
        // Every kind granit-parser 2.2 defines (its `error.rs`), but `Custom`, whose text comes
        // from an input adapter, and `TooManyComments` (behind a feature we do not enable).
        let kinds = [
            K::InputIo { error: InputIoError::from_message("x") },
            K::InputDecoding { message: "x".into() },
            K::InputByteLimitExceeded { limit: 8 },
            K::UnexpectedEofFlowSequence,
            K::UnexpectedEofFlowMapping,
            K::UnexpectedEofImplicitFlowMapping,
            K::UnexpectedEofBlockSequence,
            K::UnexpectedEofBlockMapping,
            K::UnexpectedEof,
            K::ExpectedStreamStart,
            K::DuplicateVersionDirective,
            K::UnsupportedYamlMajorVersion,
            K::DuplicateTagDirective,
            K::ExpectedDocumentStart,
            K::MissingDocumentEndBeforeDirective,
            K::AnchorCountOverflow,
            K::UnknownAnchor,
            K::ExpectedNodeContent,
            K::ExpectedBlockMappingKey,
            K::ExpectedFlowMappingSeparator,
            K::ExpectedFlowSequenceSeparator,
            K::ExpectedBlockSequenceEntry,
            K::UndeclaredTagHandle,
            K::MissingIncludeResolver,
            K::MultipleDocumentsUnsupported,
            K::InputOffsetsWithoutSlice,
            K::InputSlicingUnavailable,
            K::ExpectedTagBang,
            K::ExpectedTagDirectiveBang,
            K::InvalidGlobalTagCharacter,
            K::SimpleKeyExpected,
            K::InvalidSimpleKey,
            K::InvalidDocumentEnd,
            K::InvalidIndentation,
            K::BomInsideDocument,
            K::UnexpectedCharacter { character: '\t' },
            K::TabNotAllowed,
            K::TabInBlockIndentation,
            K::CommentInterceptedScalar,
            K::ExpectedWhitespace,
            K::CommentNotSeparated,
            K::InvalidDirectiveTerminator,
            K::DirectiveDisallowed,
            K::MissingYamlVersionSeparator,
            K::MissingDirectiveName,
            K::InvalidDirectiveName,
            K::DirectiveByteLimitExceeded { limit: 8 },
            K::TooManyReservedDirectiveParams { limit: 8 },
            K::YamlVersionTooLong,
            K::MissingYamlVersion,
            K::InvalidTagDirectiveTerminator,
            K::InvalidTagTerminator,
            K::MissingTagUri,
            K::UnclosedVerbatimTag,
            K::InvalidTagEscape,
            K::InvalidTagUtf8LeadingByte,
            K::InvalidTagUtf8TrailingByte,
            K::InvalidTagUtf8,
            K::MissingAnchorOrAliasName,
            K::MisplacedFlowCollectionEnd,
            K::MismatchedFlowCollectionEnd { open: '[', close: '}' },
            K::UnclosedFlowCollection { open: '[' },
            K::RecursionLimitExceeded,
            K::BlockEntryInFlowCollection,
            K::BlockSequenceEntryNotAllowed,
            K::InvalidBlockEntryWhitespace,
            K::ZeroBlockScalarIndent,
            K::InvalidBlockScalarHeader,
            K::TabAtBlockScalarStart,
            K::InvalidBlockScalarIndent,
            K::DocumentIndicatorInQuotedScalar,
            K::UnclosedQuotedScalar,
            K::TabInIndentation,
            K::InvalidQuotedScalarIndent,
            K::InvalidTrailingSingleQuotedScalar,
            K::InvalidTrailingDoubleQuotedScalar,
            K::UnknownQuotedScalarEscape,
            K::InvalidQuotedScalarHexEscape,
            K::InvalidLowSurrogateHexEscape,
            K::InvalidLowSurrogate,
            K::MissingLowSurrogate,
            K::UnpairedLowSurrogate,
            K::InvalidUnicodeEscape,
            K::InvalidFlowScalarIndent,
            K::PlainScalarStartsWithDashFlowIndicator,
            K::TabInPlainScalar,
            K::UnexpectedEndOfPlainScalar,
            K::MappingKeyNotAllowed,
            K::FlowMappingValueAdjacentCollection,
            K::InvalidMappingValueWhitespace,
            K::InvalidColonPlacement,
            K::MappingValueNotAllowed,
        ];
        for kind in kinds {
            let zh = syntax_zh(&kind).unwrap_or_else(|| panic!("{kind:?} has no Chinese sentence"));
            // Outside backticks, no Latin word but the format and encodings named as such.
            let outside: String = zh.split('`').step_by(2).collect();
            for word in outside.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1) {
                assert!(["YAML", "UTF", "BOM"].contains(&word), "{kind:?}: {zh}");
            }
        }
        let custom = syntax_message(&K::Custom("adapter failed".into()));
        assert_eq!(custom.zh, "YAML 语法错误\u{ff1a}解析器无法读取此处\u{ff08}原文\u{ff1a}adapter failed\u{ff09}");
    }

    fn parse_ok(text: &str) -> Vec<Node<'_>> {
        let p = parse(text, FileId(0), &Limits::default());
        assert!(p.findings.is_empty(), "{:?}", p.findings);
        p.documents
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = "kind: Change\nid: \"CHG-1\"\nlist: [a, b]\n";
        let docs = parse_ok(text);
        let root = &docs[0];
        let id = root.get("id").unwrap();
        assert_eq!(&text[id.key_span.start as usize..id.key_span.end as usize], "id");
        assert_eq!(&text[id.value.span.start as usize..id.value.span.end as usize], "\"CHG-1\"");
        assert!(matches!(id.value.value, Value::Scalar(ref s, Style::Quoted) if s == "CHG-1"));
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places() {
        let p = parse("a: 1\nb: 2\na: 3\n", FileId(0), &Limits::default());
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.findings[0].span.start, 10);
        assert_eq!(p.findings[0].labels[0].span.start, 0);
        assert_eq!(p.documents[0].as_map().unwrap().len(), 2);
    }

    #[test]
    fn merge_keys_fill_missing_entries() {
        let docs = parse_ok("base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  y: 3\n");
        let thing = &docs[0].get("thing").unwrap().value;
        assert_eq!(thing.get("x").unwrap().value.as_scalar(), Some("1"));
        assert_eq!(thing.get("y").unwrap().value.as_scalar(), Some("3"));
    }

    #[test]
    fn alias_bomb_is_stopped() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let p = parse(&text, FileId(0), &Limits::default());
        assert!(p.findings.iter().any(|f| f.message.en.contains("alias")), "{:?}", p.findings);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(50_000);
        let p = parse(&text, FileId(0), &Limits::default());
        assert_eq!(p.findings.len(), 1);
        assert!(p.documents.is_empty());
    }

    #[test]
    fn syntax_error_keeps_earlier_documents() {
        let p = parse("a: 1\n---\nb: [1, 2\n", FileId(0), &Limits::default());
        assert_eq!(p.documents.len(), 1);
        assert_eq!(p.findings.len(), 1);
    }
}
