//! GEN-006: waivers are live, name a known rule, and match something; live waivers turn the
//! findings they match into "waived".

use globset::Glob;

use crate::model::decode::closest;
use crate::model::kinds::{Kind, Waiver};
use crate::model::{Finding, Severity, Span};
use crate::msg;
use crate::rules::duty::Duty;
use crate::rules::{Context, Meta, Rule, Settings, Sink, Stage, all};

pub struct Gen006;

/// The rule that applies waivers (its findings are made by the runner, after every other rule).
pub const GEN_006: &str = "GEN-006";

static META: Meta = Meta {
    id: GEN_006,
    severity: Severity::Error,
    section: "§2.3, §6.5",
    title_en: "Waivers are live, name a known rule and match a finding",
    title_zh: "例外审批须在有效期内、针对已知规则且确有对应的发现项",
    explanation_en: "A Waiver (例外审批) records an accepted exception: while it is live (until and \
including its `expires` date), the findings of its `rule` on its `target` are reported as \
waived — shown and counted, but not failing. The target is `Kind/id` (e.g. \
`Survey/SAT-2026-H1`), a bare id that is unique across all kinds, or a path glob such as \
`path:changes/2025/**`. A waiver that has expired is reported (and its findings are back), \
as is one that names an unknown rule, a target that does not exist, or that matches no \
finding: an exception nobody needs any more should be removed, not left to hide the next \
problem. Findings of the general rules GEN-001 to GEN-007 cannot be waived. A waiver of a rule \
that reports errors needs the customer's approval (`customer_approval`: who, when, the signed \
evidence): without it the waiver does not apply.",
    explanation_zh: "例外审批（`Waiver`）记录经批准的例外：在有效期内（含 `expires` 当日），其 `rule` \
所指规则在 `target` 上的发现项显示为“已豁免”，照常显示和计数，但不导致检查失败。目标可写作“类型/编号\
”（如 `Survey/SAT-2026-H1`）、在所有类型中唯一的编号，或路径通配符（如 `path:changes/2025/**`）。例外\
审批已过期的，予以报告，其发现项恢复为不通过；所指规则不存在、目标不存在或没有匹配任何发现项的，同样\
予以报告：不再需要的例外审批应当删除，而不是留着掩盖下一个问题。通用规则 GEN-001 至 GEN-007 的发现项\
不能豁免。豁免错误级规则的例外审批须经客户批准（`customer_approval`：批准人、日期、签字证明），否则不生效。",
    failing: include_str!("../../../fixtures/GEN-006.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-006.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Waivers,
};

impl Rule for Gen006 {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _out: &mut Sink) {}

    /// Each waiver's expiry (a waiver whose rule or target is wrong is reported already and
    /// never expires into anything).
    fn duties(&self, cx: &Context<'_>, out: &mut Vec<Duty>) {
        for w in &cx.records.waivers {
            let rule = w.rule.value.as_str();
            let Some(known) = all().iter().map(|r| r.meta().id).find(|id| id.eq_ignore_ascii_case(rule)) else {
                continue;
            };
            if !is_unwaivable(known) && !needs_customer_approval(w, known) && target(cx, w).is_ok() {
                out.push(expiry(w, known));
            }
        }
    }
}

/// A waiver lapses the day after `expires`: renew it or fix what it accepts.
fn expiry(w: &Waiver, rule: &str) -> Duty {
    let wid = w.id.value.as_str();
    let what = msg!("renew or retire waiver {wid} of {rule}", "续批或撤销例外审批 {wid}（{rule}）");
    Duty::new(GEN_006, Kind::Waiver, wid, None, w.expires.value, w.expires.span, what).help(msg!(
        "renew it with a new `expires` and approval, or remove it",
        "请重新审批并更新 `expires`，或删除该例外审批"
    ))
}

/// What a waiver's `target` selects.
enum Target {
    /// Findings about this record, or located inside it.
    Record { kind: Kind, id: String, span: Span },
    /// Findings in files whose path matches.
    Path(globset::GlobMatcher),
}

/// Waiving an error is a decision about what the customer pays for: the customer's own. The
/// rule's own severity counts, not one lowered in `[rules]` (which would sidestep it).
fn needs_customer_approval(w: &Waiver, rule: &str) -> bool {
    w.customer_approval.is_none() && crate::rules::find(rule).is_some_and(|r| r.meta().severity == Severity::Error)
}

