//! SLA-005: A priority target is not written in days (`d`) on a calendar that is not `24x7`.

use crate::model::scalar::{Dur, SlaTarget};
use crate::model::{Kind, Severity, Sp};
use crate::msg;
use crate::rules::{Context, Meta, Rule, Sink, Stage};

pub struct Sla005;

static META: Meta = Meta {
    id: "SLA-005",
    severity: Severity::Warning,
    section: "§1.2",
    title_en: "No priority target in days (`d`) on a calendar other than 24x7",
    title_zh: "非 7×24 日历上的优先级时限不应以天（`d`）为单位",
    explanation_en: "Targets under an Sla's priorities are business time on the priority's calendar, and a day (`d`) is 24 hours of it: on a 09:00–18:00 calendar `1d` is almost three working days. A contract that says \"1 个工作日\" (§1.2, the agreed response and resolution times) means one working day — write `1wd`, which falls at the same time of day on the next working day. If 24 working hours are really meant, write `24h`. On `24x7` a day is a day, and the rule does not apply.",
    explanation_zh: "SLA 各优先级的时限，按该优先级所用日历的工作时间计算，一天（`d`）即 24 小时工作时间：在 09:00–18:00 的日历上，`1d` 接近 3 个工作日。合同约定的“1 个工作日”（§1.2 约定的响应和解决时限）指一个工作日，应写作 `1wd`，即下一个工作日的同一时刻。如确实指 24 小时工作时间，请写作 `24h`。7×24 日历上一天就是一天，不适用本规则。",
    failing: include_str!("../../../fixtures/SLA-005.failing.yaml"),
    passing: include_str!("../../../fixtures/SLA-005.passing.yaml"),
    params: &[],
    configurable: true,
    waivable: true,
    stage: Stage::Records,
};

impl Rule for Sla005 {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Sink) {
        for sla in &cx.records.slas {
            out.checked();
            let sid = sla.id.value.as_str();
            for (name, p) in sla.priorities.iter() {
                let cal_id = p.calendar();
                // An unknown calendar is GEN-005's; on 24x7 a day is a day.
                let Some(cal) = cx.calendars.get(cal_id).filter(|c| !c.always) else { continue };
                let targets = [
                    ("response", "响应时间", Some(&p.response)),
                    ("on_site", "到场时间", p.on_site.as_ref()),
                    ("restoration", "恢复时间", p.restoration.as_ref()),
                    ("resolution", "解决时间", Some(&p.resolution)),
                ];
                for (field, field_zh, target) in targets {
                    let Some(target) = target else { continue };
                    let Some((text, days, dur)) = written_in_days(cx, target) else { continue };
                    let pname = name.value.as_str();
                    let hours = hours_text(dur);
                    let (amount_en, amount_zh) = working_time(dur);
                    let (about_en, about_zh) = match cal.nominal_day_seconds() {
                        0 => (String::new(), String::new()),
                        day => {
                            let n = one_decimal(dur.seconds(), day);
                            let unit = if n == "1" { "working day" } else { "working days" };
                            (format!(", about {n} {unit}"), format!("，约 {n} 个工作日"))
                        }
                    };
                    let (wd_en, wd_zh) = if days == 1 {
                        ("one working day".to_owned(), "1 个工作日".to_owned())
                    } else {
                        (format!("{days} working days"), format!("{days} 个工作日"))
                    };
                    let cal_zh = crate::model::labels::calendar_zh(cal_id);
                    out.report(
                        target.span,
                        msg!(
                            "{pname} {field}: `{text}` on calendar `{cal_id}` = {amount_en}{about_en}",
                            "{pname} 的{field_zh} `{text}` 在日历 {cal_zh} 上等于 {amount_zh}{about_zh}"
                        ),
                    )
                    .help(msg!(
                        "write `{days}wd` for {wd_en}, or `{hours}` to keep {amount_en}",
                        "如指 {wd_zh}，请改为 `{days}wd`；如确需 {amount_zh}，请改为 `{hours}`"
                    ))
                    .record(Kind::Sla, sid);
                }
            }
        }
    }
}

/// A business-time target written with a day unit: its text, its days and its value.
fn written_in_days<'t>(cx: &Context<'t>, target: &Sp<SlaTarget>) -> Option<(&'t str, u32, Dur)> {
    let SlaTarget::Business(dur) = target.value else { return None };
    let text = cx.text(target.span).trim().trim_matches(|c| c == '"' || c == '\'');
    // The text must be the value as written (not, say, an alias), with a `d` unit.
    if Dur::parse(text) != Some(dur) {
        return None;
    }
    let (days, _) = text.split_once('d')?;
    Some((text, days.parse().ok()?, dur))
}

/// `26h`, `26h30m`: the duration in hours and minutes, as it could be written instead.
fn hours_text(dur: Dur) -> String {
    let (h, m) = (dur.seconds() / 3600, dur.seconds() % 3600 / 60);
    match (h, m) {
        (h, 0) => format!("{h}h"),
        (0, m) => format!("{m}m"),
        (h, m) => format!("{h}h{m}m"),
    }
}

/// "24 working hours" / "26 h 30 min of working time", and the Chinese.
fn working_time(dur: Dur) -> (String, String) {
    let (h, m) = (dur.seconds() / 3600, dur.seconds() % 3600 / 60);
    if m == 0 {
        (format!("{h} working hours"), format!("{h} 小时工作时间"))
    } else {
        (format!("{h} h {m} min of working time"), format!("{h}小时{m}分工作时间"))
    }
}

/// `a / b` with at most one decimal, rounded half up (`3`, `2.7`).
fn one_decimal(a: i64, b: i64) -> String {
    let tenths = (a * 10 + b / 2) / b;
    if tenths % 10 == 0 { format!("{}", tenths / 10) } else { format!("{}.{}", tenths / 10, tenths % 10) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_the_message() {
        assert_eq!(one_decimal(24 * 3600, 8 * 3600), "3");
        assert_eq!(one_decimal(24 * 3600, 9 * 3600), "2.7");
        assert_eq!(one_decimal(26 * 3600, 9 * 3600), "2.9");
        assert_eq!(hours_text(Dur(26 * 3600)), "26h");
        assert_eq!(hours_text(Dur(26 * 3600 + 1800)), "26h30m");
        assert_eq!(working_time(Dur(24 * 3600)).0, "24 working hours");
    }
}
