//! The sections of a service report read from the records (monthly.md, sections 4–13):
//! counts and the records behind them, for one engagement over one period. Records are
//! placed by decision 24: incidents by `opened_at` (volumes), changes by
//! `implementation.started_at`, problems resolved by `closed_at`; nothing dated after the
//! as-of day counts.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::context::Context;
use crate::model::RecordView;
use crate::model::kinds::audit::{FindingStatus, IssueSeverity};
use crate::model::kinds::change::ChangeClass;
use crate::model::kinds::drill::DrillOutcome;
use crate::model::kinds::feedback::FeedbackClass;
use crate::model::kinds::improvement::ImprovementStatus;
use crate::model::kinds::problem::ProblemStatus;
use crate::model::kinds::{Engagement, Incident};
use crate::model::scalar::Ts;

use super::Period;

/// The days a period covers as the engagement lives them: from its first day to its last,
/// not past the as-of day, and the same as instants in the engagement's zone.
#[derive(Clone, Debug)]
pub struct Window {
    pub first: Date,
    /// The last day counted: the period's last, or the as-of day when earlier.
    pub last: Date,
    pub start: Timestamp,
    /// Exclusive.
    pub end: Timestamp,
    pub tz: TimeZone,
}

impl Window {
    pub fn new(period: Period, as_of: Date, tz: TimeZone) -> Window {
        let first = period.first();
        let last = period.last().min(as_of);
        let at = |d: Date| {
            crate::model::scalar::civil_in(&tz, d.to_datetime(jiff::civil::Time::midnight())).unwrap_or(Timestamp::MIN)
        };
        let end = last.tomorrow().map_or(Timestamp::MAX, at);
        Window { first, last, start: at(first), end: end.max(at(first)), tz }
    }

    pub fn has(&self, t: &Ts) -> bool {
        self.start <= t.instant && t.instant < self.end
    }

    pub fn has_day(&self, d: Date) -> bool {
        self.first <= d && d <= self.last
    }

    pub fn day_of(&self, t: &Ts) -> Date {
        t.instant.to_zoned_datetime(self.tz.clone()).date()
    }
}

/// Incident counts of one priority (or all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentCounts {
    pub priority: String,
    pub opened: usize,
    pub resolved: usize,
    pub open_at_end: usize,
    pub breached: usize,
    pub reopened: usize,
    pub reprioritised: usize,
}

impl IncidentCounts {
    /// Count `other`'s tickets too (the priority stays).
    pub fn add(&mut self, other: &IncidentCounts) {
        self.opened += other.opened;
        self.resolved += other.resolved;
        self.open_at_end += other.open_at_end;
        self.breached += other.breached;
        self.reopened += other.reopened;
        self.reprioritised += other.reprioritised;
    }
}

#[derive(Clone, Debug, Default)]
pub struct Incidents {
    pub by_priority: Vec<IncidentCounts>,
    pub total: IncidentCounts,
    /// (category, opened), most first, at most ten; tickets without a category as "".
    pub by_category: Vec<(String, usize)>,
    /// Categories beyond the ten, counted together.
    pub other_categories: usize,
    /// Tickets opened per day of the period (months only).
    pub daily: Vec<(Date, usize)>,
    /// Tickets opened per month, the six months up to the period's last; `None` for a month
    /// before the engagement's records begin (no data, not zero).
    pub trend: Vec<(Date, Option<usize>)>,
    /// Service requests (type `request`) opened, counted apart from incidents.
    pub requests: usize,
}

#[derive(Clone, Debug)]
pub struct MajorIncident<'a> {
    pub incident: &'a Incident,
    pub outage_seconds: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct Problems<'a> {
    pub resolved: usize,
    pub open: usize,
    pub known_errors: usize,
    pub overdue: Vec<&'a crate::model::kinds::Problem>,
}

/// Change counts of one class (or emergency, or all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    pub requested: usize,
    pub approved: usize,
    pub implemented: usize,
    pub successful: usize,
    pub failed: usize,
    pub rolled_back: usize,
}

