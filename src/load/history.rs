//! The records' git history, read in one walk (rules.md, "Git history"): records are
//! tracked by (kind, id) across files and renames and compared as parsed values ignoring
//! `x-` keys, so re-indenting or moving a record between files is neither a rewrite nor a
//! deletion. The walk yields the events the history rules judge: a record changed after it
//! reached its final state, and a record deleted.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;

use crate::config::Limits;
use crate::model::Kind;
use crate::model::node::{Node, Value};
use crate::model::scalar::parse_date;

/// A commit as findings name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitInfo {
    pub id: String,
    pub author: String,
    /// Committer time.
    pub time: jiff::Timestamp,
}

impl CommitInfo {
    pub fn short(&self) -> &str {
        self.id.get(..10).unwrap_or(&self.id)
    }

    pub fn date(&self) -> String {
        self.time.strftime("%Y-%m-%d").to_string()
    }
}

/// One record as a commit holds it: flattened to `path → scalar text`, `x-` keys left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub kind: Kind,
    pub id: String,
    pub fields: BTreeMap<String, String>,
    /// The file it was in, records-root-relative.
    pub file: String,
}

impl Version {
    fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    fn date(&self, key: &str) -> Option<Date> {
        self.get(key).and_then(|t| t.get(..10)).and_then(|d| parse_date(d).ok())
    }

    /// Whether the record has reached the state after which it must not change
    /// (rules.md: Change and Incident once closed; Audit once all findings are closed or
    /// accepted; RestoreTest and Drill from their first commit).
    pub fn is_final(&self) -> bool {
        match self.kind {
            Kind::Change => self.get("status") == Some("closed"),
            Kind::Incident => match self.get("status") {
                Some(s) => s == "closed",
                None => self.get("closed_at").is_some(),
            },
            Kind::Audit => self
                .fields
                .iter()
                .filter(|(k, _)| k.starts_with("findings[") && k.ends_with("].status"))
                .all(|(_, v)| v == "closed" || v == "accepted"),
            Kind::RestoreTest | Kind::Drill => true,
            _ => false,
        }
    }

    /// The record's own date, from which retention runs.
    pub fn own_date(&self) -> Option<Date> {
        match self.kind {
            Kind::Change | Kind::Incident => self.date("closed_at"),
            Kind::Audit | Kind::RestoreTest => self.date("performed_at"),
            Kind::Drill => self.date("held_at"),
            _ => None,
        }
    }

    /// The first field (in path order) whose value differs from `other`.
    pub fn first_difference(&self, other: &Version) -> Option<String> {
        let keys: std::collections::BTreeSet<&String> = self.fields.keys().chain(other.fields.keys()).collect();
        keys.into_iter().find(|k| self.fields.get(*k) != other.fields.get(*k)).cloned()
    }
}

/// The kinds whose history is judged.
pub fn tracked(kind: Kind) -> bool {
    matches!(kind, Kind::Change | Kind::Incident | Kind::Audit | Kind::RestoreTest | Kind::Drill)
}

/// What happened to a record in a commit.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Changed after it was final: the version before and after.
    Rewritten { before: Box<Version>, after: Box<Version>, commit: CommitInfo },
    /// Deleted (not moved): its last version and the text of the file it was in.
    Deleted { before: Box<Version>, text: String, commit: CommitInfo },
}

/// The result of one walk.
#[derive(Clone, Debug, Default)]
pub struct History {
    pub events: Vec<Event>,
    pub commits: usize,
    /// Set in a shallow clone: the oldest commit reached.
    pub shallow_from: Option<CommitInfo>,
    /// For each `Deleted` event in order, the source added for its last text.
    pub deleted_sources: Vec<crate::model::FileId>,
    /// File versions over `limits.max_file_bytes` (records-root-relative path, commit):
    /// not read, so their records are not judged in that commit.
    pub oversized: Vec<(String, CommitInfo)>,
    /// Every file (records-root-relative) that held at least one record in some commit read.
    pub record_files: std::collections::BTreeSet<String>,
    /// The commit (id, who, when) that first held each customer decision (GIT-005).
    pub introduced: HashMap<DecisionKey, (String, CommitInfo)>,
}

