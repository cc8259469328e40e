//! `itos report sla` (the month-end SLA report, or one ticket's ledger), `itos report gaps`
//! (the compliance scorecard) and `itos report due` (what falls due).

use std::time::Instant;

use super::args::{
    ChecklistArgs, ChecklistFormat, DueArgs, DueFormat, GapsArgs, GapsFramework, MonthlyArgs, MonthlyFormat,
    ReportFormat, SlaArgs,
};
use super::session::{Needs, Session};
use super::{Cli, ExitStatus, Fatal, emit, emit_bytes};
use crate::output::stamp::{self, Carrier};
use crate::output::{doc, due as due_out, gaps, handover, monthly as monthly_out, sla_report as render};
use crate::report::gaps::{Framework, build};
use crate::report::provenance::Provenance;
use crate::report::{due as due_model, handover as checklist, ledger, sla_report};
use crate::rules;

/// `YYYY-MM` → the first day of that month.
fn parse_month(text: &str) -> Result<jiff::civil::Date, Fatal> {
    let bad = || Fatal(format!("--month `{text}`: expected a month as YYYY-MM, e.g. 2026-10"));
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let (y, m): (i16, i8) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if !(1000..=9998).contains(&y) {
        return Err(Fatal(format!("--month `{text}`: the year must lie between 1000 and 9998")));
    }
    jiff::civil::Date::new(y, m, 1).map_err(|_| bad())
}

/// Where a report's figures come from: the records' commit, the digest of its inputs, the
/// configuration's digest and the `command` that made it.
fn provenance(cli: &Cli, repo: &crate::load::Repository, command: Vec<String>) -> Provenance {
    let provenance = Provenance {
        commit: None,
        no_commits_yet: false,
        dirty: false,
        inputs: repo.inputs_sha256(),
        files: repo.file_count(),
        config_sha256: crate::load::digest::sha256_hex(repo.config.text.as_bytes()),
        command,
        configuration: repo.config.disclosure(),
        integrity: Vec::new(),
    };
    match (&repo.snapshot, cli.no_git) {
        // Read from a revision: exactly that commit, nothing uncommitted.
        (Some(s), _) => Provenance { commit: Some(s.commit.clone()), dirty: false, ..provenance },
        (None, false) => match crate::load::git::head(&repo.root) {
            Some(head) => Provenance { commit: Some(head.commit), dirty: head.dirty, ..provenance },
            None => Provenance { no_commits_yet: crate::load::git::without_commits(&repo.root), ..provenance },
        },
        (None, true) => provenance,
    }
}

/// The unwaived integrity findings about records dated within `first`..=`last` (a ServiceReport
/// by its period), found by running the integrity rules and the waivers on `repo`.
fn integrity(
    repo: &crate::load::Repository,
    as_of: jiff::civil::Date,
    first: jiff::civil::Date,
    last: jiff::civil::Date,
) -> Vec<crate::report::provenance::IntegrityNote> {
    use crate::model::Kind;
    use crate::report::provenance::{INTEGRITY_RULES, IntegrityNote};
    let only: Vec<String> = INTEGRITY_RULES.iter().chain(&["GEN-006"]).map(|s| (*s).to_owned()).collect();
    let Ok(settings) = rules::Settings::new(&repo.config, &only, &[]) else { return Vec::new() };
    let r = &repo.records;
    // Each record's day, by kind and id (one pass per kind, then lookups).
    let day = |t: &crate::model::scalar::Ts| t.instant.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let mut days: std::collections::HashMap<(Kind, &str), (jiff::civil::Date, jiff::civil::Date)> =
        std::collections::HashMap::new();
    for i in &r.incidents {
        days.insert((Kind::Incident, i.id.value.as_str()), (day(&i.opened_at.value), day(&i.opened_at.value)));
    }
    for c in &r.changes {
        days.insert((Kind::Change, c.id.value.as_str()), (day(&c.requested_at.value), day(&c.requested_at.value)));
    }
    for a in &r.audits {
        days.insert((Kind::Audit, a.id.value.as_str()), (a.performed_at.value, a.performed_at.value));
    }
    for t in &r.restore_tests {
        days.insert((Kind::RestoreTest, t.id.value.as_str()), (t.performed_at.value, t.performed_at.value));
    }
    for d in &r.drills {
        days.insert((Kind::Drill, d.id.value.as_str()), (d.held_at.value, d.held_at.value));
    }
    for s in &r.service_reports {
        days.insert((Kind::ServiceReport, s.id.value.as_str()), (s.period.from.value, s.period.to.value));
    }
    rules::run(repo, &settings, as_of)
        .findings
        .into_iter()
        .filter(|f| f.waived_by.is_none() && INTEGRITY_RULES.contains(&f.rule))
        .filter(|f| {
            // A finding about a record no longer there (a deletion) or of no record counts.
            f.record
                .as_ref()
                .and_then(|rec| days.get(&(rec.kind, rec.id.as_str())))
                .is_none_or(|(from, to)| *from <= last && *to >= first)
        })
        .map(|f| {
            let location = repo
                .sources
                .locate(f.span)
                .map_or_else(String::new, |(file, start, _)| format!("{}:{}:{}", file.display, start.line, start.col));
            IntegrityNote { rule: f.rule, message: f.message, location }
        })
        .collect()
}

