//! How a figure is written (sla.md, "Exactness"; revision2-decisions.md 26). Every appearance
//! of a figure — headline, tables, chart labels and tooltips, CSV, JSON's `shown` — is made
//! by one of these functions, so one fact never shows as two numbers.

use crate::model::{Exact, Lang};

/// Decimals of an attainment or satisfaction-rate percentage.
pub const ATTAINMENT_DECIMALS: u8 = 1;
/// Decimals of a mean satisfaction score.
pub const SCORE_DECIMALS: u8 = 2;
/// At most this many decimals for a percentage written in a contract (a credit tier's 2.5 %).
pub const TERM_DECIMALS: u8 = 9;

/// A percentage cut (never rounded up) to `decimals` places: `99.899…` → `99.89` for 2.
pub fn percent(value: Exact, decimals: u8) -> String {
    value.truncated(decimals)
}

/// An optional percentage; "n/a" when there is nothing to measure.
pub fn percent_or_na(value: Option<Exact>, decimals: u8) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| percent(v, decimals))
}

/// A percentage as a contract writes it (`5`, `2.5`): only the decimals it needs.
pub fn term_percent(value: Exact) -> String {
    value.trimmed(TERM_DECIMALS)
}

/// Attainment (met / decided), truncated to one decimal.
pub fn attainment(value: Option<Exact>) -> String {
    percent_or_na(value, ATTAINMENT_DECIMALS)
}

/// [`attainment`] for a person: `—` in Chinese when nothing was decided.
pub fn attainment_in(value: Option<Exact>, lang: Lang) -> String {
    value.map_or_else(|| none(lang).to_owned(), |v| percent(v, ATTAINMENT_DECIMALS))
}

/// [`percent_or_na`] for a person: `—` in Chinese when there is nothing to measure.
pub fn percent_in(value: Option<Exact>, decimals: u8, lang: Lang) -> String {
    value.map_or_else(|| none(lang).to_owned(), |v| percent(v, decimals))
}

/// A mean score on the 1–5 scale, truncated to two decimals.
pub fn score(value: Exact) -> String {
    value.truncated(SCORE_DECIMALS)
}

/// Seconds as minutes: whole minutes plain, otherwise one decimal, cut (`14,400.5 s` shows
/// `240.0`, so a 4 h target visibly fails).
pub fn minutes(seconds: Exact) -> String {
    let m = Exact::ratio(seconds.numer(), seconds.denom().saturating_mul(60));
    if m.denom() == 1 { m.truncated(0) } else { m.truncated(1) }
}

/// Whole seconds as minutes.
pub fn minutes_of(seconds: i64) -> String {
    minutes(Exact::int(seconds))
}

/// Business time in hours and minutes (`134h30m`): never in days, since a working day is
/// not 24 hours.
pub fn hours_minutes(seconds: i64) -> String {
    let (h, m) = (seconds / 3600, seconds % 3600 / 60);
    match (h, m) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}m"),
    }
}

/// Minutes as a person reads them (table, Markdown, HTML): `44,100`, `1,234.5`.
pub fn minutes_grouped(seconds: Exact) -> String {
    grouped(&minutes(seconds))
}

/// Minutes with their unit for a person: `10,080 min`, in Chinese `10,080 分钟` (glossary,
/// revision 2: never "min" in Chinese text).
pub fn minutes_shown(seconds: Exact, lang: Lang) -> String {
    format!("{} {}", minutes_grouped(seconds), minutes_unit(lang))
}

/// Whole seconds as [`minutes_shown`].
pub fn minutes_shown_of(seconds: i64, lang: Lang) -> String {
    minutes_shown(Exact::int(seconds), lang)
}

/// The unit after a number of minutes.
pub fn minutes_unit(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "min",
        Lang::ZhCn => "分钟",
    }
}

/// A duration in running text: `134h30m` in English (business hours, never days); in
/// Chinese `9天15小时30分` as the glossary writes it, a day being 24 hours of the calendar's
/// time as in an Sla's `d` unit.
pub fn duration(seconds: i64, lang: Lang) -> String {
    match lang {
        Lang::En => hours_minutes(seconds),
        Lang::ZhCn => {
            let (d, h, m) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
            let mut out = String::new();
            if d != 0 {
                out.push_str(&format!("{d}天"));
            }
            if h != 0 {
                out.push_str(&format!("{h}小时"));
            }
            if m != 0 || out.is_empty() {
                out.push_str(&format!("{m}分"));
            }
            out
        }
    }
}

/// An Sla target in Chinese running text: `2天`, `4小时`, `2 个工作日`.
pub fn target_zh(target: crate::model::scalar::SlaTarget) -> String {
    match target {
        crate::model::scalar::SlaTarget::Business(d) => duration(d.seconds(), Lang::ZhCn),
        crate::model::scalar::SlaTarget::WorkingDays(n) => format!("{n} 个工作日"),
    }
}

/// Business time in running text: `134h30m of working time`, `9天15小时30分(工作时间)`.
pub fn working_time(seconds: i64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} of working time", hours_minutes(seconds)),
        Lang::ZhCn => format!("{}（工作时间）", duration(seconds, lang)),
    }
}