/// A customer decision by what it says: (kind, record id, its content).
pub type DecisionKey = (Kind, String, String);

/// A customer decision a record version holds: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The flattened path of its node (`approvals[1]`), or `""` for the whole record.
    pub path: String,
    /// Its fields, `key=value` joined: a decision changed in any field is a new decision.
    pub content: String,
}

/// The customer's decisions in a record (assurance.md, GIT-005): a Change's approvals and a
/// risk's acceptance with `party: customer`, a Waiver's or Subcontractor's
/// `customer_approval`, an Amendment. A Waiver and an Amendment are judged whole (what was
/// approved is the record), an approval by its own fields.
pub fn customer_decisions(v: &Version) -> Vec<Decision> {
    let part = |prefix: &str| -> String {
        v.fields
            .range(prefix.to_owned()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, val)| format!("{}={val};", &k[prefix.len()..]))
            .collect()
    };
    let whole = || v.fields.iter().map(|(k, val)| format!("{k}={val};")).collect::<String>();
    let parties = |list: &str, suffix: &str| -> Vec<Decision> {
        v.fields
            .iter()
            .filter(|(k, val)| *val == "customer" && k.starts_with(list) && k.ends_with(&format!("{suffix}.party")))
            .filter_map(|(k, _)| k.strip_suffix(".party"))
            .map(|path| Decision { path: path.to_owned(), content: part(&format!("{path}.")) })
            .collect()
    };
    match v.kind {
        Kind::Change => parties("approvals[", "]"),
        Kind::RiskAssessment => parties("risks[", "].accepted_by"),
        Kind::Waiver if v.fields.keys().any(|k| k.starts_with("customer_approval.")) => {
            vec![Decision { path: "customer_approval".to_owned(), content: whole() }]
        }
        Kind::Subcontractor if v.fields.keys().any(|k| k.starts_with("customer_approval.")) => {
            vec![Decision { path: "customer_approval".to_owned(), content: part("customer_approval.") }]
        }
        Kind::Amendment => vec![Decision { path: String::new(), content: whole() }],
        _ => Vec::new(),
    }
}

impl History {
    /// The deleted events with the source of their last text.
    pub fn deletions(&self) -> impl Iterator<Item = (&Version, &CommitInfo, Option<crate::model::FileId>)> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Deleted { before, commit, .. } => Some((before.as_ref(), commit)),
                Event::Rewritten { .. } => None,
            })
            .enumerate()
            .map(|(i, (v, c))| (v, c, self.deleted_sources.get(i).copied()))
    }

    pub fn rewrites(&self) -> impl Iterator<Item = (&Version, &Version, &CommitInfo)> {
        self.events.iter().filter_map(|e| match e {
            Event::Rewritten { before, after, commit } => Some((before.as_ref(), after.as_ref(), commit)),
            Event::Deleted { .. } => None,
        })
    }
}

/// The span of field `path` of record (kind, id) in `text` (a file of `file`), if there.
pub fn span_in(
    text: &str,
    file: crate::model::FileId,
    kind: Kind,
    id: &str,
    path: &str,
    limits: &Limits,
) -> Option<crate::model::Span> {
    let parsed = super::yaml::parse(text, file, limits);
    for doc in &parsed.documents {
        if doc.get("kind").and_then(|e| e.value.as_scalar()).and_then(Kind::parse) != Some(kind) {
            continue;
        }
        let candidates: Vec<&Node<'_>> = match doc.get("items").map(|i| &i.value.value) {
            Some(Value::Seq(items)) => items.iter().collect(),
            _ => vec![doc],
        };
        for node in candidates {
            if node.get("id").and_then(|e| e.value.as_scalar()) == Some(id) {
                // A field set by the batch's defaults is found there.
                let target = locate(node, path)
                    .or_else(|| doc.get("defaults").and_then(|d| locate(&d.value, path)))
                    .or_else(|| node.get("id").map(|e| &e.value))?;
                return Some(target.span);
            }
        }
    }
    None
}

