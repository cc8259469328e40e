//! The service report the customer receives (`itos report monthly`, monthly.md): one model
//! of the 17 sections for a month, a quarter or a year, from the same computations as
//! `report sla` (the SLA figures), `validate` (the compliance section) and `report due`
//! (the next period). The renderers in `output::monthly` decide nothing.

mod period;
pub mod records;
pub mod sla;
mod summary;

use jiff::civil::Date;

use crate::calendar::dates::{Interval, add_days};
use crate::context::Context;
use crate::load::Repository;
use crate::model::kinds::Engagement;
use crate::model::{Finding, Msg, Severity};
use crate::report::due::{DueOptions, DueReport, Within};
use crate::report::provenance::Provenance;
use crate::rules::Settings;

pub use period::Period;
pub use summary::{Headline, Value};

/// What to report on.
#[derive(Clone, Debug)]
pub struct Request {
    pub period: Period,
    pub as_of: Date,
    pub engagement: String,
    /// `[report] prepared_by` in itos.toml.
    pub prepared_by: Option<String>,
}

/// The open findings of `validate` on the period's last day (section 14).
#[derive(Debug, Default)]
pub struct Compliance {
    pub day: Date,
    /// (manual section, errors, warnings), in the order of the sections.
    pub by_section: Vec<(String, usize, usize)>,
    pub errors: usize,
    pub warnings: usize,
    /// Open findings per rule.
    pub by_rule: std::collections::BTreeMap<&'static str, usize>,
    /// The ten most important: errors first, then by file and position.
    pub top: Vec<Finding>,
    /// Waivers in force on the day, and those of them expiring within 30 days.
    pub waivers_in_force: Vec<(String, String, Date)>,
    pub waivers_expiring: usize,
}

#[derive(Debug)]
pub struct MonthlyReport<'a> {
    pub period: Period,
    pub as_of: Date,
    pub engagement: &'a Engagement,
    pub prepared_by: Option<String>,
    pub provenance: Provenance,
    /// The report number: `<engagement>-<period>`.
    pub number: String,
    /// The days counted (the period, not past as-of).
    pub window: records::Window,
    pub sla: sla::SlaPart<'a>,
    pub previous: sla::SlaPart<'a>,
    pub sections: records::Sections<'a>,
    pub previous_sections: records::Sections<'a>,
    pub satisfaction: crate::figures::satisfaction::Satisfaction,
    pub headlines: Vec<Headline>,
    /// Up to five sentences naming what changed most, built from the figures.
    pub sentences: Vec<Msg>,
    pub compliance: Compliance,
    /// The duties overdue on the period's last day or due in the period after it.
    pub next: DueReport,
    /// Notes for the reader (a period not over yet, one outside the term …).
    pub warnings: Vec<Msg>,
    /// Person id or unique name → (name, id), to show people as the glossary does.
    people: std::collections::HashMap<String, (String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestError {
    NoEngagement,
    UnknownEngagement(String, Vec<String>),
    /// Several engagements and no `--engagement`.
    Ambiguous(Vec<String>),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::NoEngagement => {
                write!(f, "the repository holds no Engagement record: there is nothing to report on")
            }
            RequestError::UnknownEngagement(id, known) => {
                write!(f, "--engagement `{id}`: no such engagement (the repository holds: {})", known.join(", "))
            }
            RequestError::Ambiguous(ids) => write!(
                f,
                "the repository holds several engagements ({}): choose one with --engagement, or give --output a folder to write one report per engagement",
                ids.join(", ")
            ),
        }
    }
}

/// The engagement a report is for: the one asked for, or the only one.
pub fn engagement<'a>(repo: &'a Repository, wanted: Option<&str>) -> Result<&'a Engagement, RequestError> {
    let all = &repo.records.engagements;
    let ids = || all.iter().map(|e| e.id.value.clone()).collect::<Vec<_>>();
    match (wanted, all.as_slice()) {
        (_, []) => Err(RequestError::NoEngagement),
        (Some(id), _) => {
            all.iter().find(|e| e.id.value == id).ok_or_else(|| RequestError::UnknownEngagement(id.to_owned(), ids()))
        }
        (None, [one]) => Ok(one),
        (None, _) => Err(RequestError::Ambiguous(ids())),
    }
}

