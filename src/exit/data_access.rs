//! The exit's items of §7.2 / §3.1 data returned or destroyed, credentials and access handed back.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { cx, engagement, h, as_of, grace_end, after_exit, .. } = *s;
    // §7.2 / §3.1 data, credentials and access; §4.4 staff.
    let classified: Vec<&str> = cx
        .records
        .data_assets
        .iter()
        .filter(|d| cx.engagement_of(RecordView::DataAsset(d)).is_some_and(|e| e.value == engagement.id.value))
        .filter(|d| cx.policy.requires_encryption(&d.classification.value))
        .map(|d| d.id.value.as_str())
        .collect();
    let mut data = Draft::new(
        "data",
        "§7.2",
        msg!("customer data returned or destroyed", "客户数据已返还或销毁"),
        &[HND_006, HND_003],
    )
    .due(grace_end);
    let disposal = h.and_then(|h| h.data.as_ref());
    let disposed =
        disposal.and_then(|d| known(cx, d.value.returned_at.as_ref()).or(known(cx, d.value.destroyed_at.as_ref())));
    let certificate = disposal.and_then(|d| d.value.certificate.as_ref());
    if let Some(c) = certificate {
        evidence(cx, &mut data, c, h.is_some());
    }
    let needs_certificate = !classified.is_empty();
    if needs_certificate {
        let list = classified.join(", ");
        let list_zh = crate::model::labels::zh_list(&classified);
        let min = cx.policy.encryption_required_from.as_str();
        let min_zh = crate::model::labels::classification_zh(min);
        data.item.notes.push(msg!("at or above `{min}`: {list}", "“{min_zh}”及以上级别的数据：{list_zh}"));
    }
    data.satisfied = disposed.is_some() && (!needs_certificate || certificate.is_some());
    data.item.done_at = disposed.map(|d| d.value);
    if disposed.is_none() {
        data.item.missing.push(msg!(
            "`data.returned_at` or `data.destroyed_at`",
            "数据返还或销毁日期（`data.returned_at` 或 `data.destroyed_at`）"
        ));
    }
    if needs_certificate && certificate.is_none() {
        data.item
            .missing
            .push(msg!("`data.certificate` for classified data", "分级数据的返还或销毁证明（`data.certificate`）"));
    }
    if let Some(h) = h.filter(|_| after_exit && !data.satisfied) {
        let span = disposal.map_or(h.id.span, |d| d.span);
        let what = data.item.missing.iter().map(|m| m.en.clone()).collect::<Vec<_>>().join(", ");
        let what_zh = data.item.missing.iter().map(|m| m.zh.clone()).collect::<Vec<_>>().join("、");
        data.problem(
            HND_006,
            span,
            msg!(
                "after exit, the customer's data is not accounted for: missing {what}",
                "退出后客户数据处置不完整：缺少{what_zh}"
            ),
            Some(msg!(
                "record when the data was returned or destroyed, and the certificate for classified data",
                "请记录数据返还或销毁日期，以及分级数据的证明文件"
            )),
        );
    }
    items.push(data.finish(as_of));

    for (key, section, title, (field, field_zh), value) in [
        (
            "credentials",
            "§7.2",
            msg!("accounts, keys and assets returned", "账号、密钥和资产已归还"),
            ("credentials_returned_at", "归还日期"),
            known(cx, h.and_then(|h| h.credentials_returned_at.as_ref())),
        ),
        (
            "access",
            "§4.4",
            msg!("staff access to the customer's systems revoked", "服务人员对客户系统的访问权限已撤销"),
            ("access_revoked_at", "权限撤销日期"),
            known(cx, h.and_then(|h| h.access_revoked_at.as_ref())),
        ),
    ] {
        let mut d = Draft::new(key, section, title, &[HND_006]).due(grace_end);
        match value {
            Some(v) => {
                d.satisfied = true;
                d.item.done_at = Some(v.value);
            }
            None => {
                d.item.missing.push(msg!("`{field}`", "{field_zh}（`{field}`）"));
                if let Some(h) = h.filter(|_| after_exit) {
                    d.problem(
                        HND_006,
                        h.id.span,
                        msg!("after exit, `{field}` is not recorded", "退出后仍未记录{field_zh}（`{field}`）"),
                        Some(msg!("record the date it was done", "请记录完成日期")),
                    );
                }
            }
        }
        items.push(d.finish(as_of));
    }
}
