//! Exit and handover (§7.1–§7.5, §4.4): the rules report the problems of the exit model in
//! [`exit`], which `itos handover checklist` shows as well.

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

// Example fragments: a complete, clean exit of the `demo` engagement (term to 2027-06-30,
// ended early on 2026-09-15 by contract expiry of a renewal option), judged on 2026-10-31,
// i.e. after the 30-day grace period. Each rule's failing example changes one fragment.
macro_rules! head {
    () => {
        "kind: Handover\nid: HO-2026-01\nengagement: demo\n"
    };
}
macro_rules! termination {
    () => {
        "termination: {reason: contract-expiry, notice_given_at: 2026-07-01, effective_at: 2026-09-15}\npre_exit_check_at: 2026-08-10\n"
    };
}
macro_rules! deliverables_but_manuals {
    () => {
        "deliverables:\n  - {item: system-config, evidence: [engagement.yaml], delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: technical-docs, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: system-logs, delivered_at: 2026-09-01, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: training-materials, delivered_at: 2026-09-02, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: service-reports, delivered_at: 2026-09-02, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: change-records, delivered_at: 2026-09-02, accepted_by: 周敏, accepted_at: 2026-09-05}\n  - {item: backup-recovery-plan, delivered_at: 2026-09-03, accepted_by: 周敏, accepted_at: 2026-09-05}\n"
    };
}
macro_rules! manuals {
    () => {
        "  - {item: user-manuals, delivered_at: 2026-09-02, accepted_by: 周敏, accepted_at: 2026-09-05}\n"
    };
}
macro_rules! leftover {
    () => {
        "leftover_issues:\n  - {id: L-1, title: 旧监控脚本迁移, severity: low, status: resolved, owner: 王磊, plan: 迁移至客户监控平台, due: 2026-09-30, verified_at: 2026-09-28}\nleftover_report_submitted_at: 2026-10-08\n"
    };
}
macro_rules! support {
    () => {
        "support: {until: 2026-12-15, channels: [电话, 邮件], contact: 服务经理 张伟}\n"
    };
}
macro_rules! data {
    () => {
        "data: {returned_at: 2026-09-20, method: 加密介质移交}\n"
    };
}
macro_rules! access {
    () => {
        "credentials_returned_at: 2026-09-16\naccess_revoked_at: 2026-09-15\nsettlement: {completed_at: 2026-10-10, audit_done: true}\n"
    };
}
macro_rules! sign_off {
    () => {
        "sign_off: {provider: {name: 张伟, at: 2026-10-12}, customer: {name: 周敏, at: 2026-10-12}}\n"
    };
}
macro_rules! evaluation {
    () => {
        "evaluation: {at: 2026-10-14, summary: 服务目标基本达成、交接顺利}\npost_exit_feedback_at: 2026-10-14\n"
    };
}
pub(crate) use {
    access, data, deliverables_but_manuals, evaluation, head, leftover, manuals, sign_off, support, termination,
};

/// The complete, clean exit every rule's passing example uses.
macro_rules! passing {
    () => {
        concat!(
            crate::rules::hnd::head!(),
            crate::rules::hnd::termination!(),
            crate::rules::hnd::deliverables_but_manuals!(),
            crate::rules::hnd::manuals!(),
            crate::rules::hnd::leftover!(),
            crate::rules::hnd::support!(),
            crate::rules::hnd::data!(),
            crate::rules::hnd::access!(),
            crate::rules::hnd::sign_off!(),
            crate::rules::hnd::evaluation!()
        )
    };
}
pub(crate) use passing;
