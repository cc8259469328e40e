//! The exit's items of §7.2 the eight required deliverables, then any others, each delivered and accepted by the effective date.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { h, as_of, effective, .. } = *s;
    // §7.2 The eight deliverables, then any others.
    for item in REQUIRED {
        let name = item.as_str();
        let mut d = Draft::new(
            format!("deliverable.{name}"),
            "§7.2",
            {
                let t = deliverable_title(item);
                Msg::new(format!("{}: delivered and accepted", t.en), format!("{}：已交付并经验收", t.zh))
            },
            &[HND_002, HND_003],
        )
        .due(effective);
        match h {
            None => d.item.missing.push(msg!("no Handover record yet", "尚无交接记录（`Handover`）")),
            Some(h) => match h.deliverable(item) {
                None => {
                    let span = h.deliverables.span.unwrap_or(h.id.span);
                    let name_zh = item.zh();
                    d.problem(
                        HND_002,
                        span,
                        msg!(
                            "required deliverable `{name}` is not listed",
                            "缺少必需的交付物“{name_zh}”（`{name}`）"
                        ),
                        Some(msg!(
                            "add `- item: {name}` with its evidence, or mark it `not_applicable` with the customer's acceptance",
                            "请添加 `- item: {name}` 及其佐证材料，或标记 `not_applicable` 并注明客户认可"
                        )),
                    );
                    d.item.missing.push(msg!("`{name}` entry", "交付物“{name_zh}”条目"));
                }
                Some(entry) => deliverable(s, &mut d, entry, name),
            },
        }
        items.push(d.finish(as_of));
    }
    for (i, entry) in h
        .iter()
        .flat_map(|h| h.deliverables.iter())
        .filter(|d| d.value.item.value == DeliverableItem::Other)
        .enumerate()
    {
        let mut d = Draft::new(
            format!("deliverable.other.{}", i + 1),
            "§7.2",
            msg!("other deliverable: delivered and accepted", "其他交付物：已交付并经验收"),
            &[HND_003],
        )
        .due(effective);
        deliverable(s, &mut d, entry, "other");
        // Beyond the eight, a late one is the checklist's judgement, not HND-002's.
        d.item.problems.retain(|p| p.rule != HND_002);
        items.push(d.finish(as_of));
    }
}

/// One deliverable entry: not applicable, or delivered and accepted (by the effective date),
/// and its evidence.
fn deliverable(s: &Scope<'_, '_>, d: &mut Draft, entry: &Sp<Deliverable>, name: &str) {
    let (cx, effective) = (s.cx, s.effective);
    let v = &entry.value;
    let unreadable = s.unreadable_in(entry.span);
    d.unreadable(unreadable);
    for path in &v.evidence {
        evidence(cx, d, path, true);
    }
    if let Some(na) = &v.not_applicable {
        d.not_applicable = true;
        let reason = na.value.reason.value.as_str();
        let by = na.value.accepted_by.value.as_str();
        let by_zh = cx.person_zh(by);
        d.item.notes.push(msg!("not applicable: {reason} (accepted by {by})", "不适用：{reason}（验收人：{by_zh}）"));
        return;
    }
    let delivered = known(cx, v.delivered_at.as_ref()).map(|x| x.value);
    let accepted = known(cx, v.accepted_at.as_ref()).map(|x| x.value);
    d.item.done_at = accepted.or(delivered);
    if delivered.is_none() {
        d.item.missing.push(msg!("`delivered_at`", "交付日期（`delivered_at`）"));
    }
    if accepted.is_none() || v.accepted_by.is_none() {
        d.item.missing.push(msg!(
            "acceptance (`accepted_by`, `accepted_at`)",
            "验收人和验收日期（`accepted_by`、`accepted_at`）"
        ));
    }
    if v.evidence.is_empty() && unreadable.is_empty() {
        d.item.notes.push(msg!("no evidence listed", "未列出佐证材料"));
    }
    d.satisfied = delivered.is_some() && accepted.is_some() && v.accepted_by.is_some();
    if !d.satisfied && cx.as_of > effective {
        let name_zh = DeliverableItem::parse(name).map_or(name, |i| i.zh());
        d.problem(
            HND_002,
            entry.span,
            msg!(
                "deliverable `{name}` was not delivered and accepted by the effective date {effective}",
                "交付物“{name_zh}”（`{name}`）未在终止生效日 {effective} 前完成交付和验收"
            ),
            Some(msg!(
                "record `delivered_at`, `accepted_by` and `accepted_at`",
                "请记录交付日期 `delivered_at`、验收人 `accepted_by` 和验收日期 `accepted_at`"
            )),
        );
    }
}