impl ChangeCounts {
    pub fn add(&mut self, other: &ChangeCounts) {
        self.requested += other.requested;
        self.approved += other.approved;
        self.implemented += other.implemented;
        self.successful += other.successful;
        self.failed += other.failed;
        self.rolled_back += other.rolled_back;
    }
}

#[derive(Clone, Debug, Default)]
pub struct Changes<'a> {
    pub by_class: Vec<(ChangeClass, ChangeCounts)>,
    pub emergency: ChangeCounts,
    pub total: ChangeCounts,
    /// Planned downtime of changes implemented in the period, seconds per service.
    pub planned_downtime: Vec<(String, i64)>,
    /// Changes implemented in the period that started inside a freeze period.
    pub in_freeze: Vec<&'a crate::model::kinds::Change>,
}

#[derive(Clone, Debug, Default)]
pub struct Security<'a> {
    pub audits: Vec<&'a crate::model::kinds::Audit>,
    /// Open audit findings at the period's last day, by severity (low … critical).
    pub open_findings: Vec<(IssueSeverity, usize)>,
    /// Open findings past their due date: (audit, finding id, title, due).
    pub overdue_findings: Vec<(String, String, String, Date)>,
    pub access_reviews: Vec<&'a crate::model::kinds::AccessReview>,
    /// Exceptions found by reviews of the period, and those still not acted on.
    pub exceptions: usize,
    pub exceptions_open: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Backup<'a> {
    /// Each restore test of the period with its system's RTO/RPO (seconds), when known.
    pub tests: Vec<(&'a crate::model::kinds::RestoreTest, Option<i64>, Option<i64>)>,
}

#[derive(Clone, Debug, Default)]
pub struct People<'a> {
    pub joined: Vec<&'a crate::model::kinds::Person>,
    pub left: Vec<&'a crate::model::kinds::Person>,
    pub active: usize,
    /// Trainings held with their attendance.
    pub trainings: Vec<&'a crate::model::kinds::Training>,
    /// Appraisals performed in the period (§4.2).
    pub appraisals: Vec<&'a crate::model::kinds::Appraisal>,
    /// Meetings held in the period (§2.3, §4.3).
    pub meetings: Vec<&'a crate::model::kinds::Meeting>,
}

#[derive(Clone, Debug, Default)]
pub struct Feedback<'a> {
    pub received: usize,
    pub resolved: usize,
    pub confirmed: usize,
    pub open: usize,
    /// Urgent and important feedback received in the period.
    pub serious: Vec<&'a crate::model::kinds::Feedback>,
}

#[derive(Clone, Debug, Default)]
pub struct Improvements<'a> {
    /// Due in the period or still open at its end, in due order.
    pub listed: Vec<&'a crate::model::kinds::Improvement>,
    pub done: usize,
    pub open: usize,
    pub overdue: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Emergency<'a> {
    pub drills: Vec<&'a crate::model::kinds::Drill>,
    pub failed_or_partial: usize,
    /// Plans reviewed in the period.
    pub reviewed: Vec<&'a crate::model::kinds::EmergencyPlan>,
    pub plans: usize,
}

/// Everything of `engagement` read from its records over `w`.
#[derive(Debug)]
pub struct Sections<'a> {
    pub incidents: Incidents,
    pub major: Vec<MajorIncident<'a>>,
    pub problems: Problems<'a>,
    pub changes: Changes<'a>,
    pub security: Security<'a>,
    pub backup: Backup<'a>,
    pub people: People<'a>,
    pub feedback: Feedback<'a>,
    pub improvements: Improvements<'a>,
    pub emergency: Emergency<'a>,
    pub risks: Risks<'a>,
}

/// The risks still open at the period's end, from the latest assessment performed by then
/// (§2.2): what section 16 lists as open risks.
#[derive(Debug, Default)]
pub struct Risks<'a> {
    pub assessment: Option<&'a crate::model::kinds::RiskAssessment>,
    pub open: Vec<&'a crate::model::kinds::risk_assessment::RiskEntry>,
}

