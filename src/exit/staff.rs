//! The exit's items of §4.4 staff offboarded.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { cx, engagement, as_of, grace_end, .. } = *s;
    // §4.4 Staff offboarded: everyone on the engagement has left it, with an offboarding
    // record (handover of work, access revoked, records archived). The checklist's own item;
    // HR-002 judges each offboarding record.
    let mut staff =
        Draft::new("offboarding", "§4.4", msg!("staff offboarded", "服务人员已办理离场交接"), &[]).due(grace_end);
    let mut pending: Vec<&str> = Vec::new();
    let mut last_left: Option<Date> = None;
    for p in cx
        .records
        .people
        .iter()
        .filter(|p| cx.engagement_of(RecordView::Person(p)).is_some_and(|e| e.value == engagement.id.value))
    {
        let left = known(cx, p.left.as_ref());
        if left.is_none() || p.offboarding.is_none() {
            pending.push(p.id.value.as_str());
        }
        last_left = last_left.max(left.map(|l| l.value));
    }
    staff.satisfied = pending.is_empty();
    if pending.is_empty() {
        staff.item.done_at = last_left;
    } else {
        let list = pending.join(", ");
        let list_zh = crate::model::labels::zh_list(&pending.iter().map(|p| cx.person_zh(p)).collect::<Vec<_>>());
        staff.item.missing.push(msg!(
            "`left` and `offboarding` of {list}",
            "{list_zh}的离场日期（`left`）和离场交接记录（`offboarding`）"
        ));
    }
    items.push(staff.finish(as_of));
}
