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