fn of<'a>(cx: &Context<'a>, eng: &Engagement, view: RecordView<'a>) -> bool {
    cx.engagement_of(view).is_some_and(|e| e.value == eng.id.value)
}

pub fn sections<'a>(
    cx: &Context<'a>,
    eng: &Engagement,
    period: Period,
    w: &Window,
    breached: &[String],
) -> Sections<'a> {
    Sections {
        incidents: incidents(cx, eng, period, w, breached),
        major: major(cx, eng, w),
        problems: problems(cx, eng, w),
        changes: changes(cx, eng, w),
        security: security(cx, eng, w),
        backup: backup(cx, eng, w),
        people: people(cx, eng, w),
        risks: risks(cx, eng, w),
        feedback: feedback(cx, eng, w),
        improvements: improvements(cx, eng, w),
        emergency: emergency(cx, eng, w),
    }
}

/// The priority a ticket has now: its last change's, else its own.
fn priority(i: &Incident) -> &str {
    i.priority_changes.last().map_or(i.priority.value.as_str(), |c| c.to.value.as_str())
}

fn incidents(cx: &Context<'_>, eng: &Engagement, period: Period, w: &Window, breached: &[String]) -> Incidents {
    let mut rows: BTreeMap<String, IncidentCounts> = BTreeMap::new();
    let mut categories: BTreeMap<String, usize> = BTreeMap::new();
    let mut daily: BTreeMap<Date, usize> = BTreeMap::new();
    let trend_months: Vec<Date> = (0..6)
        .rev()
        .filter_map(|back| w.last.first_of_month().checked_sub(jiff::Span::new().months(back)).ok())
        .collect();
    let mut trend: BTreeMap<Date, usize> = trend_months.iter().map(|m| (*m, 0)).collect();
    let mut requests = 0;
    let breached: std::collections::HashSet<&str> = breached.iter().map(String::as_str).collect();
    for i in cx.records.incidents.iter().filter(|i| !i.is_cancelled() && of(cx, eng, RecordView::Incident(i))) {
        let opened_day = w.day_of(&i.opened_at.value);
        if let Some(n) = trend.get_mut(&opened_day.first_of_month())
            && opened_day <= w.last
        {
            *n += 1;
        }
        if i.kind() == crate::model::kinds::incident::IncidentType::Request {
            if w.has(&i.opened_at.value) {
                requests += 1;
            }
            continue;
        }
        let row = rows
            .entry(priority(i).to_owned())
            .or_insert_with(|| IncidentCounts { priority: priority(i).to_owned(), ..IncidentCounts::default() });
        if w.has(&i.opened_at.value) {
            row.opened += 1;
            *categories.entry(i.category.as_ref().map_or_else(String::new, |c| c.value.clone())).or_default() += 1;
            *daily.entry(opened_day).or_default() += 1;
        }
        let resolved = i.final_resolved_at().filter(|r| r.value.instant < w.end);
        if resolved.is_some_and(|r| w.has(&r.value)) {
            row.resolved += 1;
        }
        if i.opened_at.value.instant < w.end && resolved.is_none() {
            row.open_at_end += 1;
        }
        if i.reopened.iter().any(|r| w.has(&r.at.value)) {
            row.reopened += 1;
        }
        if i.priority_changes.iter().any(|c| w.has(&c.at.value)) {
            row.reprioritised += 1;
        }
        if breached.contains(i.id.value.as_str()) {
            row.breached += 1;
        }
    }
    let by_priority: Vec<IncidentCounts> = rows.into_values().collect();
    let total = by_priority.iter().fold(IncidentCounts::default(), |mut t, r| {
        t.add(r);
        t
    });
    let mut by_category: Vec<(String, usize)> = categories.into_iter().collect();
    by_category.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let other_categories = by_category.iter().skip(10).map(|(_, n)| n).sum();
    by_category.truncate(10);
    let daily = if period.is_month() {
        let mut days = Vec::new();
        let mut d = w.first;
        while d <= w.last {
            days.push((d, daily.get(&d).copied().unwrap_or(0)));
            match d.tomorrow() {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        days
    } else {
        Vec::new()
    };
    Incidents {
        by_priority,
        total,
        by_category,
        other_categories,
        daily,
        trend: trend.into_iter().map(|(m, n)| (m, (m.last_of_month() >= eng.records_start()).then_some(n))).collect(),
        requests,
    }
}

fn major<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Vec<MajorIncident<'a>> {
    let mut out: Vec<MajorIncident<'a>> = cx
        .records
        .incidents
        .iter()
        .filter(|i| {
            i.is_major() && !i.is_cancelled() && of(cx, eng, RecordView::Incident(i)) && w.has(&i.opened_at.value)
        })
        .map(|i| MajorIncident {
            incident: i,
            outage_seconds: i.outage.as_ref().and_then(|o| {
                o.end.as_ref().filter(|e| e.value.instant < w.end).map(|e| e.value.seconds() - o.start.value.seconds())
            }),
        })
        .collect();
    out.sort_by_key(|m| m.incident.opened_at.value.instant);
    out
}

fn problems<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Problems<'a> {
    let mut p = Problems::default();
    for x in cx.records.problems.iter().filter(|x| of(cx, eng, RecordView::Problem(x))) {
        let done = matches!(x.status.value, ProblemStatus::Resolved | ProblemStatus::Closed);
        if x.closed_at.as_ref().is_some_and(|c| w.has_day(c.value)) {
            p.resolved += 1;
        }
        if !done {
            p.open += 1;
            if x.status.value == ProblemStatus::KnownError || x.known_error.as_ref().is_some_and(|k| k.value) {
                p.known_errors += 1;
            }
            if x.due.value < w.last {
                p.overdue.push(x);
            }
        }
    }
    p.overdue.sort_by_key(|x| (x.due.value, x.id.value.clone()));
    p
}

