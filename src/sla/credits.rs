//! Service credits (sla.md, "Service credits"): the month's fee, the tier that applies to a
//! measured value, the cap, and rounding half-even to the currency's minor unit.

use jiff::civil::Date;

use crate::calendar::dates::days_between;
use crate::model::kinds::engagement::{CreditMetric, CreditTier, Engagement, FeePeriod};

/// The fee for one month: a quarterly or yearly fee divided by 3 or 12, pro-rated by days
/// when the term covers only part of the month; `None` for a one-off fee.
pub fn monthly_fee(engagement: &Engagement, month_first: Date) -> Option<f64> {
    let fees = &engagement.fees;
    let base = match fees.period.value {
        FeePeriod::Monthly => fees.amount.value,
        FeePeriod::Quarterly => fees.amount.value / 3.0,
        FeePeriod::Yearly => fees.amount.value / 12.0,
        FeePeriod::OneOff => return None,
    };
    let first = month_first.first_of_month();
    let last = first.last_of_month();
    let from = first.max(engagement.term.start.value);
    let to = last.min(engagement.term.end.value);
    if to < from {
        return Some(0.0);
    }
    let covered = days_between(from, to) + 1;
    let days = i64::from(last.day());
    Some(base * covered as f64 / days as f64)
}

/// The tiers for `service` and `metric`: the service's own tiers replace the general ones.
pub fn tiers_for<'a>(tiers: &'a [&'a CreditTier], service: &str, metric: CreditMetric) -> Vec<&'a CreditTier> {
    let own: Vec<&CreditTier> = tiers
        .iter()
        .copied()
        .filter(|t| t.metric.value == metric && t.service.as_ref().is_some_and(|s| s.value == service))
        .collect();
    if !own.is_empty() {
        return own;
    }
    tiers.iter().copied().filter(|t| t.metric.value == metric && t.service.is_none()).collect()
}

/// The credit percent owed for a measured value: the tier with the lowest `below` that the
/// value is strictly under; none when the value is "n/a" or above every tier.
pub fn credit_percent(tiers: &[&CreditTier], value: Option<f64>) -> Option<f64> {
    let value = value?;
    tiers
        .iter()
        .filter(|t| value < t.below.value)
        .min_by(|a, b| a.below.value.total_cmp(&b.below.value))
        .map(|t| t.credit_percent.value.value)
}

/// Minor units of a currency: the ISO 4217 exponent of every active code that is not 2.
pub fn minor_units(currency: &str) -> i32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
        | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// Round half to even at `decimals` decimal places.
pub fn round_half_even(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let scaled = value * factor;
    let floor = scaled.floor();
    let diff = scaled - floor;
    // Values that are a tie up to float noise are treated as exact ties.
    let rounded =
        if (diff - 0.5).abs() < 1e-9 { if floor % 2.0 == 0.0 { floor } else { floor + 1.0 } } else { scaled.round() };
    rounded / factor
}

/// The total credit: the sum of `percents` of the fee, capped at `cap_percent` of the fee,
/// rounded half-even to the currency's minor unit.
pub fn total_credit(fee: f64, percents: &[f64], cap_percent: f64, currency: &str) -> f64 {
    let sum: f64 = percents.iter().map(|p| p / 100.0 * fee).sum();
    let capped = sum.min(cap_percent / 100.0 * fee);
    // `+ 0.0` turns the -0.0 of an empty sum into 0.
    round_half_even(capped, minor_units(currency)) + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Repository;

    fn engagement(extra: &str) -> Repository {
        let text = format!(
            "kind: Engagement\nid: e\ntitle: t\ncustomer: {{name: c}}\nprovider: {{name: p}}\nterm: {{start: 2026-10-11, end: 2027-06-30}}\nscope:\n  - {{service: s, description: d, deliverables: [r]}}\nfees: {{amount: 310000, currency: CNY, period: quarterly, payment_terms: t}}\ntermination: {{notice_days: 30, conditions: [contract-expiry]}}\nliability: {{service_interruption: a, data_loss: b, system_failure: c}}\nsupport: {{response: a, problem_process: b, maintenance_cycle: c}}\n{extra}"
        );
        Repository::from_texts(&[("e.yaml".to_owned(), text)], Config::default())
    }

    #[test]
    fn pro_rated_capped_credit_by_hand() {
        let repo = engagement(
            "service_credits:\n  cap_percent: 10\n  tiers:\n    - {metric: availability, below: 99.9, credit_percent: 5}\n    - {metric: availability, below: 99.5, credit_percent: 12}\n    - {service: s, metric: resolution-attainment, below: 95, credit_percent: 3}\n",
        );
        let eng = &repo.records.engagements[0];
        // Quarterly 310,000 → 103,333.33 a month; the term starts on 10-11: 21 of 31 days.
        let fee = monthly_fee(eng, jiff::civil::date(2026, 10, 1)).unwrap_or_default();
        assert!((fee - 310_000.0 / 3.0 * 21.0 / 31.0).abs() < 1e-6, "{fee}");
        let credits = eng.service_credits.as_ref().map(|c| c.value.clone());
        let tiers: Vec<&CreditTier> = credits.iter().flat_map(|c| c.tiers.iter().map(|t| &t.value)).collect();
        // 99.4 is under both 99.9 and 99.5: the lowest `below` (99.5) applies → 12 %.
        let availability = credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), Some(99.4));
        assert_eq!(availability, Some(12.0));
        // Exactly at a threshold is not under it.
        assert_eq!(credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), Some(99.9)), None);
        // "n/a" earns nothing.
        assert_eq!(credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), None), None);
        let resolution = credit_percent(&tiers_for(&tiers, "s", CreditMetric::ResolutionAttainment), Some(90.0));
        assert_eq!(resolution, Some(3.0));
        // 12 % + 3 % = 15 % of 70,000.00 → capped at 10 % = 7,000.00.
        assert_eq!(total_credit(fee, &[12.0, 3.0], 10.0, "CNY"), 7000.0);
        assert_eq!(fee, 70_000.0);
    }

    #[test]
    fn half_even_rounding() {
        assert_eq!(round_half_even(2.345, 2), 2.34);
        assert_eq!(round_half_even(2.355, 2), 2.36);
        assert_eq!(round_half_even(0.5, 0), 0.0);
        assert_eq!(round_half_even(1.5, 0), 2.0);
        assert_eq!(minor_units("JPY"), 0);
        assert_eq!(minor_units("XOF"), 0);
        assert_eq!(minor_units("CLF"), 4);
    }

    #[test]
    fn one_off_fees_have_no_monthly_fee() {
        let repo = engagement("");
        let mut eng = repo.records.engagements[0].clone();
        eng.fees.value.period.value = FeePeriod::OneOff;
        assert_eq!(monthly_fee(&eng, jiff::civil::date(2026, 10, 1)), None);
    }
}
