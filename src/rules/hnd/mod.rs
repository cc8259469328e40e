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

use super::duty::Duty;
use super::{Context, Rule, Sink};
use crate::exit::{Item, Status};
use crate::model::Kind;
use crate::model::kinds::Handover;

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

            fn duties(&self, cx: &crate::rules::Context<'_>, out: &mut Vec<crate::rules::duty::Duty>) {
                super::duties(cx, out, $meta.id);
            }
        }
    };
}
pub(crate) use exit_rule;

/// The exits of every engagement with a Handover, built once per run or here.
fn with_exits(cx: &Context<'_>, mut each: impl FnMut(&crate::exit::Exit<'_>, &Handover)) {
    let built;
    let exits = match cx.prepared_exits() {
        Some(exits) => exits,
        None => {
            built = crate::exit::exits(cx);
            &built
        }
    };
    for exit in exits {
        if let Some(h) = exit.handover {
            each(exit, h);
        }
    }
}

/// An exit item as a duty: `Handover/<id>#<item key>`.
fn item_duty(h: &Handover, item: &Item, rule: &'static str, due: jiff::civil::Date) -> Duty {
    let span = item.problems.first().map_or(h.id.span, |p| p.span);
    // What the checklist says is missing, when no problem says how to fix it yet.
    let missing = (!item.missing.is_empty()).then(|| {
        let en: Vec<&str> = item.missing.iter().map(|m| m.en.as_str()).collect();
        let zh: Vec<&str> = item.missing.iter().map(|m| m.zh.as_str()).collect();
        crate::model::Msg::new(format!("still missing: {}", en.join("; ")), format!("尚缺：{}", zh.join("；")))
    });
    let help = item.problems.iter().find_map(|p| p.help.clone()).or(missing);
    let duty = Duty::new(rule, Kind::Handover, &h.id.value, Some(&item.key), due, span, item.title.clone());
    match help {
        Some(help) => duty.help(help),
        None => duty,
    }
}

/// Report every problem of rule `id` on every engagement's exit; each Handover is one subject.
fn report(cx: &Context<'_>, out: &mut Sink, id: &str) {
    with_exits(cx, |exit, h| {
        out.checked();
        for item in &exit.items {
            for p in item.problems.iter().filter(|p| p.rule == id) {
                let finding = out.report(p.span, p.message.clone());
                if let Some(help) = &p.help {
                    finding.help(help.clone());
                }
                finding.record(Kind::Handover, &h.id.value);
                finding.duty = Some(Duty::key(Kind::Handover, &h.id.value, Some(&item.key)));
            }
        }
    });
}

/// The dated items of each exit whose rule is `id` (the first rule the item names is the one
/// that reports it once overdue): pending ones, and overdue ones it reports now.
fn duties(cx: &Context<'_>, out: &mut Vec<Duty>, id: &'static str) {
    with_exits(cx, |exit, h| {
        for item in exit.items.iter().filter(|i| i.rules.first() == Some(&id)) {
            let Some(due) = item.due else { continue };
            let listed = match item.status {
                Status::Pending => true,
                Status::Missing => exit.as_of > due && item.problems.iter().any(|p| p.rule == id),
                Status::Done | Status::NotApplicable => false,
            };
            if listed {
                out.push(item_duty(h, item, id, due));
            }
        }
    });
}