pub fn sla_report(cli: &Cli, args: &SlaArgs) -> Result<ExitStatus, Fatal> {
    let started = Instant::now();
    let Session { repo, ui, as_of, .. } =
        Session::open(cli, Needs { at: args.at.as_deref(), history: args.ticket.is_none(), ..Needs::default() })?;
    let loaded_in = started.elapsed();
    if let Some(ticket) = &args.ticket {
        let mut l =
            ledger::build(&repo, ticket, args.engagement.as_deref(), as_of).map_err(|e| Fatal(e.to_string()))?;
        let mut command: Vec<String> = vec!["report".into(), "sla".into(), "--ticket".into(), ticket.clone()];
        if let Some(e) = &args.engagement {
            command.extend(["--engagement".to_owned(), e.clone()]);
        }
        command.extend(made_with(&value_name(&args.format), as_of, ui.lang));
        l.provenance = provenance(cli, &repo, command);
        let p = &l.provenance;
        let text = match args.format {
            ReportFormat::Table => doc::text(&render::ledger_document(&l, ui.lang)),
            ReportFormat::Markdown => {
                stamp::embed(doc::markdown(&render::ledger_document(&l, ui.lang)), Carrier::Markdown, p)
            }
            ReportFormat::Html => stamp::embed(doc::html(&render::ledger_document(&l, ui.lang)), Carrier::Html, p),
            ReportFormat::Json => render::ledger_json(&l),
            ReportFormat::Csv => {
                return Err(Fatal("--ticket: the ledger is offered as table, markdown, json or html, not csv".into()));
            }
        };
        emit(&text, args.output.as_deref())?;
        return Ok(ExitStatus::Clean);
    }
    let text = sla_text(cli, args, &repo, &ui, as_of)?;
    if ui.verbose {
        super::say(&format!(
            "loaded {} records from {} files in {} ms; report in {} ms",
            repo.records.len(),
            repo.file_count(),
            loaded_in.as_millis(),
            (started.elapsed() - loaded_in).as_millis()
        ));
    }
    emit(&text, args.output.as_deref())?;
    // The process ends here: no need to free the records one by one.
    std::mem::forget(repo);
    // A report that was produced exits 0: breaches in it are content, not failure.
    Ok(ExitStatus::Clean)
}

/// The flags a recorded command ends with: the format, day and language the report was made
/// with, so that running it again gives the same bytes.
fn made_with(format: &str, as_of: jiff::civil::Date, lang: crate::model::Lang) -> [String; 6] {
    ["--format", format, "--as-of", &as_of.to_string(), "--lang", lang.code()].map(str::to_owned)
}

/// The name clap gives a value of an enumerated option.
fn value_name<T: clap::ValueEnum>(value: &T) -> String {
    value.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
}

