//! INC-006: Major incidents are reported at once.

use crate::model::{Kind, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Inc006;

static META: Meta = Meta {
    id: "INC-006",
    severity: Severity::Error,
    section: "§6.4",
    title_en: "Major incidents are reported at once",
    title_zh: "重大事件须第一时间报告",
    explanation_en: "A major incident must be reported to the responsible managers at once (§6.4, 第一时间报告). itos expects `reported_at` on every major incident, no more than `major_report_minutes` (30 by default) after `opened_at`; reporting exactly at the limit passes.",
    explanation_zh: "重大事件须第一时间报告相关负责人(§6.4)。每个重大事件都应有 `reported_at`,且不晚于 `opened_at` 后 `major_report_minutes`(默认 30)分钟;恰好在时限报告视为符合。",
    failing: "kind: Incident\nid: INC-2026-10-001\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-08T10:00:00+08:00\nmajor: true\nreported_at: 2026-10-08T11:10:00+08:00\n",
    passing: "kind: Incident\nid: INC-2026-10-001\nservice: helpdesk\npriority: P1\nopened_at: 2026-10-08T10:00:00+08:00\nmajor: true\nreported_at: 2026-10-08T10:12:00+08:00\n",
    params: &["major_report_minutes"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Inc006 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for inc in &cx.records.incidents {
            let id = inc.id.value.as_str();
            if !inc.is_major() || inc.is_cancelled() {
                continue;
            }
            out.checked();
            let limit = i64::from(cx.policy.major_report_minutes);
            match &inc.reported_at {
                None => {
                    out.report(
                        inc.id.span,
                        msg!(
                            "major incident `{id}` has no `reported_at`",
                            "重大事件 `{id}` 缺少 `reported_at`(报告时间)"
                        ),
                    )
                    .help(msg!("record when the responsible managers were told", "请记录向相关负责人报告的时间"))
                    .record(Kind::Incident, id);
                }
                Some(r) => {
                    let minutes = (r.instant.as_second() - inc.opened_at.instant.as_second()) / 60;
                    let late = r.instant.as_second() - inc.opened_at.instant.as_second() > limit * 60;
                    if late {
                        out.report(r.span, msg!("major incident reported {minutes} minutes after it was opened; the policy allows {limit}", "重大事件在创建 {minutes} 分钟后才报告,策略要求不超过 {limit} 分钟"))
                            .label(inc.opened_at.span, msg!("opened", "创建时间"))
                            .record(Kind::Incident, id);
                    }
                }
            }
        }
    }
}