pub fn build<'a>(
    repo: &'a Repository,
    settings: &Settings,
    request: &Request,
    provenance: Provenance,
) -> Result<MonthlyReport<'a>, RequestError> {
    let engagement = engagement(repo, Some(&request.engagement))?;
    let (period, as_of) = (request.period, request.as_of);
    let cx = Context::new(repo, as_of);
    let window = records::Window::new(period, as_of, engagement.tz());
    let previous_window = records::Window::new(period.previous(), as_of, engagement.tz());
    let sla = sla::part(sla::months(repo, engagement, period, as_of));
    let previous = sla::part(sla::months(repo, engagement, period.previous(), as_of));
    let breached = |part: &sla::SlaPart<'_>| -> Vec<String> {
        part.services.iter().flat_map(|s| s.breaches.iter().map(|(_, b)| b.ticket.clone())).collect()
    };
    let sections = records::sections(&cx, engagement, period, &window, &breached(&sla));
    let previous_sections =
        records::sections(&cx, engagement, period.previous(), &previous_window, &breached(&previous));
    let surveys = cx.records.surveys.iter().filter(|s| {
        cx.engagement_of(crate::model::RecordView::Survey(s)).is_some_and(|e| e.value == engagement.id.value)
    });
    // Each survey once, over the whole period (decision 25).
    let satisfaction = crate::figures::satisfaction::satisfaction(surveys, window.first, window.last);
    let compliance = compliance(repo, settings, window.last, engagement);
    let next_within = Within(Interval::Months(period.months().len() as u32));
    let next = crate::report::due::build(
        repo,
        settings,
        window.last,
        &DueOptions { within: Some(next_within), owner: None, engagement: Some(engagement.id.value.clone()) },
    );
    let mut report = MonthlyReport {
        period,
        as_of,
        engagement,
        prepared_by: request.prepared_by.clone(),
        provenance,
        number: format!("{}-{}", engagement.id.value, period.code()),
        window,
        sla,
        previous,
        sections,
        previous_sections,
        satisfaction,
        headlines: Vec::new(),
        sentences: Vec::new(),
        compliance,
        next,
        warnings: Vec::new(),
        people: std::collections::HashMap::new(),
    };
    // A person written by id or unique name (Context::person), looked up once per text.
    let written = report
        .sections
        .problems
        .overdue
        .iter()
        .map(|p| p.owner.value.as_str())
        .chain(report.sections.improvements.listed.iter().map(|i| i.owner.value.as_str()))
        .chain(report.next.lines.iter().filter_map(|l| l.duty.owner.as_deref()))
        .chain(report.sections.people.appraisals.iter().map(|a| a.person.value.as_str()))
        .chain(report.sections.risks.open.iter().map(|x| x.owner.value.as_str()));
    for text in written {
        if let Some(p) = cx.person(text) {
            report.people.insert(text.to_owned(), (p.name.value.clone(), p.id.value.clone()));
        }
    }
    report.headlines = summary::headlines(&report);
    report.sentences = summary::sentences(&report);
    report.warnings = warnings(&report);
    Ok(report)
}

impl MonthlyReport<'_> {
    /// A person as written in a record, shown as `王磊（p-wang-lei）` (glossary) when the text
    /// names a Person by id or unique name; as written otherwise.
    pub fn person(&self, written: &str, lang: crate::model::Lang) -> String {
        match self.people.get(written) {
            Some((name, id)) if name != id && !name.trim().is_empty() => match lang {
                crate::model::Lang::En => format!("{name} ({id})"),
                crate::model::Lang::ZhCn => format!("{name}（{id}）"),
            },
            _ => written.to_owned(),
        }
    }

    /// Open findings on the period's last day of the rules whose id starts with `prefix`.
    pub fn compliance_count(&self, prefix: &str) -> usize {
        self.compliance.by_rule.iter().filter(|(rule, _)| rule.starts_with(prefix)).map(|(_, n)| n).sum()
    }
}

