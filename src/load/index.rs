//! Lookup of records by kind and id, built once after loading (hash maps: reference
//! resolution stays linear in the number of records), plus the duplicate ids found.

use std::collections::HashMap;

use crate::model::kinds::{Kind, RecordView, Records};
use crate::model::{Sp, Span};

/// An id defined twice within a kind (GEN-004).
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub kind: Kind,
    pub id: String,
    pub first: Span,
    pub again: Span,
}

#[derive(Debug, Default)]
pub struct Index {
    /// Per kind (by `Kind as usize`): id → position in that kind's vector (first definition).
    ids: Vec<HashMap<String, usize>>,
    /// Ids of records left out for a GEN-003 error, per kind: references to them resolve.
    broken: Vec<std::collections::HashSet<String>>,
    /// Per kind: id → paths of the values left out of that record for a GEN-003 error.
    bad_paths: Vec<HashMap<String, Vec<String>>>,
    pub duplicates: Vec<Duplicate>,
}

impl Index {
    pub fn build(records: &Records, broken_ids: Vec<(Kind, String)>) -> Index {
        let mut ids: Vec<HashMap<String, usize>> = vec![HashMap::new(); Kind::ALL.len()];
        let mut spans: Vec<HashMap<String, Span>> = vec![HashMap::new(); Kind::ALL.len()];
        let mut duplicates = Vec::new();
        let mut position = vec![0usize; Kind::ALL.len()];
        for (kind, id) in records.ids() {
            let k = kind as usize;
            let pos = position[k];
            position[k] += 1;
            if let Some(first) = spans[k].get(id.value.as_str()) {
                duplicates.push(Duplicate { kind, id: id.value.clone(), first: *first, again: id.span });
            } else {
                spans[k].insert(id.value.clone(), id.span);
                ids[k].insert(id.value.clone(), pos);
            }
        }
        let mut broken = vec![std::collections::HashSet::new(); Kind::ALL.len()];
        for (kind, id) in broken_ids {
            broken[kind as usize].insert(id);
        }
        Index { ids, broken, bad_paths: Vec::new(), duplicates }
    }

    /// Record the values left out of loaded records (kind, id, paths).
    pub fn set_bad_paths(&mut self, records: Vec<(Kind, String, Vec<String>)>) {
        self.bad_paths = vec![HashMap::new(); Kind::ALL.len()];
        for (kind, id, paths) in records {
            self.bad_paths[kind as usize].entry(id).or_default().extend(paths);
        }
    }

    /// Whether the value at `field` (a path from the record, or a prefix of one: `evidence`
    /// covers `evidence[2]`) of record `kind`/`id` was left out for a GEN-003 error.
    pub fn value_left_out(&self, kind: Kind, id: &str, field: &str) -> bool {
        let Some(paths) = self.bad_paths.get(kind as usize).and_then(|m| m.get(id)) else { return false };
        paths.iter().any(|p| {
            p.strip_prefix(field).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
        })
    }

    /// Position of the record `kind`/`id` in its kind's vector of [`Records`].
    pub fn position(&self, kind: Kind, id: &str) -> Option<usize> {
        self.ids.get(kind as usize)?.get(id).copied()
    }

    /// Whether a record `kind`/`id` exists (even if it was left out for a GEN-003 error).
    /// Ids of records of `kind` that could not be loaded (GEN-003), sorted.
    pub fn broken_ids(&self, kind: Kind) -> Vec<&str> {
        let mut ids: Vec<&str> =
            self.broken.get(kind as usize).map(|b| b.iter().map(String::as_str).collect()).unwrap_or_default();
        ids.sort_unstable();
        ids
    }

    pub fn contains(&self, kind: Kind, id: &str) -> bool {
        self.position(kind, id).is_some() || self.broken.get(kind as usize).is_some_and(|b| b.contains(id))
    }

    /// Kinds that define `id` (for bare-id references such as waiver targets).
    pub fn kinds_with(&self, id: &str) -> Vec<Kind> {
        Kind::ALL.iter().copied().filter(|k| self.contains(*k, id)).collect()
    }

    /// Every id defined for `kind` (in no particular order).
    pub fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.ids.get(kind as usize).into_iter().flat_map(|m| m.keys().map(String::as_str))
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.ids.get(kind as usize).map_or(0, HashMap::len)
    }
}

/// The engagement a record belongs to, as written or implied: its own `engagement:`, its
/// parent's (RestoreTest → BackupPolicy), or the repository's only Engagement.
pub fn engagement_of<'a>(records: &'a Records, index: &Index, record: RecordView<'a>) -> Option<&'a Sp<String>> {
    if let Some(e) = record.engagement() {
        return Some(e);
    }
    if let Some((kind, parent_id)) = record.parent() {
        let pos = index.position(kind, parent_id)?;
        let parent = match kind {
            Kind::BackupPolicy => RecordView::BackupPolicy(records.backup_policies.get(pos)?),
            Kind::EmergencyPlan => RecordView::EmergencyPlan(records.emergency_plans.get(pos)?),
            Kind::Person => RecordView::Person(records.people.get(pos)?),
            _ => return None,
        };
        if let Some(e) = parent.engagement() {
            return Some(e);
        }
    }
    match records.engagements.as_slice() {
        [only] => Some(&only.id),
        _ => None,
    }
}
