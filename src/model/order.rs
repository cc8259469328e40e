//! The instants ordered by nature within a record (GEN-007, revision2-decisions.md 11): one
//! list, [`CHAINS`], from which the rule takes its pairs and against which its explanation is
//! tested, so the two cannot drift apart.
//!
//! Not here: approvals (their order is CHG-014's), and a pause or an outage that ends before
//! it starts (INC-002's, which also places them within the ticket's timeline).

use jiff::tz::TimeZone;

use crate::model::kinds::{Audit, Change, Feedback, Handover, Incident, Person};
use crate::model::{Date, Kind, RecordView, Sp, Span, Ts};

/// Fields of one kind in the order they happen: each present one is at or after every
/// present one before it. A list field (`[]`) is also ordered within itself where the
/// explanation says so (reopenings, priority changes).
pub struct Chain {
    pub kind: Kind,
    pub fields: &'static [&'static str],
}

/// Every chain GEN-007 judges (docs: the rule's explanation names each, as `a` ≤ `b` ≤ …).
pub static CHAINS: &[Chain] = &[
    Chain {
        kind: Kind::Incident,
        fields: &[
            "detected_at",
            "opened_at",
            "responded_at",
            "resolved_at",
            "reopened[].at",
            "reopened[].resolved_at",
            "closed_at",
        ],
    },
    Chain { kind: Kind::Incident, fields: &["opened_at", "arrived_at"] },
    Chain { kind: Kind::Incident, fields: &["opened_at", "restored_at"] },
    Chain { kind: Kind::Incident, fields: &["opened_at", "priority_changes[].at"] },
    Chain {
        kind: Kind::Change,
        fields: &["requested_at", "implementation.started_at", "implementation.finished_at", "verification.at"],
    },
    Chain { kind: Kind::Audit, fields: &["performed_at", "findings[].closed_at"] },
    Chain { kind: Kind::RestoreTest, fields: &["backup_taken_at", "performed_at"] },
    Chain { kind: Kind::Person, fields: &["joined", "left"] },
    Chain { kind: Kind::Feedback, fields: &["received_at", "resolution.at", "customer_confirmed_at"] },
    Chain { kind: Kind::Handover, fields: &["termination.notice_given_at", "termination.effective_at"] },
];

impl Chain {
    /// `a` ≤ `b` ≤ … as the explanation writes it.
    pub fn render(&self) -> String {
        self.fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" ≤ ")
    }
}

/// Whether `earlier` ≤ `later` is one of [`CHAINS`] of `kind` (a list field may follow itself).
pub fn declared(kind: Kind, earlier: &str, later: &str) -> bool {
    CHAINS.iter().filter(|c| c.kind == kind).any(|c| {
        let (Some(a), Some(b)) =
            (c.fields.iter().position(|f| *f == earlier), c.fields.iter().position(|f| *f == later))
        else {
            return false;
        };
        a < b || (a == b && earlier.contains("[]"))
    })
}

/// One end of a pair: a timestamp, or a date.
#[derive(Clone, Copy, Debug)]
pub enum When<'r> {
    At(&'r Sp<Ts>),
    On(&'r Sp<Date>),
}

impl When<'_> {
    pub fn span(&self) -> Span {
        match self {
            When::At(t) => t.span,
            When::On(d) => d.span,
        }
    }

    /// Its day: a timestamp's local date in `tz` (the engagement's zone), as the date rules do.
    fn day(&self, tz: &TimeZone) -> Date {
        match self {
            When::At(t) => t.value.instant.to_zoned_datetime(tz.clone()).date(),
            When::On(d) => d.value,
        }
    }
}

/// `earlier` ≤ `later` within one record.
#[derive(Debug)]
pub struct Pair<'r> {
    pub earlier_name: &'static str,
    pub earlier: When<'r>,
    pub later_name: &'static str,
    pub later: When<'r>,
}

impl Pair<'_> {
    /// Whether `later` is before `earlier` (equal is in order). Two timestamps compare as
    /// instants, two dates as days; a date and a timestamp compare as days, the timestamp's
    /// day taken in `tz` (a restore test dated 10-05 may restore a backup of 10-05 23:00).
    pub fn out_of_order(&self, tz: &TimeZone) -> bool {
        match (self.earlier, self.later) {
            (When::At(a), When::At(b)) => b.value.instant < a.value.instant,
            (a, b) => b.day(tz) < a.day(tz),
        }
    }

    /// Whether comparing needs the record's zone.
    pub fn needs_zone(&self) -> bool {
        !matches!((self.earlier, self.later), (When::At(_), When::At(_)) | (When::On(_), When::On(_)))
    }
}

