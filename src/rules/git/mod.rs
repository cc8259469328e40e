//! History integrity (rules.md, "Git history"): records of the past are not rewritten after
//! they reached their final state, nor deleted within the retention period. Judged over the
//! history `Repository::attach_history` read in one walk; skipped (with one note from the
//! command) without git.

pub mod git001;
pub mod git002;
pub mod git004;
pub mod git005;

use jiff::civil::Date;

use super::{Context, Rule, Sink};
use crate::load::HistoryState;
use crate::load::history::{CommitInfo, Version, span_in};
use crate::model::{Kind, Msg, Span};
use crate::msg;

pub const RULES: &[&dyn Rule] = &[&git001::Git001, &git002::Git002, &git004::Git004, &git005::Git005];

fn final_state(kind: Kind) -> Msg {
    match kind {
        Kind::Change => msg!("after it was closed", "在关闭之后"),
        Kind::Incident => msg!("after it was closed", "在关闭之后"),
        Kind::Audit => msg!("after all its findings were closed or accepted", "在其全部发现项关闭或接受之后"),
        _ => msg!("after it was first committed", "在首次提交之后"),
    }
}

/// Where the current record's changed field is, else the record's id; `None` when the record
/// no longer exists (its deletion is reported instead).
fn current_span(cx: &Context<'_>, kind: Kind, id: &str, path: &str) -> Option<Span> {
    let (_, sp) = cx.records.ids().into_iter().find(|(k, sp)| *k == kind && sp.value == id)?;
    let file = cx.repo.sources.get(sp.span.file)?;
    span_in(&file.text, sp.span.file, kind, id, path, &cx.repo.config.limits).or(Some(sp.span))
}

/// Report every rewrite of a record of `kinds` after its final state.
pub fn report_rewrites(cx: &Context<'_>, out: &mut Sink, kinds: &[Kind]) {
    let HistoryState::Read(history) = &cx.repo.history else { return };
    out.checked();
    for (before, after, commit) in history.rewrites().filter(|(b, _, _)| kinds.contains(&b.kind)) {
        let path = before.first_difference(after).unwrap_or_else(|| "id".to_owned());
        let Some(span) = current_span(cx, before.kind, &before.id, &path) else { continue };
        let (kind, id, state) = (before.kind.name(), before.id.as_str(), final_state(before.kind));
        let kind_zh = before.kind.zh();
        let (short, author, date) = (commit.short(), commit.author.as_str(), commit.date());
        let (state_en, state_zh) = (state.en, state.zh);
        out.report(
            span,
            msg!(
                "{kind} {id} was changed {state_en}: `{path}` in commit {short} by {author} on {date}",
                "{kind_zh} {id} {state_zh}被修改：提交 {short}（{author}，{date}）修改了 `{path}`"
            ),
        )
        .help(msg!(
            "records of the past are evidence: revert the edit, and record later facts in a new record or under an `x-` key",
            "历史记录是证据：请撤销该修改，后续情况请另建记录或写在 `x-` 字段中"
        ))
        .record(before.kind, id);
    }
}

/// Report every deletion of a record of `kinds` less than `retention_years` after its own date.
pub fn report_deletions(cx: &Context<'_>, out: &mut Sink, kinds: &[Kind]) {
    let HistoryState::Read(history) = &cx.repo.history else { return };
    out.checked();
    let years = cx.policy.retention_years;
    for (before, commit, source) in history.deletions().filter(|(v, _, _)| kinds.contains(&v.kind)) {
        // Deleted and then recreated under the same id: not gone.
        if cx.records.ids().iter().any(|(k, sp)| *k == before.kind && sp.value == before.id) {
            continue;
        }
        let deleted_on: Date = commit.time.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let own = before.own_date();
        let kept_until = own.map(|d| crate::calendar::dates::add_months(d, years.saturating_mul(12)));
        if kept_until.is_some_and(|k| deleted_on >= k) {
            continue;
        }
        let Some(file) = source else { continue };
        let span = cx
            .repo
            .sources
            .get(file)
            .and_then(|f| span_in(&f.text, file, before.kind, &before.id, "id", &cx.repo.config.limits))
            .unwrap_or(Span { file, start: 0, end: 0 });
        report_deletion(out, before, commit, own, kept_until, years, span);
    }
}

fn report_deletion(
    out: &mut Sink,
    before: &Version,
    commit: &CommitInfo,
    own: Option<Date>,
    kept_until: Option<Date>,
    years: u32,
    span: Span,
) {
    let (kind, id, file) = (before.kind.name(), before.id.as_str(), before.file.as_str());
    let kind_zh = before.kind.zh();
    let (short, author, date) = (commit.short(), commit.author.as_str(), commit.date());
    let message = match (own, kept_until) {
        (Some(own), Some(until)) => msg!(
            "{kind} {id} ({own}) was deleted in commit {short} by {author} on {date}; it must be kept {years} years, until {until}",
            "{kind_zh} {id}（{own}）在提交 {short}（{author}，{date}）中被删除；应保留 {years} 年，至 {until}"
        ),
        _ => msg!(
            "{kind} {id} was deleted in commit {short} by {author} on {date} before its retention period could start",
            "{kind_zh} {id} 在提交 {short}（{author}，{date}）中被删除，其保存期尚未开始"
        ),
    };
    out.report(span, message)
        .help(msg!(
            "restore the file from that commit's parent (`git checkout {short}~1 -- {file}`)",
            "请从该提交的上一版本恢复文件（`git checkout {short}~1 -- {file}`）"
        ))
        .record(before.kind, id);
}

/// One commit of a history example: its date, message, and each file written (with its
/// text) or deleted (`None`).
pub type ExampleCommit = (Date, String, Vec<(String, Option<String>)>);

/// Commits of a history example: `# commit YYYY-MM-DD message`, then `# file PATH` and its
/// text, or `# delete PATH`.
pub fn parse_example(text: &str) -> Vec<ExampleCommit> {
    let mut commits: Vec<ExampleCommit> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# commit ") {
            let (day, message) = rest.split_once(' ').unwrap_or((rest, ""));
            let day = crate::model::scalar::parse_date(day).unwrap_or(jiff::civil::date(2026, 1, 1));
            commits.push((day, message.to_owned(), Vec::new()));
        } else if let Some(path) = line.strip_prefix("# file ") {
            if let Some(c) = commits.last_mut() {
                c.2.push((path.to_owned(), Some(String::new())));
            }
        } else if let Some(path) = line.strip_prefix("# delete ") {
            if let Some(c) = commits.last_mut() {
                c.2.push((path.to_owned(), None));
            }
        } else if let Some(Some(body)) = commits.last_mut().and_then(|c| c.2.last_mut()).map(|f| f.1.as_mut()) {
            body.push_str(line);
            body.push('\n');
        }
    }
    commits
}
