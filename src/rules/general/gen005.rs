//! GEN-005: references resolve (records.md, "References").

use crate::context::PersonName;
use crate::model::decode::closest;
use crate::model::kinds::{BUILTIN_CALENDARS, FileRef, Kind, RecordView, Ref, Target, is_builtin_calendar};
use crate::model::{Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Gen005;

static META: Meta = Meta {
    id: "GEN-005",
    severity: Severity::Error,
    section: "§2.3, §6.5",
    title_en: "References resolve",
    title_zh: "引用须指向存在的记录",
    explanation_en: "A reference — an engagement, a service in the engagement's scope, a \
calendar, a system, a data asset, a backup policy, a plan, a problem, an incident, a change or \
a person — must name a record that exists, so that the chain from incident to problem to \
change stays traceable (§6.5). `engagement:` may be left out only while the repository holds \
exactly one Engagement. A person reference (`attendees`, `offboarding.handover_to`, a \
waiver's `approved_by`, an emergency plan's `roles[].person`) names a Person by id or by its \
exact `name` when no other Person has it; a name several Persons share is reported with their \
ids. An emergency plan's roles may also name the customer's staff as text. An empty value is \
an absent reference. Person fields such as `requested_by` may also hold \
the name of someone who is not on the team and are not checked here; references owned by a \
domain rule (an incident's priority, an Sla's service, a handover's termination reason) are \
reported by that rule. A `path` field (a change's `evidence`, an acceptance's `report`, a service \
report's `path`, an incident's review report or outage-exclusion evidence) must name a file or \
folder that exists in the repository, reached without a symbolic link leaving it; a Handover's \
paths are HND-003's.",
    explanation_zh: "引用须指向存在的记录，包括服务项目、服务项目范围内的服务、日历、系统、数据资产、\
备份策略、预案、问题、事件、变更和人员，这样才能沿“事件—问题—变更”追溯（§6.5）。只有仓库中仅有一个服\
务项目（`Engagement`）时，才可省略 `engagement:`。人员引用（`attendees`、`offboarding.handover_to`、\
例外审批的 `approved_by`、应急预案的 `roles[].person`）可填写人员（`Person`）的编号，也可在没有重名时\
填写其姓名 `name`；多名人员同名的，予以报告并列出各自的编号。应急预案中的角色也可直接以文字填写客户方\
人员。引用为空值的，视为未填写。`requested_by` 等人员字段也可填写团队以外人员的姓名，本规则不检查；由\
业务规则负责的引用（事件的优先级、SLA 对应的服务、退出交接的终止原因）由相应规则报告。路径字段（变更\
的 `evidence`、验收的 `report`、服务报告的 `path`、事件的复盘报告和停机剔除佐证材料）须指向仓库中存在\
的文件或目录，且不得经符号链接指向仓库之外；退出交接记录中的路径由 HND-003 检查。",
    failing: include_str!("../../../fixtures/GEN-005.failing.yaml"),
    passing: include_str!("../../../fixtures/GEN-005.passing.yaml"),
    params: &[],
    configurable: false,
    waivable: false,
    stage: Stage::Records,
};

/// Suggest the closest id only among a manageable number of candidates.
const SUGGESTION_CANDIDATES: usize = 5_000;

/// At most this many candidate comparisons for suggestions in one run: thousands of dangling
/// references against thousands of ids must not cost minutes (a suggestion is a courtesy).
const SUGGESTION_WORK: usize = 100_000;

/// "Did you mean" for dangling references, each name computed once, within a work budget.
#[derive(Default)]
struct Suggestions {
    known: std::collections::HashMap<(Kind, String), Option<crate::model::Msg>>,
    work: usize,
}

impl Suggestions {
    fn get(&mut self, cx: &Context<'_>, kind: Kind, id: &str) -> Option<crate::model::Msg> {
        if let Some(known) = self.known.get(&(kind, id.to_owned())) {
            return known.clone();
        }
        let n = cx.index.count(kind);
        if n > SUGGESTION_CANDIDATES || self.work + n > SUGGESTION_WORK {
            return None;
        }
        self.work += n;
        let found = closest(id, cx.index.ids_of(kind)).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
        self.known.insert((kind, id.to_owned()), found.clone());
        found
    }
}

impl Rule for Gen005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        let mut refs = Vec::new();
        let mut paths = Vec::new();
        let mut suggestions = Suggestions::default();
        cx.records.for_each(|record| {
            out.checked();
            check_engagement(cx, record, out, &mut suggestions);
            refs.clear();
            record.refs(&mut refs);
            for r in &refs {
                check_ref(cx, record, r, out, &mut suggestions);
            }
            paths.clear();
            record.paths(&mut paths);
            for p in &paths {
                check_path(cx, record, p, out);
            }
        });
        let calendars: std::collections::HashMap<&str, &crate::model::kinds::Calendar> =
            cx.records.calendars.iter().rev().map(|c| (c.id.value.as_str(), c)).collect();
        for problem in &cx.calendars.problems {
            let cal = calendars.get(problem.calendar.as_str());
            if let Some(cal) = cal {
                let span = cal.extends.as_ref().map_or(cal.id.span, |e| e.span);
                out.report(span, problem.message.clone()).record(Kind::Calendar, &problem.calendar);
            }
        }
    }
}

