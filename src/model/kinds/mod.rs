//! The record kinds of records.md. Each kind lives in its own file and is listed once in
//! `kinds!` below: that line gives it a `Kind` variant, a `Record` variant, a typed vector
//! in `Records`, decoding by its `kind:` name and a JSON Schema.

use serde_json::Value as Json;

use super::decode::Decoder;
use super::node::{Entry, Node};
use super::span::{Sp, Span};

/// What a reference field points at (records.md, "References").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Record(Kind),
    /// A service in the scope of the record's engagement.
    Service,
    /// A Calendar id or a built-in calendar (`24x7`, `cn-workdays`).
    Calendar,
    /// `Kind/id`, a bare id only one kind uses, or a `path:` glob (improvement sources).
    AnyRecord,
    /// A Person id or unique name, or the name of someone outside the team (free text,
    /// e.g. the customer's staff in an emergency plan): only a name several Persons share
    /// is reported.
    PersonOrText,
}

/// One reference of a record, for GEN-005.
#[derive(Clone, Copy, Debug)]
pub struct Ref<'r> {
    pub field: &'static str,
    pub target: Target,
    pub value: &'r Sp<String>,
}

/// One `path` field of a record, for GEN-005.
#[derive(Clone, Copy, Debug)]
pub struct FileRef<'r> {
    pub field: &'static str,
    pub value: &'r Sp<crate::model::scalar::RelPath>,
}

impl<'r> Ref<'r> {
    pub fn new(field: &'static str, target: Target, value: &'r Sp<String>) -> Self {
        Ref { field, target, value }
    }
}

/// Where a record's timestamps written without an offset are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeBasis<'r> {
    /// The engagement's `timezone`.
    Engagement,
    /// The `timezone` of the Sla of this service (incidents).
    SlaOf(&'r str),
}

/// What every record kind can tell about itself.
pub trait RecordKind {
    const KIND: Kind;
    fn id(&self) -> &Sp<String>;
    /// The `engagement:` field, for kinds that have one.
    fn engagement(&self) -> Option<&Sp<String>> {
        None
    }
    /// For kinds without `engagement:`, the record that carries it (RestoreTest → BackupPolicy).
    fn parent(&self) -> Option<(Kind, &Sp<String>)> {
        None
    }
    /// Reference fields that must resolve (GEN-005), excluding those a domain rule owns.
    fn refs<'r>(&'r self, _out: &mut Vec<Ref<'r>>) {}
    /// Files named by `path` fields, which must exist inside the repository (records.md,
    /// Scalars; GEN-005), except those a domain rule checks (a Handover's: HND-003).
    fn paths<'r>(&'r self, _out: &mut Vec<FileRef<'r>>) {}
    fn time_basis(&self) -> TimeBasis<'_> {
        TimeBasis::Engagement
    }
}