/// Every record of a file's text, flattened (batches expanded with their defaults).
pub fn versions(text: &str, file: &str, limits: &Limits) -> Vec<Version> {
    let parsed = super::yaml::parse(text, crate::model::FileId(0), limits);
    let mut out = Vec::new();
    for doc in &parsed.documents {
        let Some(kind) = doc.get("kind").and_then(|e| e.value.as_scalar()).and_then(Kind::parse) else { continue };
        match doc.get("items") {
            Some(items) => {
                let defaults = doc.get("defaults");
                let Value::Seq(list) = &items.value.value else { continue };
                for item in list {
                    let mut fields = BTreeMap::new();
                    if let Some(d) = defaults {
                        flatten(&d.value, "", &mut fields);
                    }
                    // An item's own keys replace the defaults' (shallow merge).
                    if let Some(map) = item.as_map() {
                        for e in map {
                            fields.retain(|k: &String, _| {
                                !(k == e.key.as_ref()
                                    || k.starts_with(&format!("{}.", e.key))
                                    || k.starts_with(&format!("{}[", e.key)))
                            });
                        }
                    }
                    flatten(item, "", &mut fields);
                    push(kind, fields, file, &mut out);
                }
            }
            None => {
                let mut fields = BTreeMap::new();
                flatten(doc, "", &mut fields);
                fields.remove("kind");
                push(kind, fields, file, &mut out);
            }
        }
    }
    out
}

fn push(kind: Kind, fields: BTreeMap<String, String>, file: &str, out: &mut Vec<Version>) {
    if let Some(id) = fields.get("id").cloned() {
        out.push(Version { kind, id, fields, file: file.to_owned() });
    }
}

fn flatten(node: &Node<'_>, prefix: &str, out: &mut BTreeMap<String, String>) {
    match &node.value {
        Value::Scalar(s, _) => {
            if !node.is_null() {
                out.insert(prefix.to_owned(), canonical(s));
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(item, &format!("{prefix}[{i}]"), out);
            }
        }
        Value::Map(entries) => {
            for e in entries.iter().filter(|e| !e.key.starts_with("x-")) {
                let key = if prefix.is_empty() { e.key.to_string() } else { format!("{prefix}.{}", e.key) };
                flatten(&e.value, &key, out);
            }
        }
    }
}

/// A scalar as compared across versions: records are compared as parsed values (rules.md),
/// so a timestamp rewritten with another offset for the same instant is the same value.
fn canonical(text: &str) -> String {
    let b = text.as_bytes();
    let looks_like_timestamp = b.len() >= 20 && b.get(10).is_some_and(|c| *c == b'T' || *c == b't');
    if looks_like_timestamp && let Ok(t) = text.parse::<jiff::Timestamp>() {
        return t.to_string();
    }
    text.to_owned()
}

/// The span of the node at a flattened `path` (`approvals[1].at`) inside `node`.
pub fn locate<'n>(node: &'n Node<'n>, path: &str) -> Option<&'n Node<'n>> {
    let mut current = node;
    for part in path.split('.') {
        let (key, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            current = &current.get(key)?.value;
        }
        for index in indexes.split(']').filter(|s| !s.is_empty()) {
            let n: usize = index.trim_start_matches('[').parse().ok()?;
            match &current.value {
                Value::Seq(items) => current = items.get(n)?,
                _ => return None,
            }
        }
    }
    Some(current)
}