fn changes<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Changes<'a> {
    let mut by_class: BTreeMap<ChangeClass, ChangeCounts> = BTreeMap::new();
    let mut out = Changes::default();
    let mut downtime: BTreeMap<String, i64> = BTreeMap::new();
    let freezes = eng.calendar.as_ref().map(|c| crate::rules::chg::chg011::freezes(cx, &c.value)).unwrap_or_default();
    for c in cx.records.changes.iter().filter(|c| of(cx, eng, RecordView::Change(c))) {
        let mut n = ChangeCounts::default();
        if w.has(&c.requested_at.value) {
            n.requested = 1;
        }
        if c.approvals
            .iter()
            .any(|a| w.has(&a.at.value) && a.decision.value == crate::model::kinds::change::Decision::Approved)
        {
            n.approved = 1;
        }
        let implemented = c.implementation.as_ref().filter(|i| w.has(&i.started_at.value));
        if let Some(imp) = implemented {
            n.implemented = 1;
            match c.verification.as_ref().filter(|v| v.at.value.instant < w.end).map(|v| v.result.value) {
                Some(crate::model::kinds::change::CheckResult::Passed) => n.successful = 1,
                Some(_) => n.failed = 1,
                None => {}
            }
            if c.rollback.as_ref().is_some_and(|r| r.at.value.instant < w.end) {
                n.rolled_back = 1;
            }
            if let Some(pd) = &c.planned_downtime {
                let secs = pd.end.value.seconds() - pd.start.value.seconds();
                for s in &pd.services {
                    *downtime.entry(s.value.clone()).or_default() += secs.max(0);
                }
            }
            let started = imp.started_at.value.instant;
            if freezes.iter().any(|(f, tz)| {
                let day = started.to_zoned_datetime(tz.clone()).date();
                f.from.value <= day && day <= f.to.value
            }) {
                out.in_freeze.push(c);
            }
        }
        by_class.entry(c.class.value).or_default().add(&n);
        if c.emergency.as_ref().is_some_and(|e| e.value) {
            out.emergency.add(&n);
        }
        out.total.add(&n);
    }
    out.by_class = [ChangeClass::Standard, ChangeClass::Normal, ChangeClass::Major, ChangeClass::Critical]
        .into_iter()
        .map(|k| (k, by_class.get(&k).cloned().unwrap_or_default()))
        .collect();
    out.planned_downtime = downtime.into_iter().collect();
    out
}