fn is_unwaivable(rule: &str) -> bool {
    crate::rules::find(rule).is_some_and(|r| !r.meta().waivable)
}

/// Resolve a waiver's target, or say why it cannot be.
fn target(cx: &Context<'_>, w: &Waiver) -> Result<Target, crate::model::Msg> {
    let text = w.target.value.trim();
    if let Some(glob) = text.strip_prefix("path:") {
        return Glob::new(glob.trim())
            .map(|g| Target::Path(g.compile_matcher()))
            .map_err(|e| msg!("`{glob}` is not a valid path glob: {e}", "`{glob}` 不是有效的路径通配符：{e}"));
    }
    let (kind, id) = crate::rules::resolve_kind_id(cx, text)?;
    let span = cx.index.position(kind, &id).and_then(|pos| cx.records.get(kind, pos)).map(|r| r.span());
    match span {
        Some(span) => Ok(Target::Record { kind, id, span }),
        None => {
            let kind_zh = kind.zh();
            Err(msg!("{kind} `{id}` does not exist", "{kind_zh} `{id}` 不存在"))
        }
    }
}

/// (start, end, index) of the findings of one rule in one file, in order of start.
type InFile = Vec<(u32, u32, usize)>;

/// The findings by rule, file and record, so a waiver looks only at the findings it could
/// match (thousands of waivers over 100,000 findings stay linear).
struct FindingIndex<'f> {
    /// (rule, file) → the findings there.
    by_file: std::collections::HashMap<(&'static str, crate::model::FileId), InFile>,
    /// (rule, kind, id) → findings about that record.
    by_record: std::collections::HashMap<(&'static str, Kind, &'f str), Vec<usize>>,
    /// rule → the files holding its findings.
    files: std::collections::HashMap<&'static str, Vec<crate::model::FileId>>,
}

impl<'f> FindingIndex<'f> {
    fn new(findings: &'f [Finding]) -> Self {
        let mut index = FindingIndex {
            by_file: std::collections::HashMap::new(),
            by_record: std::collections::HashMap::new(),
            files: std::collections::HashMap::new(),
        };
        for (i, f) in findings.iter().enumerate() {
            let in_file = index.by_file.entry((f.rule, f.span.file)).or_default();
            if in_file.is_empty() {
                index.files.entry(f.rule).or_default().push(f.span.file);
            }
            in_file.push((f.span.start, f.span.end, i));
            if let Some(r) = &f.record {
                index.by_record.entry((f.rule, r.kind, r.id.as_str())).or_default().push(i);
            }
        }
        for list in index.by_file.values_mut() {
            list.sort_unstable();
        }
        index
    }