macro_rules! kinds {
    ($( $kind:ident ($module:ident) => $vec:ident, $folder:literal; )*) => {
        $( pub mod $module; pub use $module::$kind; )*

        /// A record kind, named as in `kind:`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind { $( $kind ),* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$( Kind::$kind ),*];

            pub fn name(self) -> &'static str {
                match self { $( Kind::$kind => stringify!($kind) ),* }
            }

            /// The kind inside Chinese sentences (变更, 服务项目 …), from `model::labels`.
            pub fn zh(self) -> &'static str {
                $crate::model::labels::label($crate::model::Lang::ZhCn, "Kind", self.name())
            }

            pub fn parse(s: &str) -> Option<Kind> {
                match s { $( stringify!($kind) => Some(Kind::$kind), )* _ => None }
            }

            /// The folder `itos init` creates for this kind.
            pub fn folder(self) -> &'static str {
                match self { $( Kind::$kind => $folder ),* }
            }

            pub fn fields(self) -> &'static [&'static str] {
                match self { $( Kind::$kind => $kind::FIELDS ),* }
            }

            pub fn schema(self) -> Json {
                match self { $( Kind::$kind => <$kind as super::decode::Decode>::schema() ),* }
            }
        }

        impl std::fmt::Display for Kind {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        /// One decoded record of any kind (boxed: kinds differ a lot in size).
        #[derive(Clone, Debug)]
        pub enum Record { $( $kind(Box<$kind>) ),* }

        impl Record {
            pub fn kind(&self) -> Kind {
                match self { $( Record::$kind(_) => Kind::$kind ),* }
            }
            pub fn id(&self) -> &Sp<String> {
                match self { $( Record::$kind(r) => r.id() ),* }
            }
            pub fn engagement(&self) -> Option<&Sp<String>> {
                match self { $( Record::$kind(r) => r.engagement() ),* }
            }
            pub fn parent(&self) -> Option<(Kind, &Sp<String>)> {
                match self { $( Record::$kind(r) => r.parent() ),* }
            }
            pub fn refs<'r>(&'r self, out: &mut Vec<Ref<'r>>) {
                match self { $( Record::$kind(r) => r.refs(out) ),* }
            }
            pub fn paths<'r>(&'r self, out: &mut Vec<FileRef<'r>>) {
                match self { $( Record::$kind(r) => r.paths(out) ),* }
            }
            pub fn time_basis(&self) -> TimeBasis<'_> {
                match self { $( Record::$kind(r) => r.time_basis() ),* }
            }
            pub fn fix_times(&mut self, tz: &jiff::tz::TimeZone) {
                match self { $( Record::$kind(r) => super::decode::Decode::fix_times(r.as_mut(), tz) ),* }
            }
            /// The record's mapping node span.
            pub fn span(&self) -> Span {
                match self { $( Record::$kind(r) => r.span ),* }
            }
        }

        /// Decode one record of `kind` from its mapping; `anchor` is its `id` value.
        pub fn decode_record(
            kind: Kind,
            node: &Node<'_>,
            anchor: Span,
            defaults: Option<&[Entry<'_>]>,
            d: &mut Decoder,
        ) -> Option<Record> {
            match kind {
                $( Kind::$kind => $kind::decode_with_defaults(node, anchor, defaults, d).map(|r| Record::$kind(Box::new(r))), )*
            }
        }

        /// Every loaded record, by kind, in a deterministic order (file, then position).
        #[derive(Clone, Debug, Default)]
        pub struct Records { $( pub $vec: Vec<$kind>, )* }

        impl Records {
            pub fn push(&mut self, record: Record) {
                match record { $( Record::$kind(r) => self.$vec.push(*r), )* }
            }

            /// Make room for `n` more records of `kind` at once (no regrowing large vectors).
            pub fn reserve(&mut self, kind: Kind, n: usize) {
                match kind { $( Kind::$kind => self.$vec.reserve(n), )* }
            }

            pub fn len(&self) -> usize {
                0 $( + self.$vec.len() )*
            }

            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Ids and spans of every record, kind by kind.
            pub fn ids(&self) -> Vec<(Kind, &Sp<String>)> {
                let mut out = Vec::with_capacity(self.len());
                $( out.extend(self.$vec.iter().map(|r| (Kind::$kind, r.id()))); )*
                out
            }

            /// The record at `position` in `kind`'s vector.
            pub fn get(&self, kind: Kind, position: usize) -> Option<RecordView<'_>> {
                match kind { $( Kind::$kind => self.$vec.get(position).map(RecordView::$kind), )* }
            }

            /// Visit every record as a `Record`-like view.
            pub fn for_each<'a>(&'a self, mut f: impl FnMut(RecordView<'a>)) {
                $( for r in &self.$vec { f(RecordView::$kind(r)); } )*
            }
        }

        /// A borrowed record of any kind.
        #[derive(Clone, Copy, Debug)]
        pub enum RecordView<'a> { $( $kind(&'a $kind) ),* }

        impl<'a> RecordView<'a> {
            pub fn kind(self) -> Kind {
                match self { $( RecordView::$kind(_) => Kind::$kind ),* }
            }
            pub fn id(self) -> &'a Sp<String> {
                match self { $( RecordView::$kind(r) => r.id() ),* }
            }
            pub fn engagement(self) -> Option<&'a Sp<String>> {
                match self { $( RecordView::$kind(r) => r.engagement() ),* }
            }
            pub fn parent(self) -> Option<(Kind, &'a Sp<String>)> {
                match self { $( RecordView::$kind(r) => r.parent() ),* }
            }
            pub fn refs(self, out: &mut Vec<Ref<'a>>) {
                match self { $( RecordView::$kind(r) => r.refs(out) ),* }
            }
            pub fn paths(self, out: &mut Vec<FileRef<'a>>) {
                match self { $( RecordView::$kind(r) => r.paths(out) ),* }
            }
            pub fn span(self) -> Span {
                match self { $( RecordView::$kind(r) => r.span ),* }
            }
        }
    };
}

kinds! {
    Engagement(engagement) => engagements, "engagements";
    Sla(sla) => slas, "slas";
    Calendar(calendar) => calendars, "calendars";
    System(system) => systems, "systems";
    Incident(incident) => incidents, "incidents";
    Problem(problem) => problems, "problems";
    Change(change) => changes, "changes";
    Audit(audit) => audits, "audits";
    BackupPolicy(backup_policy) => backup_policies, "backups";
    RestoreTest(restore_test) => restore_tests, "backups";
    DataAsset(data_asset) => data_assets, "data";
    AccessReview(access_review) => access_reviews, "access";
    Person(person) => people, "people";
    Training(training) => trainings, "trainings";
    Survey(survey) => surveys, "surveys";
    Feedback(feedback) => feedback, "feedback";
    Improvement(improvement) => improvements, "improvements";
    EmergencyPlan(emergency_plan) => emergency_plans, "emergency";
    Drill(drill) => drills, "emergency";
    Acceptance(acceptance) => acceptances, "acceptance";
    ServiceReport(service_report) => service_reports, "reports";
    ServicePlan(service_plan) => service_plans, "plans";
    RiskAssessment(risk_assessment) => risk_assessments, "risks";
    Meeting(meeting) => meetings, "meetings";
    Appraisal(appraisal) => appraisals, "appraisals";
    Subcontractor(subcontractor) => subcontractors, "subcontractors";
    Amendment(amendment) => amendments, "amendments";
    Handover(handover) => handovers, "handover";
    Waiver(waiver) => waivers, "waivers";
}

/// Calendars that need no Calendar record.
pub const BUILTIN_CALENDARS: &[&str] = &["24x7", "cn-workdays"];

/// Other spellings of a built-in calendar, as contracts write them (`7×24` is the usual
/// Chinese way to say around the clock): each names the same calendar as its target.
pub const CALENDAR_ALIASES: &[(&str, &str)] = &[("7x24", "24x7"), ("7×24", "24x7"), ("24×7", "24x7")];

/// Whether `name` is a built-in calendar or an alias of one.
pub fn is_builtin_calendar(name: &str) -> bool {
    BUILTIN_CALENDARS.contains(&name) || CALENDAR_ALIASES.iter().any(|(alias, _)| *alias == name)
}
