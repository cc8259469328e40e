//! The YAML node tree that records are decoded from: every node and every mapping key keeps
//! its span. Scalars keep their text exactly as written (YAML's implicit typing is not
//! applied), so the decoder decides per field what `no`, `1.10` or `2026-02-30` mean.

use std::borrow::Cow;

use super::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Unquoted: subject to null / boolean / number interpretation by the field's type.
    Plain,
    /// Single- or double-quoted (or tagged `!!str`): always a string.
    Quoted,
    /// Literal `|` or folded `>` block: always a string.
    Block,
}

#[derive(Clone, Debug)]
pub struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Clone, Debug)]
pub enum Value<'a> {
    Scalar(Cow<'a, str>, Style),
    Seq(Vec<Node<'a>>),
    Map(Vec<Entry<'a>>),
}

#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Span,
    pub value: Node<'a>,
}

impl<'a> Node<'a> {
    /// `~`, `null` or an empty plain scalar: YAML's null, which itos reads as "absent".
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s, Style::Plain) if matches!(s.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }

    pub fn as_map(&self) -> Option<&[Entry<'a>]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// The value of `key` in a mapping node.
    pub fn get(&self, key: &str) -> Option<&Entry<'a>> {
        self.as_map()?.iter().find(|e| e.key == key)
    }

    /// What the node is, for "expected X, found Y" messages.
    pub fn describe(&self) -> (String, String) {
        match &self.value {
            Value::Map(_) => ("a mapping".into(), "映射（键值对）".into()),
            Value::Seq(_) => ("a list".into(), "列表".into()),
            Value::Scalar(..) if self.is_null() => ("an empty value".into(), "空值".into()),
            Value::Scalar(s, _) => {
                let shown = shorten(s, 40);
                (format!("`{shown}`"), format!("`{shown}`"))
            }
        }
    }

    /// Number of nodes in this subtree (used for alias-expansion budgets).
    pub fn count(&self) -> usize {
        let mut n = 0;
        let mut stack = vec![self];
        while let Some(node) = stack.pop() {
            n += 1;
            match &node.value {
                Value::Scalar(..) => {}
                Value::Seq(items) => stack.extend(items.iter()),
                Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            }
        }
        n
    }
}

/// Cut a text to `max` characters with an ellipsis (for messages quoting record text).
pub fn shorten(s: &str, max: usize) -> String {
    let one_line: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}