fn check_engagement(cx: &Context<'_>, record: RecordView<'_>, out: &mut Sink, suggestions: &mut Suggestions) {
    let kind = record.kind();
    let kind_zh = kind.zh();
    if !kind.fields().contains(&"engagement") || kind == Kind::Engagement {
        return;
    }
    let id = record.id();
    // `engagement: ""` is an engagement left out, not a reference to ``.
    let written = record.engagement().filter(|e| !e.value.trim().is_empty());
    match written {
        Some(e) if !cx.index.contains(Kind::Engagement, e) => {
            let name = e.value.as_str();
            let f = out
                .report(e.span, msg!("engagement `{name}` is not defined", "服务项目 `{name}` 不存在"))
                .record(kind, id);
            f.help = suggestions.get(cx, Kind::Engagement, name);
        }
        Some(_) => {}
        None => {
            let n = cx.records.engagements.len();
            if n == 1 || (record.engagement().is_none() && cx.engagement_of(record).is_some()) {
                return;
            }
            let message = if n == 0 {
                msg!(
                    "{kind} `{id}` belongs to no engagement: the repository has no Engagement record",
                    "{kind_zh} `{id}` 不属于任何服务项目：仓库中没有服务项目（`Engagement`）记录"
                )
            } else {
                msg!(
                    "{kind} `{id}` does not say its engagement, and the repository holds {n} engagements",
                    "{kind_zh} `{id}` 未注明所属服务项目，而仓库中有 {n} 个服务项目"
                )
            };
            out.report(id.span, message)
                .help(msg!("add `engagement: <Engagement id>`", "请添加 `engagement: <服务项目 id>`"))
                .record(kind, id);
        }
    }
}

/// A `path` field names a file or folder inside the repository, reached without a link that
/// leaves it (records.md, Scalars). `..` and absolute paths are GEN-003's.
fn check_path(cx: &Context<'_>, record: RecordView<'_>, p: &FileRef<'_>, out: &mut Sink) {
    use crate::load::evidence::{EvidenceState, inspect_in};
    let (field, path) = (p.field, p.value.value.0.as_str());
    let message = match inspect_in(cx.repo, path) {
        EvidenceState::Missing => {
            msg!("`{field}`: `{path}` does not exist in the repository", "`{field}`：仓库中不存在 `{path}`")
        }
        EvidenceState::Escapes => msg!(
            "`{field}`: `{path}` leads outside the repository (through a symbolic link)",
            "`{field}`:`{path}` 指向仓库之外（经由符号链接）"
        ),
        EvidenceState::NotRegular => msg!(
            "`{field}`: `{path}` is not a regular file (a FIFO, device, socket or submodule)",
            "`{field}`:`{path}` 不是普通文件（FIFO、设备、套接字或子模块）"
        ),
        EvidenceState::File | EvidenceState::Folder | EvidenceState::Unchecked => return,
    };
    out.report(p.value.span, message)
        .help(msg!(
            "commit the file at this path, or correct the path (relative to the folder holding itos.toml)",
            "请在此路径提交文件，或更正路径（相对于 itos.toml 所在目录）"
        ))
        .record(record.kind(), record.id());
}

