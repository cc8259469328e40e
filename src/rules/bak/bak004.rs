//! BAK-004: Critical systems get a full restore from offsite within the interval.

use crate::model::{Kind, RecordView, Severity};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Bak004;

static META: Meta = Meta {
    id: "BAK-004",
    severity: Severity::Warning,
    section: "§3.4",
    title_en: "Critical systems get a full restore from offsite within the interval",
    title_zh: "关键系统须按周期完成异地全量恢复测试",
    explanation_en: "For a critical System, partial restores are not enough (§3.4, 灾难恢复): within `full_restore_interval_months` (12 by default) one RestoreTest of one of its backup policies must have passed as a `full` restore from an `offsite` copy — the situation of a real disaster.",
    explanation_zh: "对关键系统而言,部分恢复并不够(§3.4):在 `full_restore_interval_months`(默认 12)个月内,其某个备份策略须有一次从 `offsite`(异地)副本进行的 `full`(全量)恢复测试且结果为通过——这正是真实灾难时的情形。",
    failing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验 SHA-256\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n---\nkind: RestoreTest\nid: RT-2026-08\npolicy: bp-core-db\nperformed_at: 2026-08-22\nresult: passed\nintegrity_verified: true\nscope: full\nsource: local\nduration: 1h40m\n",
    passing: "kind: BackupPolicy\nid: bp-core-db\nsystem: sys-core\nfrequency: daily\noffsite: true\nencrypted: true\nretention_days: 365\nintegrity_check: 校验 SHA-256\n---\nkind: System\nid: sys-core\nname: 核心银行系统\ncriticality: critical\nrto: 2h\n---\nkind: RestoreTest\nid: RT-2026-08\npolicy: bp-core-db\nperformed_at: 2026-08-22\nresult: passed\nintegrity_verified: true\nscope: full\nsource: offsite\nduration: 1h40m\n",
    params: &["full_restore_interval_months"],
    configurable: true,
    stage: Stage::Records,
};

impl Rule for Bak004 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        use crate::calendar::dates::Interval;
        use crate::model::kinds::restore_test::{RestoreScope, RestoreSource};
        use crate::model::kinds::system::Criticality;
        use crate::rules::duty::{judged_at, latest_until, overdue, periodic_message};
        let interval = Interval::Months(cx.policy.full_restore_interval_months);
        for sys in &cx.records.systems {
            if sys.criticality.value != Criticality::Critical {
                continue;
            }
            let policies: Vec<&str> = cx
                .records
                .backup_policies
                .iter()
                .filter(|b| b.system.value == sys.id.value)
                .map(|b| b.id.value.as_str())
                .collect();
            if policies.is_empty() {
                continue;
            }
            let Some(eng) = cx.engagement_for(RecordView::System(sys)) else { continue };
            let Some(day) = judged_at(cx, eng) else { continue };
            out.checked();
            let full = cx.records.restore_tests.iter().filter(|t| {
                policies.contains(&t.policy.value.as_str())
                    && t.passed()
                    && t.scope() == RestoreScope::Full
                    && t.source() == RestoreSource::Offsite
            });
            let last = latest_until(full.map(|t| t.performed_at.value), day);
            let start = eng.term.start.value;
            if let Some(o) = overdue(last, start, interval, day) {
                let id = sys.id.value.as_str();
                let what = msg!(
                    "full restore from an offsite copy for critical system {id}",
                    "关键系统 {id} 的异地全量恢复测试"
                );
                out.report(sys.id.span, periodic_message(&what, o, start, interval, day)).record(Kind::System, id);
            }
        }
    }
}
