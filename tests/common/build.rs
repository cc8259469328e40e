//! Record builders: valid YAML for the kinds tests write most, with every required field
//! defaulted, so that a new required field is added here once instead of in every test.
//!
//! ```ignore
//! let c = change("CHG-1").class("major").approval("张伟", "itsm-committee", "provider", "2026-10-14T10:00:00+08:00", "approved").yaml();
//! ```
//!
//! Fields are written one a line in a fixed order (the defaults' order; a field set anew goes
//! before `status` when the record has one, else at the end), so tests can assert positions.

/// A record being built: its top-level fields, each as the YAML lines it is written as.
#[derive(Clone, Debug)]
pub struct Record {
    /// (key, lines); raw lines have an empty key.
    fields: Vec<(String, String)>,
}

/// A `normal` Change, requested and clean for the CHG rules that judge a request (line 1
/// `kind`, 2 `id`, …, 8 `impact`, 9 `risk`, 10 `rollback_plan`, 11 `status`).
pub fn change(id: &str) -> Record {
    Record::new(&[
        ("kind", "Change"),
        ("id", id),
        ("title", "t"),
        ("description", "d"),
        ("class", "normal"),
        ("requested_by", "赵敏"),
        ("requested_at", "2026-10-01T09:00:00+08:00"),
        ("impact", "{services: [helpdesk], expected: e, business: b, technical: t, security: s, cost: c}"),
        ("risk", "{likelihood: 1, impact: 1, level: low}"),
        ("rollback_plan", "回退"),
        ("status", "requested"),
    ])
}

/// A P3 Incident of the base engagement's `helpdesk` service, opened 2026-10-05 10:00 (+08:00).
pub fn incident(id: &str) -> Record {
    Record::new(&[
        ("kind", "Incident"),
        ("id", id),
        ("service", "helpdesk"),
        ("priority", "P3"),
        ("opened_at", "2026-10-05T10:00:00+08:00"),
    ])
}

/// The Engagement of [`crate::common::BASE`] (term 2025-07-01..2027-06-30, service `helpdesk`).
pub fn engagement(id: &str) -> Record {
    Record::new(&[
        ("kind", "Engagement"),
        ("id", id),
        ("title", "示例服务项目"),
        ("customer", "{name: 示例银行}"),
        ("provider", "{name: 示例服务商}"),
        ("term", "{start: 2025-07-01, end: 2027-06-30}"),
        ("scope", "\n  - service: helpdesk\n    description: 服务台\n    deliverables: [月度服务报告]"),
        ("fees", "{amount: 100000, currency: CNY, period: monthly, payment_terms: 按月结算}"),
        ("termination", "{notice_days: 30, conditions: [contract-expiry, mutual-agreement]}"),
        (
            "liability",
            "{service_interruption: 按合同扣减服务费, data_loss: 赔偿直接损失, system_failure: 按合同扣减服务费}",
        ),
        ("support", "{response: 7×24 电话响应, problem_process: 按问题管理流程, maintenance_cycle: 每月}"),
    ])
}

/// The Sla of [`crate::common::BASE`]: service `helpdesk`, Asia/Shanghai, 99.9 %, P1–P4.
pub fn sla(id: &str) -> Record {
    Record::new(&[
        ("kind", "Sla"),
        ("id", id),
        ("service", "helpdesk"),
        ("timezone", "Asia/Shanghai"),
        ("availability", "{target: 99.9}"),
        (
            "priorities",
            "\n  P1: {response: 15m, resolution: 4h}\n  P2: {response: 30m, resolution: 8h}\n  P3: {response: 2h, resolution: 2d}\n  P4: {response: 4h, resolution: 5d}",
        ),
    ])
}

/// A Person who joined on 2025-06-20.
pub fn person(id: &str) -> Record {
    Record::new(&[("kind", "Person"), ("id", id), ("name", "王磊"), ("role", "r"), ("joined", "2025-06-20")])
}

fn line(key: &str, value: &str) -> String {
    if value.starts_with('\n') { format!("{key}:{value}\n") } else { format!("{key}: {value}\n") }
}

