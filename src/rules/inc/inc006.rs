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
    explanation_en: "A major incident must be reported to the responsible managers at once (§6.4, 第一时间报告). itos expects `reported_at` on every major incident, no more than `major_report_minutes` (30 by default) after the earliest of `detected_at` (the monitoring alarm), the outage's `start` and `opened_at`; reporting exactly at the limit passes.",
    explanation_zh: "重大事件须第一时间报告相关负责人（§6.4）。每个重大事件都应有报告时间 `reported_at`，且不晚于 `detected_at`（监控告警时间）、故障开始时间 `start` 与 `opened_at` 三者中最早者之后 `major_report_minutes`（默认 30）分钟；恰好在时限内报告视为符合。",
    failing: include_str!("../../../fixtures/INC-006.failing.yaml"),
    passing: include_str!("../../../fixtures/INC-006.passing.yaml"),
    params: &["major_report_minutes"],
    configurable: true,
    waivable: true,
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
                            "重大事件 `{id}` 缺少 `reported_at`（报告时间）"
                        ),
                    )
                    .help(msg!("record when the responsible managers were told", "请记录向相关负责人报告的时间"))
                    .record(Kind::Incident, id)
                    .about(&["reported_at"]);
                }
                Some(r) => {
                    // The §6.4 clock starts at the earliest sign of the fault (rules.md, revision 2).
                    let outage = inc.outage.as_ref().map(|o| &o.start);
                    let (start_name, start) = [
                        (("it was detected", "detected", "检测到故障", "检测到故障的时间"), inc.detected_at.as_ref()),
                        (("the outage started", "outage started", "故障开始", "故障开始时间"), outage),
                        (("it was opened", "opened", "创建", "创建时间"), Some(&inc.opened_at)),
                    ]
                    .into_iter()
                    .filter_map(|(name, t)| Some((name, t?)))
                    .min_by_key(|(_, t)| t.instant)
                    .unwrap_or((("it was opened", "opened", "创建", "创建时间"), &inc.opened_at));
                    let seconds = r.instant.as_second() - start.instant.as_second();
                    let minutes = seconds / 60;
                    if seconds > limit * 60 {
                        let (en, en_label, zh, zh_label) = start_name;
                        out.report(
                            r.span,
                            msg!(
                                "major incident reported {minutes} minutes after {en}; the policy allows {limit}",
                                "重大事件在{zh} {minutes} 分钟后才报告，策略要求不超过 {limit} 分钟"
                            ),
                        )
                        .label(start.span, msg!("{en_label}", "{zh_label}"))
                        .record(Kind::Incident, id);
                    }
                }
            }
        }
    }
}