/// Collects the pairs of one record: each present field after the present one before it.
struct Collect<'r> {
    kind: Kind,
    pairs: Vec<Pair<'r>>,
}

impl<'r> Collect<'r> {
    fn pair(&mut self, earlier_name: &'static str, earlier: When<'r>, later_name: &'static str, later: When<'r>) {
        debug_assert!(declared(self.kind, earlier_name, later_name), "{earlier_name} ≤ {later_name} is not in CHAINS");
        self.pairs.push(Pair { earlier_name, earlier, later_name, later });
    }

    /// A chain of optional points: each present one after the nearest present one before it.
    fn chain(&mut self, points: &[(&'static str, Option<When<'r>>)]) {
        let mut before: Option<(&'static str, When<'r>)> = None;
        for &(name, point) in points {
            let Some(point) = point else { continue };
            if let Some((earlier_name, earlier)) = before {
                self.pair(earlier_name, earlier, name, point);
            }
            before = Some((name, point));
        }
    }
}

/// The pairs of `record` that GEN-007 judges (none for kinds without ordered instants).
pub fn pairs(record: RecordView<'_>) -> Vec<Pair<'_>> {
    let mut c = Collect { kind: record.kind(), pairs: Vec::new() };
    match record {
        RecordView::Incident(i) => incident(&mut c, i),
        RecordView::Change(ch) => change(&mut c, ch),
        RecordView::Audit(a) => audit(&mut c, a),
        RecordView::RestoreTest(r) => c.chain(&[
            ("backup_taken_at", r.backup_taken_at.as_ref().map(When::At)),
            ("performed_at", Some(When::On(&r.performed_at))),
        ]),
        RecordView::Person(p) => person(&mut c, p),
        RecordView::Feedback(f) => feedback(&mut c, f),
        RecordView::Handover(h) => handover(&mut c, h),
        _ => {}
    }
    c.pairs
}

fn incident<'r>(c: &mut Collect<'r>, i: &'r Incident) {
    // The incident chain (with its reopenings) is also what the SLA engine needs in order.
    for (a, x, b, y) in i.ordered_pairs() {
        c.pair(a, When::At(x), b, When::At(y));
    }
}

fn change<'r>(c: &mut Collect<'r>, ch: &'r Change) {
    let imp = ch.implementation.as_ref();
    c.chain(&[
        ("requested_at", Some(When::At(&ch.requested_at))),
        ("implementation.started_at", imp.map(|i| When::At(&i.started_at))),
        ("implementation.finished_at", imp.map(|i| When::At(&i.finished_at))),
        ("verification.at", ch.verification.as_deref().map(|v| When::At(&v.at))),
    ]);
}

fn audit<'r>(c: &mut Collect<'r>, a: &'r Audit) {
    for f in &a.findings {
        if let Some(closed) = &f.closed_at {
            c.pair("performed_at", When::On(&a.performed_at), "findings[].closed_at", When::On(closed));
        }
    }
}

fn person<'r>(c: &mut Collect<'r>, p: &'r Person) {
    c.chain(&[("joined", Some(When::On(&p.joined))), ("left", p.left.as_ref().map(When::On))]);
}

fn feedback<'r>(c: &mut Collect<'r>, f: &'r Feedback) {
    c.chain(&[
        ("received_at", Some(When::At(&f.received_at))),
        ("resolution.at", f.resolution.as_ref().map(|r| When::At(&r.at))),
        ("customer_confirmed_at", f.customer_confirmed_at.as_ref().map(When::At)),
    ]);
}

fn handover<'r>(c: &mut Collect<'r>, h: &'r Handover) {
    let t = &h.termination;
    c.chain(&[
        ("termination.notice_given_at", Some(When::On(&t.notice_given_at))),
        ("termination.effective_at", Some(When::On(&t.effective_at))),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_declare_their_pairs_and_nothing_else() {
        assert!(declared(Kind::Change, "requested_at", "verification.at"));
        assert!(!declared(Kind::Change, "verification.at", "requested_at"));
        assert!(declared(Kind::Incident, "priority_changes[].at", "priority_changes[].at"));
        assert!(!declared(Kind::Person, "left", "left"));
    }
}