fn security<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Security<'a> {
    let mut s = Security::default();
    let mut open: BTreeMap<IssueSeverity, usize> = BTreeMap::new();
    for a in cx.records.audits.iter().filter(|a| of(cx, eng, RecordView::Audit(a)) && a.performed_at.value <= w.last) {
        if w.has_day(a.performed_at.value) {
            s.audits.push(a);
        }
        for f in &a.findings {
            let open_then =
                f.status.value == FindingStatus::Open || f.closed_at.as_ref().is_some_and(|c| c.value > w.last);
            if open_then {
                *open.entry(f.severity.value).or_default() += 1;
                if f.due.value < w.last {
                    s.overdue_findings.push((
                        a.id.value.clone(),
                        f.id.value.clone(),
                        f.title.value.clone(),
                        f.due.value,
                    ));
                }
            }
        }
    }
    s.open_findings = [IssueSeverity::Critical, IssueSeverity::High, IssueSeverity::Medium, IssueSeverity::Low]
        .into_iter()
        .map(|k| (k, open.get(&k).copied().unwrap_or(0)))
        .collect();
    // The engagement's systems, once (no scan of every system per review).
    let systems: std::collections::HashSet<&str> = cx
        .records
        .systems
        .iter()
        .filter(|sys| of(cx, eng, RecordView::System(sys)))
        .map(|sys| sys.id.value.as_str())
        .collect();
    for r in cx.records.access_reviews.iter().filter(|r| w.has_day(r.performed_at.value)) {
        let of_engagement = systems.contains(r.system.value.as_str());
        if !of_engagement {
            continue;
        }
        s.access_reviews.push(r);
        s.exceptions += r.exceptions.len();
        s.exceptions_open +=
            r.exceptions.iter().filter(|e| e.done_at.as_ref().is_none_or(|d| d.value > w.last)).count();
    }
    s
}

fn backup<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Backup<'a> {
    let mut b = Backup::default();
    // Policies and systems by id, once (no scan of them per test).
    let policies: std::collections::HashMap<&str, &crate::model::kinds::BackupPolicy> = cx
        .records
        .backup_policies
        .iter()
        .filter(|p| of(cx, eng, RecordView::BackupPolicy(p)))
        .map(|p| (p.id.value.as_str(), p))
        .collect();
    let systems: std::collections::HashMap<&str, &crate::model::kinds::System> =
        cx.records.systems.iter().map(|s| (s.id.value.as_str(), s)).collect();
    for t in cx.records.restore_tests.iter().filter(|t| w.has_day(t.performed_at.value)) {
        let Some(policy) = policies.get(t.policy.value.as_str()) else { continue };
        let system = systems.get(policy.system.value.as_str());
        let rto = system.and_then(|s| s.rto.as_ref()).map(|d| d.value.seconds());
        let rpo = system.and_then(|s| s.rpo.as_ref()).map(|d| d.value.seconds());
        b.tests.push((t, rto, rpo));
    }
    b.tests.sort_by_key(|(t, ..)| (t.performed_at.value, t.id.value.clone()));
    b
}

