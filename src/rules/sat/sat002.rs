//! SAT-002: a survey below the satisfaction target leads to an improvement plan.

use crate::figures::figure;
use crate::model::Exact;
use crate::model::kinds::{Sla, Survey};
use crate::model::{Kind, Msg, RecordView, Severity, Span};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sat002;

static META: Meta = Meta {
    id: "SAT-002",
    severity: Severity::Error,
    section: "§5.3, §5.4, §5.5",
    title_en: "A survey below the satisfaction target leads to an improvement plan",
    title_zh: "满意度未达标的调查须有对应的服务改进计划",
    explanation_en: "An evaluation is only useful when its results are acted on (§5.3, §5.4, §5.5): a \
satisfaction survey below target must lead to an improvement plan. A Survey whose mean of all \
scores is below the highest `satisfaction_min` among the engagement's Slas, or whose \
satisfaction rate (the share of scores of 4 or 5) is below the highest `satisfaction_rate_min`, \
needs an Improvement that names it in `sources` (`Survey/<id>`, or the bare id). A survey is \
judged once its period has ended.",
    explanation_zh: "评价结果只有落实为改进措施才有意义（§5.3、§5.4、§5.5）：满意度未达标的调查，必须\
有相应的服务改进计划。调查全部评分的平均分低于服务项目各 SLA 中最高的 `satisfaction_min`，或满意率（\
4 分和 5 分评分所占比例）低于各 SLA 中最高的 `satisfaction_rate_min` 的，须有一项服务改进计划（`Improvement`）\
在 `sources` 中引用该调查（写作 `Survey/<id>` 或直接写调查编号）。调查期结束后即作判断。",
    failing: include_str!("../../../fixtures/SAT-002.failing.yaml"),
    passing: include_str!("../../../fixtures/SAT-002.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sat002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for s in &cx.records.surveys {
            let Some(eng) = cx.engagement_of(RecordView::Survey(s)) else { continue };
            // Judged once its period has ended.
            if s.period.to.value > cx.as_of {
                continue;
            }
            let slas: Vec<&Sla> = cx
                .records
                .slas
                .iter()
                .filter(|x| cx.engagement_of(RecordView::Sla(x)).is_some_and(|e| e.value == eng.value))
                .collect();
            let mean_min =
                highest(slas.iter().filter_map(|x| x.satisfaction_min.as_ref().map(|m| (m.value.1, m.span))));
            let rate_min =
                highest(slas.iter().filter_map(|x| x.satisfaction_rate_min.as_ref().map(|m| (m.value.exact, m.span))));
            let scores: Vec<u8> = s.responses.iter().flat_map(|r| r.scores.given().map(|(_, v)| v.value.0)).collect();
            if scores.is_empty() || (mean_min.is_none() && rate_min.is_none()) {
                continue;
            }
            out.checked();
            // Compared exactly: a mean of 21/5 is not below a target of 4.2 (revision2-decisions.md 26).
            let count = scores.len();
            let total: i128 = scores.iter().map(|&x| i128::from(x)).sum();
            let mean = Exact::ratio(total, count as i128);
            let rate = Exact::ratio(100 * scores.iter().filter(|&&x| x >= 4).count() as i128, count as i128);
            let low_mean = mean_min.filter(|(min, _)| mean < *min);
            let low_rate = rate_min.filter(|(min, _)| rate < *min);
            let (mean, rate) = (figure::score(mean), figure::attainment(Some(rate)));
            if (low_mean.is_none() && low_rate.is_none()) || named_by_improvement(cx, s) {
                continue;
            }
            let mut shortfalls = Vec::new();
            if let Some((_, span)) = low_mean {
                let target = cx.text(span);
                shortfalls.push(msg!(
                    "the mean score {mean} is below the target {target}",
                    "平均分 {mean} 低于目标值 {target}"
                ));
            }
            if let Some((_, span)) = low_rate {
                let target = cx.text(span);
                shortfalls.push(msg!(
                    "the satisfaction rate {rate}% is below the target {target}%",
                    "满意率 {rate}% 低于目标值 {target}%"
                ));
            }
            let what = join(&shortfalls);
            let (sid, en, zh) = (s.id.value.as_str(), &what.en, &what.zh);
            let f = out.report(
                s.id.span,
                msg!(
                    "survey {sid}: {en} ({count} scores), but no Improvement names the survey in `sources`",
                    "满意度调查 {sid}：{zh}（共 {count} 项评分），但没有服务改进计划在 `sources` 中引用该调查"
                ),
            );
            if let Some((_, span)) = low_mean {
                f.label(span, msg!("satisfaction target", "满意度目标"));
            }
            if let Some((_, span)) = low_rate {
                f.label(span, msg!("satisfaction-rate target", "满意率目标"));
            }
            f.help(msg!(
                "plan the improvement as an Improvement with `sources: [Survey/{sid}]`",
                "请制定服务改进计划（`Improvement`），并写明 `sources: [Survey/{sid}]`"
            ))
            .record(Kind::Survey, sid);
        }
    }
}

/// The highest target and where it is written (the first of equal ones).
fn highest(targets: impl Iterator<Item = (Exact, Span)>) -> Option<(Exact, Span)> {
    targets.fold(None, |best, (v, span)| match best {
        Some((b, _)) if b >= v => best,
        _ => Some((v, span)),
    })
}

/// Whether an Improvement lists the survey in `sources`, as `Survey/<id>` or the bare id.
fn named_by_improvement(cx: &Context<'_>, survey: &Survey) -> bool {
    let id = survey.id.value.as_str();
    cx.records.improvements.iter().flat_map(|i| i.sources.iter()).any(|src| {
        let src = src.value.trim();
        src == id || src.strip_prefix("Survey/") == Some(id)
    })
}

fn join(parts: &[Msg]) -> Msg {
    let en: Vec<&str> = parts.iter().map(|m| m.en.as_str()).collect();
    let zh: Vec<&str> = parts.iter().map(|m| m.zh.as_str()).collect();
    Msg::new(en.join(" and "), zh.join(";"))
}