/// What a person sees where there is no figure: `n/a` in English, `—` in Chinese tables
/// (the reason is given in a note next to the table).
pub fn none(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "n/a",
        Lang::ZhCn => "—",
    }
}

/// A calendar's name for a person: the built-in `24x7` reads `7×24` in Chinese (the record
/// value stays `24x7`).
pub fn calendar_name(name: &str, lang: Lang) -> String {
    match (lang, name) {
        (Lang::ZhCn, "24x7" | "7x24") => "7×24".to_owned(),
        _ => name.to_owned(),
    }
}

/// A count as a person reads it (`12,480` tickets); CSV and JSON write counts as numbers.
pub fn count(n: usize) -> String {
    grouped(&n.to_string())
}

/// A plain number (`-1234567.89`) with thousands separators in its integer part.
pub fn grouped(plain: &str) -> String {
    let (sign, digits) = plain.strip_prefix('-').map_or(("", plain), |d| ("-", d));
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(plain.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Minor units of a currency: the ISO 4217 exponent of every active code that is not 2.
pub fn minor_units(currency: &str) -> u8 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
        | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// An amount rounded half-even to the currency's minor unit (sla.md, "Service credits").
pub fn round_money(amount: Exact, currency: &str) -> Exact {
    amount.round_half_even(u32::from(minor_units(currency)))
}

/// An amount as a machine reads it (CSV, JSON): the minor unit's decimals, no separators.
pub fn money_plain(amount: Exact, currency: &str) -> String {
    round_money(amount, currency).truncated(minor_units(currency))
}

/// An amount as a person reads it (table, Markdown, HTML): thousands separators and the
/// currency, `680,000.00 CNY`, in Chinese `680,000.00 元` for the renminbi.
pub fn money(amount: Exact, currency: &str, lang: Lang) -> String {
    let unit = if lang == Lang::ZhCn && currency == "CNY" { "元" } else { currency };
    format!("{} {unit}", grouped(&money_plain(amount, currency)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_separators_only_for_people() {
        let amount = Exact::int(680_000);
        assert_eq!(money(amount, "CNY", Lang::En), "680,000.00 CNY");
        assert_eq!(money(amount, "CNY", Lang::ZhCn), "680,000.00 元");
        assert_eq!(money(amount, "USD", Lang::ZhCn), "680,000.00 USD");
        assert_eq!(money_plain(amount, "CNY"), "680000.00");
        assert_eq!(money(Exact::int(1_234_567), "JPY", Lang::En), "1,234,567 JPY");
        assert_eq!(money(Exact::ratio(5, 1000), "CNY", Lang::En), "0.00 CNY");
        assert_eq!(money(Exact::ratio(15, 1000), "CNY", Lang::En), "0.02 CNY");
        assert_eq!(money(Exact::ratio(-12_345, 10), "BHD", Lang::En), "-1,234.500 BHD");
        assert_eq!(money(Exact::int(999), "CNY", Lang::En), "999.00 CNY");
    }

    #[test]
    fn minutes_whole_or_cut_to_one_decimal() {
        assert_eq!(minutes_of(3600), "60");
        assert_eq!(minutes(Exact::ratio(28_801, 2)), "240.0");
        assert_eq!(minutes(Exact::ratio(24_192, 10)), "40.3");
        assert_eq!(minutes_of(90), "1.5");
        assert_eq!(minutes_grouped(Exact::int(44_100 * 60)), "44,100");
        assert_eq!(minutes_grouped(Exact::ratio(-74_073, 1)), "-1,234.5");
    }

    #[test]
    fn durations_and_minutes_read_as_written_in_each_language() {
        assert_eq!(duration(9 * 86_400 + 15 * 3600 + 30 * 60, Lang::ZhCn), "9天15小时30分");
        assert_eq!(working_time(9 * 86_400 + 15 * 3600 + 30 * 60, Lang::ZhCn), "9天15小时30分（工作时间）");
        assert_eq!(duration(231 * 3600 + 30 * 60, Lang::En), "231h30m");
        assert_eq!(duration(3600, Lang::ZhCn), "1小时");
        assert_eq!(duration(0, Lang::ZhCn), "0分");
        assert_eq!(minutes_shown_of(10_080 * 60, Lang::ZhCn), "10,080 分钟");
        assert_eq!(minutes_shown_of(10_080 * 60, Lang::En), "10,080 min");
        assert_eq!(calendar_name("24x7", Lang::ZhCn), "7×24");
        assert_eq!(calendar_name("24x7", Lang::En), "24x7");
        assert_eq!(count(12_480), "12,480");
    }

    #[test]
    fn percentages_are_cut_never_rounded_up() {
        assert_eq!(percent(Exact::ratio(99_899, 1000), 2), "99.89");
        assert_eq!(attainment(Some(Exact::ratio(100, 7))), "14.2");
        assert_eq!(attainment(None), "n/a");
        assert_eq!(term_percent(Exact::ratio(5, 2)), "2.5");
        // A sum of contract percentages is shown exactly, so it multiplies to the amount.
        assert_eq!(term_percent(Exact::ratio(33_333_333_333, 1_000_000_000)), "33.333333333");
        assert_eq!(score(Exact::ratio(19, 5)), "3.80");
    }
}