/// Walk the first-parent history of `HEAD` (or `from`) oldest first, diffing each commit with
/// its parent below the records root and reading only the files that changed.
pub fn walk(root: &Path, from: Option<&str>, limits: &Limits) -> Option<History> {
    let (repo, below) = super::git::open(root)?;
    let start = match from {
        Some(id) => repo.find_commit(git2::Oid::from_str(id).ok()?).ok()?,
        None => match repo.head() {
            Ok(head) => head.peel_to_commit().ok()?,
            // Just `git init`ed: a git repository whose history is still empty, not "no git".
            Err(e) if e.code() == git2::ErrorCode::UnbornBranch => return Some(History::default()),
            Err(_) => return None,
        },
    };
    let mut revwalk = repo.revwalk().ok()?;
    revwalk.push(start.id()).ok()?;
    revwalk.simplify_first_parent().ok()?;
    let mut chain: Vec<git2::Oid> = revwalk.flatten().collect();
    chain.reverse();
    let mut history = History { commits: chain.len(), ..History::default() };
    let spec = below.to_string_lossy().replace('\\', "/");
    let strip = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(&below).ok()?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/"))
    };
    // A blob's size is read from its object header first: one over the limit is not read.
    let blob_text = |id: git2::Oid| {
        super::git::blob_bytes(&repo, id, limits.max_file_bytes).map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let oversized = |id: git2::Oid| super::git::blob_size(&repo, id).is_some_and(|n| n > limits.max_file_bytes);
    // (kind, id) → the record's latest version.
    let mut state: HashMap<(Kind, String), Version> = HashMap::new();
    let mut cache: HashMap<(git2::Oid, String), (Vec<Version>, String)> = HashMap::new();
    // The customer decisions of each file's latest version, to see which a commit adds or drops.
    let mut decision_cache: HashMap<(git2::Oid, String), Vec<DecisionKey>> = HashMap::new();
    for (n, oid) in chain.iter().enumerate() {
        let Ok(commit) = repo.find_commit(*oid) else { continue };
        let info = CommitInfo {
            id: oid.to_string(),
            author: commit.author().name().unwrap_or("").to_owned(),
            time: jiff::Timestamp::from_second(commit.time().seconds()).unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        };
        if n == 0 && repo.is_shallow() {
            history.shallow_from = Some(info.clone());
        }
        let tree = commit.tree().ok();
        let parent_tree = commit.parent(0).ok().and_then(|p| p.tree().ok());
        let mut options = git2::DiffOptions::new();
        if !spec.is_empty() {
            options.pathspec(&spec);
        }
        let Ok(diff) = repo.diff_tree_to_tree(parent_tree.as_ref(), tree.as_ref(), Some(&mut options)) else {
            continue;
        };
        let mut removed: Vec<(Version, std::rc::Rc<String>)> = Vec::new();
        let mut added: Vec<Version> = Vec::new();
        let mut removed_decisions: Vec<DecisionKey> = Vec::new();
        let mut added_decisions: Vec<DecisionKey> = Vec::new();
        for delta in diff.deltas() {
            let yaml = |f: &git2::DiffFile<'_>| {
                f.path().and_then(strip).filter(|p| super::walk::is_yaml(p.rsplit('/').next().unwrap_or(p)))
            };
            let (old, new) = (delta.old_file(), delta.new_file());
            // A new version over the size limit is not read (noted); the records of the old
            // version are then neither judged deleted nor dropped from the state.
            if new.exists()
                && let Some(path) = yaml(&new)
                && oversized(new.id())
            {
                history.oversized.push((path, info.clone()));
                continue;
            }
            if let (true, Some(path)) = (old.exists(), yaml(&old)) {
                removed_decisions.extend(decision_cache.remove(&(old.id(), path.clone())).unwrap_or_default());
                // A file's new version in one commit is its old version in the next: parsed once.
                let parsed = match cache.remove(&(old.id(), path.clone())) {
                    Some(p) => Some(p),
                    None => blob_text(old.id()).map(|text| {
                        let v = versions(&text, &path, limits).into_iter().filter(|v| tracked(v.kind)).collect();
                        (v, text)
                    }),
                };
                if let Some((list, text)) = parsed {
                    let text = std::rc::Rc::new(text);
                    removed.extend(list.into_iter().map(|v| (v, std::rc::Rc::clone(&text))));
                }
            }
            if let (true, Some(path)) = (new.exists(), yaml(&new))
                && let Some(text) = blob_text(new.id())
            {
                let all = versions(&text, &path, limits);
                if !all.is_empty() {
                    history.record_files.insert(path.clone());
                }
                let decisions: Vec<DecisionKey> = all
                    .iter()
                    .flat_map(|v| customer_decisions(v).into_iter().map(|d| (v.kind, v.id.clone(), d.content)))
                    .collect();
                added_decisions.extend(decisions.iter().cloned());
                decision_cache.insert((new.id(), path.clone()), decisions);
                let list: Vec<Version> = all.into_iter().filter(|v| tracked(v.kind)).collect();
                added.extend(list.iter().cloned());
                cache.insert((new.id(), path), (list, text));
            }
        }
        // A decision dropped everywhere is forgotten: added again later, it is introduced again
        // (by that commit). One still held, or moved to another file, keeps its commit.
        let still: std::collections::HashSet<&DecisionKey> = added_decisions.iter().collect();
        let dropped: Vec<&DecisionKey> = removed_decisions.iter().filter(|k| !still.contains(k)).collect();
        for key in dropped {
            history.introduced.remove(key);
        }
        for key in added_decisions {
            history.introduced.entry(key).or_insert_with(|| (oid.to_string(), info.clone()));
        }
        // (kind, id) of every record a changed file holds now: a removed one found here was
        // moved or edited, not deleted (one lookup each, not a scan of `added`).
        let present: std::collections::HashSet<(Kind, &str)> = added.iter().map(|a| (a.kind, a.id.as_str())).collect();
        for v in added.iter() {
            let key = (v.kind, v.id.clone());
            if let Some(before) = state.get(&key)
                && before.is_final()
                && before.fields != v.fields
            {
                history.events.push(Event::Rewritten {
                    before: Box::new(before.clone()),
                    after: Box::new(v.clone()),
                    commit: info.clone(),
                });
            }
            state.insert(key, v.clone());
        }
        for (v, text) in removed {
            if !tracked(v.kind) {
                continue;
            }
            let key = (v.kind, v.id.clone());
            if present.contains(&(v.kind, v.id.as_str())) {
                continue; // moved, reformatted or edited: not deleted
            }
            if state.remove(&key).is_some() {
                history.events.push(Event::Deleted {
                    before: Box::new(v),
                    text: text.to_string(),
                    commit: info.clone(),
                });
            }
        }
    }
    Some(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_items_are_flattened_with_their_defaults_and_x_keys_ignored() {
        let text = "kind: Incident\ndefaults: {service: web, priority: P3}\nitems:\n  - {id: I-1, opened_at: 2026-10-01T10:00:00+08:00, status: closed, x-note: a}\n  - {id: I-2, priority: P1, opened_at: 2026-10-02T10:00:00+08:00}\n---\nkind: Drill\nid: D-1\nplan: EP\nheld_at: 2026-05-01\n";
        let v = versions(text, "i.yaml", &Limits::default());
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].get("service"), Some("web"));
        assert_eq!(v[0].get("x-note"), None);
        assert!(v[0].is_final());
        assert_eq!(v[1].get("priority"), Some("P1"));
        assert!(!v[1].is_final());
        assert_eq!((v[2].kind, v[2].own_date()), (Kind::Drill, Some(jiff::civil::date(2026, 5, 1))));
        // Re-indented and reordered: the same version.
        let again = "kind: Drill\nheld_at:   2026-05-01\nplan: EP\nid: D-1\n";
        assert_eq!(versions(again, "i.yaml", &Limits::default())[0].fields, v[2].fields);
        // Compared as parsed values: the same instant written with another offset.
        let utc = text.replace("2026-10-01T10:00:00+08:00", "2026-10-01T02:00:00Z");
        assert_eq!(versions(&utc, "i.yaml", &Limits::default())[0].fields, v[0].fields);
        let moved = text.replace("2026-10-01T10:00:00+08:00", "2026-10-01T10:00:00+09:00");
        assert_ne!(versions(&moved, "i.yaml", &Limits::default())[0].fields, v[0].fields);
    }

    #[test]
    fn the_changed_node_is_found_by_path() {
        let text = "kind: Change\nid: C\napprovals:\n  - {by: a, at: x}\n  - {by: b, at: y}\n";
        let parsed = super::super::yaml::parse(text, crate::model::FileId(0), &Limits::default());
        let node = locate(&parsed.documents[0], "approvals[1].at").map(|n| n.span.start);
        assert_eq!(node, Some(text.find("at: y").map_or(0, |i| i + 4) as u32));
    }
}