fn people<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> People<'a> {
    let mut p = People::default();
    for x in cx.records.people.iter().filter(|x| of(cx, eng, RecordView::Person(x))) {
        if w.has_day(x.joined.value) {
            p.joined.push(x);
        }
        if x.left.as_ref().is_some_and(|l| w.has_day(l.value)) {
            p.left.push(x);
        }
        if x.joined.value <= w.last && x.left.as_ref().is_none_or(|l| l.value > w.last) {
            p.active += 1;
        }
    }
    p.trainings = cx
        .records
        .trainings
        .iter()
        .filter(|t| w.has_day(t.held_at.value) && of(cx, eng, RecordView::Training(t)))
        .collect();
    p.trainings.sort_by_key(|t| (t.held_at.value, t.id.value.clone()));
    p.appraisals = cx
        .records
        .appraisals
        .iter()
        .filter(|a| w.has_day(a.performed_at.value) && of(cx, eng, RecordView::Appraisal(a)))
        .collect();
    p.appraisals.sort_by_key(|a| (a.performed_at.value, a.id.value.clone()));
    p.meetings = cx
        .records
        .meetings
        .iter()
        .filter(|m| w.has_day(m.held_at.value) && of(cx, eng, RecordView::Meeting(m)))
        .collect();
    p.meetings.sort_by_key(|m| (m.held_at.value, m.id.value.clone()));
    p
}

fn risks<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Risks<'a> {
    let assessment = cx
        .records
        .risk_assessments
        .iter()
        .filter(|a| a.performed_at.value <= w.last && of(cx, eng, RecordView::RiskAssessment(a)))
        .max_by_key(|a| (a.performed_at.value, a.span.file, a.span.start));
    let open =
        assessment.map(|a| a.risks.iter().map(|r| &r.value).filter(|r| r.is_open()).collect()).unwrap_or_default();
    Risks { assessment, open }
}

fn feedback<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Feedback<'a> {
    let mut f = Feedback::default();
    for x in cx.records.feedback.iter().filter(|x| of(cx, eng, RecordView::Feedback(x))) {
        if x.received_at.value.instant >= w.end {
            continue;
        }
        if w.has(&x.received_at.value) {
            f.received += 1;
            if matches!(x.class.value, FeedbackClass::Urgent | FeedbackClass::Important) {
                f.serious.push(x);
            }
        }
        let resolved = x.resolution.as_ref().filter(|r| r.at.value.instant < w.end);
        if resolved.is_some_and(|r| w.has(&r.at.value)) {
            f.resolved += 1;
        }
        if x.customer_confirmed_at.as_ref().is_some_and(|c| w.has(&c.value)) {
            f.confirmed += 1;
        }
        if resolved.is_none() {
            f.open += 1;
        }
    }
    f
}

fn improvements<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Improvements<'a> {
    let mut m = Improvements::default();
    for i in cx.records.improvements.iter().filter(|i| of(cx, eng, RecordView::Improvement(i))) {
        let done = i.status.value == ImprovementStatus::Done;
        if w.has_day(i.due.value) || !done {
            m.listed.push(i);
        }
        if done && w.has_day(i.due.value) {
            m.done += 1;
        }
        if !done {
            m.open += 1;
            if i.due.value < w.last {
                m.overdue += 1;
            }
        }
    }
    m.listed.sort_by_key(|i| (i.due.value, i.id.value.clone()));
    m
}

fn emergency<'a>(cx: &Context<'a>, eng: &Engagement, w: &Window) -> Emergency<'a> {
    let mut e = Emergency::default();
    let plans: Vec<&crate::model::kinds::EmergencyPlan> =
        cx.records.emergency_plans.iter().filter(|p| of(cx, eng, RecordView::EmergencyPlan(p))).collect();
    e.plans = plans.len();
    let ids: std::collections::HashSet<&str> = plans.iter().map(|p| p.id.value.as_str()).collect();
    for d in cx.records.drills.iter().filter(|d| w.has_day(d.held_at.value)) {
        if ids.contains(d.plan.value.as_str()) {
            e.drills.push(d);
            if d.outcome.value != DrillOutcome::Passed {
                e.failed_or_partial += 1;
            }
        }
    }
    e.drills.sort_by_key(|d| (d.held_at.value, d.id.value.clone()));
    e.reviewed = plans.into_iter().filter(|p| w.has_day(p.reviewed_at.value)).collect();
    e
}
