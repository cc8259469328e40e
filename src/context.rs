//! The repository as of a day: what rules and reports look at. The records, their index,
//! the policy and calendars, and the as-of day with what was known by its end in each
//! engagement's zone (rules.md, "How rules read time": evidence dated after it is ignored).
//! Built once per command and shared by every rule and report.

use jiff::civil::Date;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::calendar::{Calendars, WorkCalendar};
use crate::config::Policy;
use crate::load::{Index, Repository};
use crate::model::kinds::{Engagement, Person, RecordView, Records, Sla, Training};
use crate::model::{Kind, Sp, Span};

/// The repository as of a day.
pub struct Context<'a> {
    pub repo: &'a Repository,
    pub records: &'a Records,
    pub index: &'a Index,
    pub policy: &'a Policy,
    pub calendars: &'a Calendars,
    /// End of this day in the engagement's time zone is "now" for time-dependent duties.
    pub as_of: Date,
    /// The end of the as-of day in each engagement's zone, by engagement id, and in the
    /// default zone for records of no known engagement: evidence at or after it is ignored.
    known_before: HashMap<String, jiff::Timestamp>,
    known_before_default: jiff::Timestamp,
    /// (engagement id, service) → Sla, for the lookups of incident rules.
    slas: HashMap<(&'a str, &'a str), &'a Sla>,
    /// Person `name` → the positions of the Persons of that name, built once: person fields
    /// may name a Person by its exact name when no other Person has it.
    people_by_name: HashMap<&'a str, Vec<usize>>,
    /// Person position → the positions of the Trainings it attended, built on first use: the
    /// training rules look attendance up per person instead of scanning every Training for
    /// every Person. Positions, not references, keep `Context` covariant in `'a`.
    attendance: OnceLock<HashMap<usize, Vec<usize>>>,
    /// Engagement id → the position of its first Handover (path order), built on first use:
    /// every engagement-wide duty asks for it, so it is looked up, not scanned for.
    handover_by_engagement: OnceLock<HashMap<String, usize>>,
    /// The exit of every engagement with a Handover, when a run prepared it for the eight HND
    /// rules (one build per run, not one per rule).
    exits: Option<Vec<crate::exit::Exit<'a>>>,
}