    /// The findings of `rule` a target selects, in finding order.
    fn select(&self, rule: &'static str, target: &Target, cx: &Context<'_>) -> Vec<usize> {
        let mut out = Vec::new();
        match target {
            Target::Record { kind, id, span } => {
                if let Some(list) = self.by_record.get(&(rule, *kind, id.as_str())) {
                    out.extend(list);
                }
                // Findings located inside the record's text.
                if let Some(list) = self.by_file.get(&(rule, span.file)) {
                    let from = list.partition_point(|&(start, _, _)| start < span.start);
                    out.extend(
                        list[from..]
                            .iter()
                            .take_while(|&&(start, _, _)| start <= span.end)
                            .filter(|&&(_, end, _)| end <= span.end)
                            .map(|&(_, _, i)| i),
                    );
                }
            }
            Target::Path(glob) => {
                for file in self.files.get(rule).into_iter().flatten() {
                    if cx.repo.sources.get(*file).is_some_and(|f| glob.is_match(&f.path))
                        && let Some(list) = self.by_file.get(&(rule, *file))
                    {
                        out.extend(list.iter().map(|&(_, _, i)| i));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Apply live waivers to `findings` and report GEN-006 problems into `out`.
pub fn apply(cx: &Context<'_>, settings: &Settings, findings: &mut [Finding], out: &mut Sink) {
    let selected: Vec<(usize, Vec<usize>)> = select_all(cx, findings, out);
    let mut matched_of = Vec::new();
    for (w, indices) in selected {
        let wid = cx.records.waivers[w].id.value.as_str();
        let mut matched = 0usize;
        for i in indices {
            if let Some(f) = findings.get_mut(i)
                && f.waived_by.is_none()
            {
                f.waived_by = Some(wid.to_owned());
                matched += 1;
            }
        }
        matched_of.push((w, matched));
    }
    for (w, matched) in matched_of {
        let waiver = &cx.records.waivers[w];
        let (wid, known) = (waiver.id.value.as_str(), waiver.rule.value.as_str());
        let known = all().iter().map(|r| r.meta().id).find(|id| id.eq_ignore_ascii_case(known)).unwrap_or(known);
        // A disabled rule has no findings to match: that says nothing about the waiver. Nor
        // does a history rule: a commit once made stays, so its waiver is never outgrown, and
        // matching nothing only means the commit is not in the history read (`--no-git`, a
        // shallow clone, a copy of the records in a new repository).
        let history = all().iter().map(|r| r.meta()).any(|m| m.id == known && m.reads_history());
        if matched == 0 && settings.severity(known).is_some() && !history {
            let t = waiver.target.value.as_str();
            out.report(
                waiver.target.span,
                msg!(
                    "waiver `{wid}` matches no finding of {known} on `{t}`; remove it if the exception is no longer needed",
                    "例外审批 `{wid}` 在 `{t}` 上没有匹配到 {known} 的发现项；如例外已不再需要，请删除"
                ),
            )
            .record(Kind::Waiver, wid);
        }
    }
}

/// Check every waiver and select, for each live one, the findings it targets (by index).
fn select_all(cx: &Context<'_>, findings: &[Finding], out: &mut Sink) -> Vec<(usize, Vec<usize>)> {
    let index = FindingIndex::new(findings);
    let mut selected = Vec::new();
    for (w_pos, w) in cx.records.waivers.iter().enumerate() {
        let (wid, rule) = (w.id.value.as_str(), w.rule.value.as_str());
        let Some(known) = all().iter().map(|r| r.meta().id).find(|id| id.eq_ignore_ascii_case(rule)) else {
            let ids = all().iter().map(|r| r.meta().id);
            let f = out
                .report(
                    w.rule.span,
                    msg!(
                        "waiver `{wid}` names an unknown rule `{rule}`",
                        "例外审批 `{wid}` 针对的规则 `{rule}` 不存在"
                    ),
                )
                .record(Kind::Waiver, wid);
            f.help = closest(rule, ids).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
            continue;
        };
        if is_unwaivable(known) {
            out.report(
                w.rule.span,
                msg!(
                    "waiver `{wid}`: findings of {known} cannot be waived; fix the record instead",
                    "例外审批 `{wid}`:{known} 的发现项不能豁免，请直接修正记录"
                ),
            )
            .record(Kind::Waiver, wid);
            continue;
        }
        if needs_customer_approval(w, known) {
            out.report(
                w.rule.span,
                msg!(
                    "waiver `{wid}` accepts findings of {known}, an error, without `customer_approval`; it does not apply until the customer approves it",
                    "例外审批 `{wid}` 豁免的 {known} 为错误级规则，但缺少 `customer_approval`（客户批准）；经客户批准前不生效"
                ),
            )
            .record(Kind::Waiver, wid)
            .help = Some(msg!(
                "add `customer_approval: {{by: <the customer's approver>, at: <date>, evidence: <the signed approval>}}`",
                "请添加 `customer_approval: {{by: <客户审批人>, at: <日期>, evidence: <签字的批准文件>}}`"
            ));
            continue;
        }
        let target = match target(cx, w) {
            Ok(t) => t,
            Err(why) => {
                let message = crate::model::Msg::new(
                    format!("waiver `{wid}`: {}", why.en),
                    format!("例外审批 `{wid}`:{}", why.zh),
                );
                out.report(w.target.span, message).record(Kind::Waiver, wid);
                continue;
            }
        };
        let expires = w.expires.value;
        let duty = expiry(w, known);
        if duty.overdue_on(cx.as_of) {
            let as_of = cx.as_of;
            out.overdue(
                &duty,
                msg!(
                    "waiver `{wid}` for {known} expired on {expires} (as of {as_of}); its findings count again",
                    "例外审批 `{wid}`（{known}）已于 {expires} 过期（评估日 {as_of}）；相应发现项重新计为未通过"
                ),
            );
            continue;
        }
        selected.push((w_pos, index.select(known, &target, cx)));
    }
    selected
}