/// The SLA report of `args` as text, with its provenance embedded (`itos verify` runs this
/// again on the commit it names).
pub(crate) fn sla_text(
    cli: &Cli,
    args: &SlaArgs,
    repo: &crate::load::Repository,
    ui: &super::Ui,
    as_of: jiff::civil::Date,
) -> Result<String, Fatal> {
    let month_text = args.month.clone().unwrap_or_default();
    let month = parse_month(&month_text)?;
    let mut command: Vec<String> = vec!["report".into(), "sla".into(), "--month".into(), month_text];
    for (flag, value) in [("--engagement", &args.engagement), ("--service", &args.service)] {
        if let Some(v) = value {
            command.extend([flag.to_owned(), v.clone()]);
        }
    }
    if let Some(n) = args.months {
        command.extend(["--months".to_owned(), n.to_string()]);
    }
    if args.reconcile {
        command.push("--reconcile".into());
    }
    if args.tickets.is_some() {
        command.extend(["--tickets".to_owned(), "all".to_owned()]);
    }
    command.extend(made_with(&value_name(&args.format), as_of, ui.lang));
    let mut provenance = provenance(cli, repo, command);
    provenance.integrity = integrity(repo, as_of, month, month.last_of_month());
    let request = sla_report::Request {
        month,
        as_of,
        engagement: args.engagement.clone(),
        service: args.service.clone(),
        months: args.months,
        reconcile: args.reconcile,
        register: args.tickets.is_some(),
    };
    let report = sla_report::build(repo, &request, provenance).map_err(|e| Fatal(e.to_string()))?;
    let p = &report.provenance;
    Ok(match args.format {
        ReportFormat::Table => doc::text(&render::document(&report, ui.lang)),
        ReportFormat::Markdown => {
            stamp::embed(doc::markdown(&render::document(&report, ui.lang)), Carrier::Markdown, p)
        }
        ReportFormat::Html => stamp::embed(doc::html(&render::document(&report, ui.lang)), Carrier::Html, p),
        ReportFormat::Json => render::json(&report, ui.lang),
        ReportFormat::Csv => stamp::embed(render::csv(&report), Carrier::Csv, p),
    })
}