impl Record {
    fn new(fields: &[(&str, &str)]) -> Record {
        Record { fields: fields.iter().map(|(k, v)| ((*k).to_owned(), line(k, v))).collect() }
    }

    /// Where a new field goes: before `status`, else at the end.
    fn insert(&mut self, key: &str, lines: String) {
        let at = self.fields.iter().position(|(k, _)| k == "status").unwrap_or(self.fields.len());
        self.fields.insert(at, (key.to_owned(), lines));
    }

    /// Set a top-level field to a YAML value (flow style, or block lines starting with `\n`):
    /// in place when it is there, else as a new field.
    pub fn set(mut self, key: &str, value: &str) -> Self {
        let lines = line(key, value);
        match self.fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = lines,
            None => self.insert(key, lines),
        }
        self
    }

    /// Set `key` right after the field `anchor` (or in place when it is there).
    pub fn set_after(mut self, anchor: &str, key: &str, value: &str) -> Self {
        if self.fields.iter().any(|(k, _)| k == key) {
            return self.set(key, value);
        }
        let at = self.fields.iter().position(|(k, _)| k == anchor).map_or(self.fields.len(), |i| i + 1);
        self.fields.insert(at, (key.to_owned(), line(key, value)));
        self
    }

    /// Leave a field out.
    pub fn without(mut self, key: &str) -> Self {
        self.fields.retain(|(k, _)| k != key);
        self
    }

    /// Add YAML lines as they are (each ending in a newline), where a new field would go.
    pub fn raw(mut self, lines: &str) -> Self {
        if !lines.is_empty() {
            self.insert("", lines.to_owned());
        }
        self
    }

    /// The record's YAML text.
    pub fn yaml(&self) -> String {
        self.fields.iter().map(|(_, lines)| lines.as_str()).collect()
    }

    /// `engagement`, right after `id`.
    pub fn engagement(self, id: &str) -> Self {
        self.set_after("id", "engagement", id)
    }

    pub fn title(self, title: &str) -> Self {
        self.set("title", title)
    }

    pub fn status(self, status: &str) -> Self {
        self.set("status", status)
    }

    pub fn service(self, service: &str) -> Self {
        self.set("service", service)
    }

    // Change.

    pub fn class(self, class: &str) -> Self {
        self.set("class", class)
    }

    pub fn requested_by(self, who: &str) -> Self {
        self.set("requested_by", who)
    }

    pub fn requested_at(self, at: &str) -> Self {
        self.set("requested_at", at)
    }

    pub fn impact(self, impact: &str) -> Self {
        self.set("impact", impact)
    }

    pub fn risk(self, risk: &str) -> Self {
        self.set("risk", risk)
    }

    /// Add one approval to `approvals` (made when missing).
    pub fn approval(mut self, by: &str, role: &str, party: &str, at: &str, decision: &str) -> Self {
        let item = format!("  - {{by: {by}, role: {role}, party: {party}, at: {at}, decision: {decision}}}\n");
        match self.fields.iter_mut().find(|(k, _)| k == "approvals") {
            Some(field) => field.1.push_str(&item),
            None => self.insert("approvals", format!("approvals:\n{item}")),
        }
        self
    }

    // Incident.

    pub fn priority(self, priority: &str) -> Self {
        self.set("priority", priority)
    }

    pub fn opened_at(self, at: &str) -> Self {
        self.set("opened_at", at)
    }

    pub fn responded_at(self, at: &str) -> Self {
        self.set("responded_at", at)
    }

    pub fn resolved_at(self, at: &str) -> Self {
        self.set("resolved_at", at)
    }

    // Engagement, Sla, Person.

    pub fn term(self, start: &str, end: &str) -> Self {
        self.set("term", &format!("{{start: {start}, end: {end}}}"))
    }

    pub fn timezone(self, tz: &str) -> Self {
        self.set("timezone", tz)
    }

    pub fn availability(self, target: &str) -> Self {
        self.set("availability", &format!("{{target: {target}}}"))
    }

    pub fn name(self, name: &str) -> Self {
        self.set("name", name)
    }

    pub fn role(self, role: &str) -> Self {
        self.set("role", role)
    }

    pub fn joined(self, day: &str) -> Self {
        self.set("joined", day)
    }
}