fn warnings(r: &MonthlyReport<'_>) -> Vec<Msg> {
    let mut out = Vec::new();
    let (first, last, as_of) = (r.period.first(), r.period.last(), r.as_of);
    let name_en = r.period.name(crate::model::Lang::En);
    let name_zh = r.period.name(crate::model::Lang::ZhCn);
    if first > as_of {
        out.push(crate::msg!(
            "{name_en} starts after the as-of day {as_of}: nothing of it is known yet",
            "{name_zh}在评估日 {as_of} 之后才开始，尚无任何数据"
        ));
    } else if last > as_of {
        out.push(crate::msg!(
            "{name_en} is not over: the report counts up to the as-of day {as_of}",
            "{name_zh}尚未结束，本报告数据统计至评估日 {as_of}"
        ));
    }
    let term = &r.engagement.term;
    if last < term.start.value || first > term.end.value {
        let (start, end) = (term.start.value, term.end.value);
        out.push(crate::msg!(
            "{name_en} lies outside the term ({start} – {end}): no service was due",
            "{name_zh}不在服务期（{start} 至 {end}）内，该期间无服务义务"
        ));
    }
    for report in &r.sla.reports {
        out.extend(report.warnings.iter().filter(|w| !out.contains(w)).cloned().collect::<Vec<_>>());
    }
    out
}

/// `validate` as of `day`: every unwaived finding about the engagement's records (a finding
/// about no record of any engagement counts for every engagement: a file that cannot be
/// read may hold any of them), counted.
fn compliance(repo: &Repository, settings: &Settings, day: Date, engagement: &Engagement) -> Compliance {
    let outcome = crate::rules::run(repo, settings, day);
    let cx = Context::new(repo, day);
    let belongs = |f: &Finding| {
        let owner = f.record.as_ref().and_then(|r| {
            let pos = cx.index.position(r.kind, &r.id)?;
            match cx.records.get(r.kind, pos)? {
                crate::model::RecordView::Engagement(e) => Some(e.id.value.as_str()),
                view => cx.engagement_of(view).map(|e| e.value.as_str()),
            }
        });
        owner.is_none_or(|id| id == engagement.id.value)
    };
    let open: Vec<Finding> = outcome.findings.into_iter().filter(|f| f.waived_by.is_none() && belongs(f)).collect();
    let mut by_section: std::collections::BTreeMap<String, (usize, usize)> = std::collections::BTreeMap::new();
    for f in &open {
        let section = crate::rules::find(f.rule).map_or("", |r| r.meta().section);
        let entry = by_section.entry(section.to_owned()).or_default();
        match f.severity {
            Severity::Error => entry.0 += 1,
            _ => entry.1 += 1,
        }
    }
    let errors = open.iter().filter(|f| f.severity == Severity::Error).count();
    let mut by_rule: std::collections::BTreeMap<&'static str, usize> = std::collections::BTreeMap::new();
    for f in &open {
        *by_rule.entry(f.rule).or_default() += 1;
    }
    let mut top: Vec<Finding> = open.iter().filter(|f| f.severity == Severity::Error).take(10).cloned().collect();
    top.extend(open.iter().filter(|f| f.severity != Severity::Error).take(10 - top.len()).cloned());
    let mut waivers_in_force: Vec<(String, String, Date)> = cx
        .records
        .waivers
        .iter()
        .filter(|w| w.expires.value >= day)
        .map(|w| (w.id.value.clone(), w.rule.value.clone(), w.expires.value))
        .collect();
    waivers_in_force.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    let soon = add_days(day, 30);
    let waivers_expiring = waivers_in_force.iter().filter(|w| w.2 <= soon).count();
    Compliance {
        day,
        by_section: by_section.into_iter().map(|(s, (e, w))| (s, e, w)).collect(),
        errors,
        warnings: open.len() - errors,
        by_rule,
        top,
        waivers_in_force,
        waivers_expiring,
    }
}