pub fn gaps(cli: &Cli, args: &GapsArgs) -> Result<ExitStatus, Fatal> {
    let session = Session::open(cli, Needs { at: args.at.as_deref(), history: true, ..Needs::default() })?;
    session.calendar_notes();
    let Session { repo, ui, settings, as_of } = session;
    let by = match args.framework {
        GapsFramework::Manual => Framework::Manual,
        GapsFramework::Iso20000 => Framework::Iso20000,
    };
    let mut card = build(rules::run(&repo, &settings, as_of), by);
    card.configuration = repo.config.disclosure();
    let ids: Vec<&str> = repo.records.engagements.iter().map(|e| e.id.value.as_str()).collect();
    let scope = if ids.is_empty() { repo.root.display().to_string() } else { ids.join(", ") };
    let as_of = as_of.to_string();
    let text = match args.format {
        ReportFormat::Table => gaps::table(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Markdown => gaps::markdown(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Json => gaps::json(&card, &repo.sources, &scope, &as_of, ui.lang),
        ReportFormat::Csv => gaps::csv(&card, ui.lang),
        ReportFormat::Html => doc::html(&gaps::document(&card, &repo.sources, &scope, &as_of, ui.lang)),
    };
    emit(&text, args.output.as_deref())?;
    // A report that was produced exits 0: gaps in it are content, not failure.
    Ok(ExitStatus::Clean)
}

/// `itos report due`: the dated duties of every enabled rule (rules switched off in itos.toml
/// list nothing), overdue first. Exit 0 whenever the report is produced: overdue duties are
/// content, like breaches in `report sla`.
pub fn due(cli: &Cli, args: &DueArgs) -> Result<ExitStatus, Fatal> {
    let session = Session::open(cli, Needs { at: args.at.as_deref(), ..Needs::default() })?;
    let ids: Vec<String> = session.repo.records.engagements.iter().map(|e| e.id.value.clone()).collect();
    // An engagement that does not exist would list nothing and read as "nothing due".
    if let Some(want) = &args.engagement
        && !ids.contains(want)
    {
        let known = if ids.is_empty() { "none".to_owned() } else { ids.join(", ") };
        return Err(Fatal(format!("--engagement `{want}`: no such engagement (the repository holds: {known})")));
    }
    session.calendar_notes();
    let Session { repo, ui, settings, as_of } = session;
    let options =
        due_model::DueOptions { within: args.within, owner: args.owner.clone(), engagement: args.engagement.clone() };
    let report = due_model::build(&repo, &settings, as_of, &options);
    let scope = match &args.engagement {
        Some(e) => e.clone(),
        None if ids.is_empty() => repo.root.display().to_string(),
        None => ids.join(", "),
    };
    let text = match args.format {
        DueFormat::Table => due_out::table(&report, &scope, ui.lang),
        DueFormat::Markdown => due_out::markdown(&report, &scope, ui.lang),
        DueFormat::Json => due_out::json(&report, &scope, ui.lang),
        DueFormat::Csv => due_out::csv(&report, ui.lang),
        DueFormat::Ics => due_out::ics(&report, &scope, ui.lang),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitStatus::Clean)
}

/// `itos handover checklist`: exit 0 with the checklist; with `--strict`, 1 while anything is
/// pending or missing.
pub fn checklist(cli: &Cli, args: &ChecklistArgs) -> Result<ExitStatus, Fatal> {
    let session = Session::open(cli, Needs { at: args.at.as_deref(), ..Needs::default() })?;
    let engagement = checklist::choose(&session.repo, args.engagement.as_deref()).map_err(|e| Fatal(e.to_string()))?;
    session.calendar_notes();
    let (repo, ui) = (&session.repo, &session.ui);
    let cx = crate::context::Context::new(repo, session.as_of);
    let list = checklist::build(&cx, engagement, !cli.no_git);
    let text = match args.format {
        ChecklistFormat::Table => handover::table(&list, ui.lang),
        ChecklistFormat::Markdown => handover::markdown(&list, ui.lang),
        ChecklistFormat::Json => handover::json(&list, ui.lang),
    };
    emit(&text, args.output.as_deref())?;
    Ok(if args.strict && !list.complete() { ExitStatus::Findings } else { ExitStatus::Clean })
}

/// `itos report monthly`: the service report of one engagement, or of each into a folder.
pub fn monthly(cli: &Cli, args: &MonthlyArgs) -> Result<ExitStatus, Fatal> {
    use crate::report::monthly::{self, Period};
    let period = match (&args.month, &args.quarter, &args.year) {
        (Some(m), _, _) => Period::parse_month(m)
            .ok_or_else(|| Fatal(format!("--month `{m}`: expected YYYY-MM, e.g. 2026-10 (years 1000–9998)")))?,
        (_, Some(q), _) => Period::parse_quarter(q)
            .ok_or_else(|| Fatal(format!("--quarter `{q}`: expected YYYY-Qn, e.g. 2026-Q4 (years 1000–9998)")))?,
        (_, _, Some(y)) => Period::parse_year(y)
            .ok_or_else(|| Fatal(format!("--year `{y}`: expected YYYY, e.g. 2026 (years 1000–9998)")))?,
        (None, None, None) => return Err(Fatal("give --month YYYY-MM, --quarter YYYY-Qn or --year YYYY".into())),
    };
    let folder = args.output.as_deref().filter(|p| p.is_dir());
    let format = match (args.format, args.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(path)) if folder.is_none() => {
            match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
                Some("html" | "htm") => MonthlyFormat::Html,
                Some("docx") => MonthlyFormat::Docx,
                Some("json") => MonthlyFormat::Json,
                Some("md" | "markdown") => MonthlyFormat::Markdown,
                other => {
                    return Err(Fatal(format!(
                        "--output `{}`: cannot tell the format from the extension {}; use .html, .docx, .md or .json, or give --format",
                        path.display(),
                        other.map_or_else(|| "(none)".to_owned(), |e| format!("`.{e}`"))
                    )));
                }
            }
        }
        _ => MonthlyFormat::Markdown,
    };
    if format == MonthlyFormat::Docx && args.output.is_none() {
        return Err(Fatal("--format docx writes a Word file: give --output FILE.docx (or a folder)".into()));
    }
    let session = Session::open(cli, Needs { at: args.at.as_deref(), history: true, ..Needs::default() })?;
    session.calendar_notes();
    let Session { repo, ui, settings, as_of } = session;
    let (period_flag, period_text) = match (&args.month, &args.quarter, &args.year) {
        (Some(m), _, _) => ("--month", m.clone()),
        (_, Some(q), _) => ("--quarter", q.clone()),
        (_, _, y) => ("--year", y.clone().unwrap_or_default()),
    };
    let mut base = provenance(cli, &repo, Vec::new());
    base.integrity = integrity(&repo, as_of, period.first(), period.last());
    let engagements: Vec<String> = match (&args.engagement, folder) {
        (Some(id), _) => vec![monthly::engagement(&repo, Some(id)).map_err(|e| Fatal(e.to_string()))?.id.value.clone()],
        (None, Some(_)) => repo.records.engagements.iter().map(|e| e.id.value.clone()).collect(),
        (None, None) => vec![monthly::engagement(&repo, None).map_err(|e| Fatal(e.to_string()))?.id.value.clone()],
    };
    if engagements.is_empty() {
        return Err(Fatal(monthly::RequestError::NoEngagement.to_string()));
    }
    for id in engagements {
        let request = monthly::Request {
            period,
            as_of,
            engagement: id.clone(),
            prepared_by: repo.config.report.prepared_by.clone(),
        };
        let mut command =
            ["report", "monthly", period_flag, &period_text, "--engagement", &id].map(str::to_owned).to_vec();
        command.extend(made_with(&value_name(&format), as_of, ui.lang));
        let provenance = Provenance { command, ..base.clone() };
        let report = monthly::build(&repo, &settings, &request, provenance).map_err(|e| Fatal(e.to_string()))?;
        let p = &report.provenance;
        let bytes = match format {
            MonthlyFormat::Html => {
                stamp::embed(doc::html_print(&monthly_out::document(&report, ui.lang)), Carrier::Html, p).into_bytes()
            }
            // Dated the report's day: the same inputs give the same bytes.
            MonthlyFormat::Docx => crate::output::docx::docx_dated(&monthly_out::document(&report, ui.lang), as_of)
                .map_err(|e| Fatal(format!("the Word document could not be built: {e}")))?,
            MonthlyFormat::Markdown => {
                stamp::embed(doc::markdown(&monthly_out::document(&report, ui.lang)), Carrier::Markdown, p).into_bytes()
            }
            MonthlyFormat::Json => monthly_out::json(&report, ui.lang).into_bytes(),
        };
        let written = match folder {
            Some(dir) => {
                let ext = match format {
                    MonthlyFormat::Html => "html",
                    MonthlyFormat::Docx => "docx",
                    MonthlyFormat::Markdown => "md",
                    MonthlyFormat::Json => "json",
                };
                let path = dir.join(format!("{}.{ext}", report.number));
                emit_bytes(&bytes, Some(&path))?;
                Some(path)
            }
            None => {
                emit_bytes(&bytes, args.output.as_deref())?;
                args.output.clone()
            }
        };
        if let Some(path) = written.filter(|_| !ui.quiet) {
            // The path as the record would name it: relative to the records' root when inside.
            let absolute = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
            let root = std::path::absolute(&repo.root).unwrap_or_else(|_| repo.root.clone());
            let shown =
                absolute.strip_prefix(&root).map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
            let today = jiff::Timestamp::now().to_zoned_datetime(report.engagement.tz()).date();
            super::say(&monthly_out::delivery_hint(&report, &shown.replace('\\', "/"), today, ui.lang));
        }
    }
    // A report that was produced exits 0: findings in it are content.
    Ok(ExitStatus::Clean)
}
