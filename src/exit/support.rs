//! The exit's items of §7.4 support after termination.

use super::*;

pub(super) fn items(s: &Scope<'_, '_>, items: &mut Vec<Item>) {
    let Scope { engagement, h, as_of, effective, .. } = *s;
    // §7.4 Support after termination.
    let required = engagement.post_termination_support_days.as_ref().map(|d| d.value);
    let mut support =
        Draft::new("support", "§7.4", msg!("post-termination support period defined", "明确终止后支持期"), &[HND_005])
            .due(effective);
    if let Some(days) = required {
        let until = add_days(effective, i64::from(days));
        support
            .item
            .notes
            .push(msg!("the contract asks for {days} days, until {until}", "合同要求 {days} 天，至 {until}"));
    }
    match h {
        None => support.item.missing.push(msg!("no Handover record yet", "尚无交接记录（`Handover`）")),
        Some(h) => match &h.support {
            None => {
                support.problem(
                    HND_005,
                    h.id.span,
                    msg!("no post-termination support period (`support`)", "未约定终止后支持期（`support`）"),
                    Some(msg!(
                        "record `support` with `until`, `channels` and `contact`",
                        "请记录 `support` 的 `until`、`channels` 和 `contact`"
                    )),
                );
                support.item.missing.push(msg!("`support`", "终止后支持安排（`support`）"));
            }
            Some(s) => {
                let until = s.value.until.value;
                let ways: Vec<&str> = s.value.channels.iter().map(|c| c.value.as_str()).collect();
                let (channels, channels_zh) = (ways.join(", "), ways.join("、"));
                support
                    .item
                    .notes
                    .push(msg!("support until {until} by {channels}", "支持至 {until}，方式：{channels_zh}"));
                match required.map(|days| (days, add_days(effective, i64::from(days)))) {
                    // With no contract minimum, support must still run past the effective date:
                    // a period that ends before it is no post-termination support at all.
                    None if until <= effective => {
                        support.problem(
                            HND_005,
                            s.value.until.span,
                            msg!(
                                "support until {until} ends on or before the effective date {effective}: there is no post-termination support",
                                "支持期至 {until}，不晚于终止生效日 {effective}：没有终止后的支持期"
                            ),
                            Some(msg!("set `support.until` after {effective}", "请将 `support.until` 设在 {effective} 之后")),
                        );
                        support.item.missing.push(msg!("support after {effective}", "{effective} 之后的支持期"));
                    }
                    Some((days, needed)) if until < needed => {
                        support.problem(
                            HND_005,
                            s.value.until.span,
                            msg!(
                                "support until {until} is shorter than the contract's {days} days after {effective} (until {needed})",
                                "支持期至 {until}，短于合同约定的终止后 {days} 天（应至 {needed}）"
                            ),
                            Some(msg!("extend `support.until` to {needed}", "请将 `support.until` 延至 {needed}")),
                        );
                        support.item.missing.push(msg!("support until {needed}", "支持期至 {needed}"));
                    }
                    _ => support.satisfied = true,
                }
            }
        },
    }
    items.push(support.finish(as_of));
}
