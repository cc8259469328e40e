//! SAT-002: Low satisfaction leads to an improvement plan.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sat002;

static META: Meta = Meta {
    id: "SAT-002",
    severity: Severity::Error,
    section: "§5.3, §5.4, §5.5",
    title_en: "Low satisfaction leads to an improvement plan",
    title_zh: "满意度未达标须制定改进计划",
    explanation_en: "A survey whose mean score is below the engagement's highest Sla `satisfaction_min`, or whose satisfaction rate (share of scores of 4 or 5) is below the highest `satisfaction_rate_min`, must lead to an Improvement that names the survey in its `sources` (§5.3, §5.4, §5.5): the evaluation is only useful when its results are acted on.",
    explanation_zh: "调查平均分低于服务项目各 SLA 中最高的 `satisfaction_min`,或满意率(4 分及以上评分占比)低于最高的 `satisfaction_rate_min` 时,须有在 `sources` 中列出该调查的改进计划(Improvement)(§5.3、§5.4、§5.5):评价结果只有落实到改进中才有意义。",
    failing: "kind: Survey\nid: SAT-2026-H1\nperiod: {from: 2026-01-01, to: 2026-06-30}\ninvited: 6\nresponses:\n  - {respondent: 信息科技部, scores: {quality: 3, reliability: 3}}\n  - {respondent: 运营管理部, scores: {quality: 4, reliability: 3}}\n",
    passing: "kind: Survey\nid: SAT-2026-H1\nperiod: {from: 2026-01-01, to: 2026-06-30}\ninvited: 6\nresponses:\n  - {respondent: 信息科技部, scores: {quality: 3, reliability: 3}}\n  - {respondent: 运营管理部, scores: {quality: 4, reliability: 3}}\n---\nkind: Improvement\nid: IMP-2026-03\nsources: [Survey/SAT-2026-H1]\ngoal: 提升服务可靠性\nmeasures: [增加巡检频次]\nowner: p-zhang-wei\ndue: 2026-12-31\nstatus: in-progress\n",
    params: &[],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Sat002 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for s in &cx.records.surveys {
            let Some(eng) = cx.engagement_for(RecordView::Survey(s)) else { continue };
            if s.period.to.value > cx.as_of {
                continue; // still running
            }
            let slas: Vec<_> = cx
                .records
                .slas
                .iter()
                .filter(|x| cx.engagement_of(RecordView::Sla(x)).is_some_and(|e| e.value == eng.id.value))
                .collect();
            let min = slas
                .iter()
                .filter_map(|x| x.satisfaction_min.as_ref().map(|m| m.value))
                .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
            let rate_min = slas
                .iter()
                .filter_map(|x| x.satisfaction_rate_min.as_ref().map(|m| m.value.value))
                .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.max(b))));
            let scores: Vec<u8> = s.responses.iter().flat_map(|r| r.scores.given().map(|(_, v)| v.value.0)).collect();
            if scores.is_empty() || (min.is_none() && rate_min.is_none()) {
                continue;
            }
            out.checked();
            let mean = scores.iter().map(|&x| f64::from(x)).sum::<f64>() / scores.len() as f64;
            let rate = 100.0 * scores.iter().filter(|&&x| x >= 4).count() as f64 / scores.len() as f64;
            let low_mean = min.is_some_and(|m| mean < m);
            let low_rate = rate_min.is_some_and(|m| rate < m);
            if !low_mean && !low_rate {
                continue;
            }
            let sid = s.id.value.as_str();
            let named = cx.records.improvements.iter().any(|i| {
                i.sources.iter().any(|src| {
                    let t = src.value.trim();
                    t == sid || t.strip_prefix("Survey/") == Some(sid)
                })
            });
            if !named {
                let what = if low_mean {
                    let m = min.unwrap_or_default();
                    msg!("mean score {mean:.2} is below {m}", "平均分 {mean:.2} 低于 {m}")
                } else {
                    let m = rate_min.unwrap_or_default();
                    msg!("satisfaction rate {rate:.1}% is below {m}%", "满意率 {rate:.1}% 低于 {m}%")
                };
                let (en, zh) = (what.en, what.zh);
                out.report(
                    s.id.span,
                    msg!(
                        "survey `{sid}`: {en}, and no Improvement names it in `sources`",
                        "调查 `{sid}`:{zh},但没有改进计划在 `sources` 中引用该调查"
                    ),
                )
                .help(msg!(
                    "add an Improvement with `sources: [Survey/{sid}]`",
                    "请添加 `sources: [Survey/{sid}]` 的改进计划"
                ))
                .record(Kind::Survey, sid);
            }
        }
    }
}