fn check_ref(cx: &Context<'_>, record: RecordView<'_>, r: &Ref<'_>, out: &mut Sink, suggestions: &mut Suggestions) {
    let value: &Sp<String> = r.value;
    let (name, field) = (value.value.as_str(), r.field);
    let (rec_kind, rec_id) = (record.kind(), record.id());
    // An empty value is an absent reference, not a reference to ``.
    if name.trim().is_empty() {
        return;
    }
    match r.target {
        Target::Record(Kind::Person) | Target::PersonOrText => {
            // By id first: a Person left out for a field error is still defined.
            if cx.index.contains(Kind::Person, name) {
                return;
            }
            let ids = match cx.person_named(name) {
                PersonName::Person(_) => return,
                PersonName::Unknown if r.target == Target::PersonOrText => return,
                PersonName::Unknown => {
                    let f = out
                        .report(
                            value.span,
                            msg!("`{field}`: Person `{name}` is not defined", "`{field}`：人员 `{name}` 不存在"),
                        )
                        .record(rec_kind, rec_id);
                    f.help = suggestions.get(cx, Kind::Person, name);
                    return;
                }
                PersonName::Ambiguous(people) => {
                    people.iter().map(|p| format!("`{}`", p.id.value)).collect::<Vec<_>>().join(", ")
                }
            };
            out.report(
                value.span,
                msg!("`{field}`: `{name}` is the name of more than one Person", "`{field}`：有多名人员名为 `{name}`"),
            )
            .help({
                let ids_zh = ids.replace(", ", "、");
                msg!("write the id of the one meant: {ids}", "请填写所指人员的编号：{ids_zh}")
            })
            .record(rec_kind, rec_id);
        }
        Target::Record(kind) => {
            if !cx.index.contains(kind, name) {
                let kind_zh = kind.zh();
                let f = out
                    .report(
                        value.span,
                        msg!("`{field}`: {kind} `{name}` is not defined", "`{field}`:{kind_zh} `{name}` 不存在"),
                    )
                    .record(rec_kind, rec_id);
                f.help = suggestions.get(cx, kind, name);
            }
        }
        Target::AnyRecord => {
            if let Some(glob) = name.trim().strip_prefix("path:") {
                if let Err(e) = globset::Glob::new(glob.trim()) {
                    out.report(
                        value.span,
                        msg!(
                            "`{field}`: `{glob}` is not a valid path glob: {e}",
                            "`{field}`:`{glob}` 不是有效的路径通配符：{e}"
                        ),
                    )
                    .record(rec_kind, rec_id);
                }
            } else if let Err(why) = crate::rules::resolve_kind_id(cx, name) {
                let (en, zh) = (why.en, why.zh);
                out.report(value.span, msg!("`{field}`: {en}", "`{field}`:{zh}")).record(rec_kind, rec_id);
            }
        }
        Target::Calendar => {
            if !is_builtin_calendar(name) && !cx.index.contains(Kind::Calendar, name) {
                let builtin = BUILTIN_CALENDARS.join(", ");
                let f = out
                    .report(
                        value.span,
                        msg!(
                            "`{field}`: calendar `{name}` is neither a Calendar record nor built in ({builtin})",
                            "`{field}`：日历 `{name}` 既不是工作日历（`Calendar`）记录，也不是内置日历（{builtin}）"
                        ),
                    )
                    .record(rec_kind, rec_id);
                let candidates = BUILTIN_CALENDARS.iter().copied().chain(cx.index.ids_of(Kind::Calendar));
                f.help = closest(name, candidates).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
            }
        }
        Target::Service => {
            let Some(engagement) = cx.engagement_of(record).and_then(|e| cx.engagement(e)) else {
                return; // the engagement itself is reported above
            };
            if !engagement.has_service(name) {
                let eid = engagement.id.value.as_str();
                let scope: Vec<&str> = engagement.service_ids().map(|s| s.value.as_str()).collect();
                let list = scope.join(", ");
                let list_zh = crate::model::labels::zh_list(&scope);
                let f = out
                    .report(
                        value.span,
                        msg!(
                            "`{field}`: service `{name}` is not in the scope of engagement `{eid}` ({list})",
                            "`{field}`：服务 `{name}` 不在服务项目 `{eid}` 的服务范围内（范围内的服务：{list_zh}）"
                        ),
                    )
                    .label(
                        engagement.scope.span.unwrap_or(engagement.id.span),
                        msg!("scope of `{eid}`", "`{eid}` 的服务范围"),
                    )
                    .record(rec_kind, rec_id);
                f.help = closest(name, scope.into_iter()).map(|c| msg!("did you mean `{c}`?", "是否应为 `{c}`？"));
            }
        }
    }
}