/// What a person field names (see [`Context::person_named`]).
#[derive(Debug)]
pub enum PersonName<'a> {
    Person(&'a Person),
    /// The name of more than one Person: which one is meant cannot be told.
    Ambiguous(Vec<&'a Person>),
    Unknown,
}

impl<'a> Context<'a> {
    pub fn new(repo: &'a Repository, as_of: Date) -> Self {
        let mut cx = Context {
            repo,
            records: &repo.records,
            index: &repo.index,
            policy: &repo.config.policy,
            calendars: &repo.calendars,
            as_of,
            known_before: HashMap::new(),
            known_before_default: jiff::Timestamp::MAX,
            slas: HashMap::new(),
            people_by_name: HashMap::new(),
            attendance: OnceLock::new(),
            handover_by_engagement: OnceLock::new(),
            exits: None,
        };
        cx.known_before_default = cx.as_of_end(&crate::model::scalar::default_tz());
        cx.known_before =
            repo.records.engagements.iter().map(|e| (e.id.value.clone(), cx.as_of_end(&e.tz()))).collect();
        let mut slas = HashMap::new();
        for sla in &repo.records.slas {
            if let Some(e) = cx.engagement_of(RecordView::Sla(sla)) {
                slas.entry((e.value.as_str(), sla.service.value.as_str())).or_insert(sla);
            }
        }
        cx.slas = slas;
        for (pos, p) in repo.records.people.iter().enumerate() {
            cx.people_by_name.entry(p.name.value.as_str()).or_default().push(pos);
        }
        cx
    }

    /// The source text a span covers (values quoted in messages exactly as written).
    pub fn text(&self, span: Span) -> &'a str {
        self.repo.sources.get(span.file).map_or("", |f| f.slice(span))
    }

    /// The absent `fields` (name, its words in Chinese, present) of the mapping at `under` (a
    /// path from the record, `""` for the record itself), listed for a message: the names
    /// joined with commas, and the Chinese words as a Chinese list (业务、技术、安全、成本). A
    /// field whose value was left out of record `kind`/`id` for a GEN-003 error is not missing:
    /// it was reported at its value. `None`: nothing missing.
    pub fn missing(
        &self,
        kind: Kind,
        id: &str,
        under: &str,
        fields: &[(&str, &str, bool)],
    ) -> Option<(String, String)> {
        let left_out = |name: &str| {
            let path = if under.is_empty() { name.to_owned() } else { format!("{under}.{name}") };
            self.repo.index.value_left_out(kind, id, &path)
        };
        let absent: Vec<(&str, &str)> = fields
            .iter()
            .filter(|(name, _, present)| !present && !left_out(name))
            .map(|(name, zh, _)| (*name, *zh))
            .collect();
        (!absent.is_empty()).then(|| {
            let en: Vec<&str> = absent.iter().map(|(n, _)| *n).collect();
            let zh: Vec<&str> = absent.iter().map(|(_, z)| *z).collect();
            (en.join(", "), crate::model::labels::zh_list(&zh))
        })
    }

    /// The engagement id a record belongs to (its own, its parent's, or the only one).
    pub fn engagement_of(&self, record: RecordView<'a>) -> Option<&'a Sp<String>> {
        crate::load::index::engagement_of(self.records, self.index, record)
    }

    pub fn engagement(&self, id: &str) -> Option<&'a Engagement> {
        let pos = self.index.position(Kind::Engagement, id)?;
        self.records.engagements.get(pos)
    }

    /// The Engagement record a record belongs to.
    pub fn engagement_for(&self, record: RecordView<'a>) -> Option<&'a Engagement> {
        self.engagement_of(record).and_then(|e| self.engagement(e))
    }

    /// The Sla of `service` in engagement `engagement`.
    pub fn sla(&self, engagement: &str, service: &str) -> Option<&'a Sla> {
        self.slas.get(&(engagement, service)).copied()
    }

    /// The Person a person field names: by id, else by its exact `name` when that name is
    /// unique among Persons. An empty value names nobody.
    pub fn person(&self, written: &str) -> Option<&'a Person> {
        match self.person_named(written) {
            PersonName::Person(p) => Some(p),
            PersonName::Ambiguous(_) | PersonName::Unknown => None,
        }
    }

    /// What a person field's value names: a Person (by id, or by a unique name), several
    /// Persons of that name, or none.
    pub fn person_named(&self, written: &str) -> PersonName<'a> {
        if written.trim().is_empty() {
            return PersonName::Unknown;
        }
        if let Some(p) = self.index.position(Kind::Person, written).and_then(|pos| self.records.people.get(pos)) {
            return PersonName::Person(p);
        }
        match self.people_by_name.get(written).map(Vec::as_slice) {
            Some([one]) => self.records.people.get(*one).map_or(PersonName::Unknown, PersonName::Person),
            Some(many) if !many.is_empty() => {
                PersonName::Ambiguous(many.iter().filter_map(|&pos| self.records.people.get(pos)).collect())
            }
            _ => PersonName::Unknown,
        }
    }

    /// A person in a Chinese sentence (glossary: 陈杰（p-chen-jie）): name first, id in
    /// brackets; what was written, unchanged, when it names no single Person.
    pub fn person_zh(&self, written: &str) -> String {
        match self.person(written) {
            Some(p) if p.name.value.trim().is_empty() || p.name.value == p.id.value => p.id.value.clone(),
            Some(p) => format!("{}（{}）", p.name.value, p.id.value),
            None => written.to_owned(),
        }
    }

    /// A service in a Chinese sentence (glossary: 服务“桌面运维支持”(desktop-support)): its
    /// scope `description` in `engagement` first; `服务 id ` (a space before the Chinese that follows) when the scope does not list it.
    pub fn service_zh(&self, engagement: Option<&str>, service: &str) -> String {
        let described = engagement
            .and_then(|e| self.engagement(e))
            .and_then(|e| e.scope.iter().find(|s| s.service.value == service))
            .map(|s| s.description.value.trim())
            .filter(|d| !d.is_empty());
        match described {
            Some(d) => format!("服务“{d}”（{service}）"),
            None => format!("服务 {service} "),
        }
    }

    /// The first Handover (in path order) of the engagement `id`, if any.
    pub fn handover_of(&self, id: &str) -> Option<&'a crate::model::kinds::Handover> {
        let by_engagement = self.handover_by_engagement.get_or_init(|| {
            let mut map = HashMap::new();
            for (pos, h) in self.records.handovers.iter().enumerate() {
                if let Some(e) = self.engagement_of(RecordView::Handover(h)) {
                    map.entry(e.value.clone()).or_insert(pos);
                }
            }
            map
        });
        by_engagement.get(id).and_then(|&pos| self.records.handovers.get(pos))
    }

    /// The Trainings that list Person `id` among their `attendees`, in file order. An attendee
    /// is resolved as every person field is ([`Context::person`]: the id, or a name no other
    /// Person has), so a shared name counts for nobody.
    pub fn trainings_attended(&self, id: &str) -> Vec<&'a Training> {
        let by_person = self.attendance.get_or_init(|| {
            let mut by_person: HashMap<usize, Vec<usize>> = HashMap::new();
            for (tpos, t) in self.records.trainings.iter().enumerate() {
                for a in &t.attendees {
                    let Some(p) = self.person(&a.value) else { continue };
                    let Some(ppos) = self.index.position(Kind::Person, &p.id.value) else { continue };
                    let list = by_person.entry(ppos).or_default();
                    // Listed twice (by id and by name) is still one session attended.
                    if list.last() != Some(&tpos) {
                        list.push(tpos);
                    }
                }
            }
            by_person
        });
        let positions = self.index.position(Kind::Person, id).and_then(|pos| by_person.get(&pos));
        positions.into_iter().flatten().filter_map(|&tpos| self.records.trainings.get(tpos)).collect()
    }

    /// A calendar by id (unknown ids fall back to `cn-workdays`; GEN-005 reports them).
    pub fn calendar(&self, id: &str) -> &'a WorkCalendar {
        self.calendars.get_or_default(id)
    }

    /// The calendar that counts an engagement's working days (`calendar`, default cn-workdays).
    pub fn working_days(&self, engagement: Option<&Engagement>) -> &'a WorkCalendar {
        let id =
            engagement.and_then(|e| e.calendar.as_ref()).map_or(crate::calendar::CN_WORKDAYS, |c| c.value.as_str());
        self.calendar(id)
    }

    /// Whether a person works on the engagement at the as-of date (joined, not yet left).
    pub fn is_active(&self, person: &Person) -> bool {
        person.joined.value <= self.as_of && person.left.as_ref().is_none_or(|l| l.value > self.as_of)
    }

    /// The end of the as-of day in the zone of `record`'s engagement.
    fn known_before(&self, record: RecordView<'_>) -> jiff::Timestamp {
        self.engagement_of(record)
            .and_then(|e| self.known_before.get(e.value.as_str()))
            .copied()
            .unwrap_or(self.known_before_default)
    }

    /// Whether a timestamp of `record` had happened by the end of the as-of day in its
    /// engagement's zone. Evidence dated after as-of is ignored (rules.md), so a re-run for a
    /// past day judges what was known then.
    pub fn known(&self, record: RecordView<'_>, ts: &crate::model::scalar::Ts) -> bool {
        ts.instant < self.known_before(record)
    }

    /// A ticket's final resolution as known at as-of.
    pub fn resolved<'x>(
        &self,
        incident: &'x crate::model::kinds::incident::Incident,
    ) -> Option<&'x crate::model::Sp<crate::model::scalar::Ts>> {
        incident.resolved_before(self.known_before(RecordView::Incident(incident)))
    }

    /// Whether a date had come by the as-of day.
    pub fn known_date(&self, date: Date) -> bool {
        date <= self.as_of
    }

    /// Build the exits once, for the rules that all read them (see [`Context::prepared_exits`]).
    pub fn prepare_exits(&mut self) {
        self.exits = Some(crate::exit::exits(self));
    }

    /// The exits of the engagements that have a Handover, when prepared.
    pub fn prepared_exits(&self) -> Option<&[crate::exit::Exit<'a>]> {
        self.exits.as_deref()
    }

    /// The end of the as-of day in `tz`: instants at or after it have not happened yet.
    pub fn as_of_end(&self, tz: &jiff::tz::TimeZone) -> jiff::Timestamp {
        let next = crate::calendar::dates::add_days(self.as_of, 1);
        crate::model::scalar::civil_in(tz, next.to_datetime(jiff::civil::Time::midnight()))
            .unwrap_or(jiff::Timestamp::MAX)
    }
}
