//! Exit and handover (§7.1–§7.5, §4.4): the rules report the problems of the exit model in
//! [`crate::exit`], which `itos handover checklist` shows as well.

pub mod hnd001;
pub mod hnd002;
pub mod hnd003;
pub mod hnd004;
pub mod hnd005;
pub mod hnd006;
pub mod hnd007;
pub mod hnd008;

use super::{Context, Rule, Sink};
use crate::model::Kind;

pub const RULES: &[&dyn Rule] = &[
    &hnd001::Hnd001,
    &hnd002::Hnd002,
    &hnd003::Hnd003,
    &hnd004::Hnd004,
    &hnd005::Hnd005,
    &hnd006::Hnd006,
    &hnd007::Hnd007,
    &hnd008::Hnd008,
];

/// A rule of this family: its `Meta`, and a check that reports the exit model's problems of
/// that rule.
macro_rules! exit_rule {
    ($name:ident, $meta:ident) => {
        pub struct $name;

        impl crate::rules::Rule for $name {
            fn meta(&self) -> &'static crate::rules::Meta {
                &$meta
            }

            fn check(&self, cx: &crate::rules::Context<'_>, out: &mut crate::rules::Sink) {
                super::report(cx, out, $meta.id);
            }
        }
    };
}
pub(crate) use exit_rule;

/// Report every problem of rule `id` on every engagement's exit; each Handover is one subject.
fn report(cx: &Context<'_>, out: &mut Sink, id: &str) {
    let built;
    let exits = match cx.prepared_exits() {
        Some(exits) => exits,
        None => {
            built = crate::exit::exits(cx);
            &built
        }
    };
    for exit in exits {
        let Some(h) = exit.handover else { continue };
        out.checked();
        for p in exit.items.iter().flat_map(|i| i.problems.iter()).filter(|p| p.rule == id) {
            let finding = out.report(p.span, p.message.clone());
            if let Some(help) = &p.help {
                finding.help(help.clone());
            }
            finding.record(Kind::Handover, &h.id.value);
        }
    }
}
