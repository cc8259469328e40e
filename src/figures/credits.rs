//! Service credits (sla.md, "Service credits"): the month's fee, the tier that applies to a
//! measured value, the cap, and rounding half-even to the currency's minor unit.

use jiff::civil::Date;

use crate::calendar::dates::days_between;
use crate::model::Exact;
use crate::model::kinds::engagement::{CreditMetric, CreditTier, Engagement, FeePeriod};

use super::figure::round_money;

/// The fee for one month, exactly: a quarterly or yearly fee divided by 3 or 12, pro-rated by
/// days when the term covers only part of the month; `None` for a one-off fee.
pub fn monthly_fee(engagement: &Engagement, month_first: Date) -> Option<Exact> {
    let fees = &engagement.fees;
    let amount = fees.amount.value.exact;
    let base = match fees.period.value {
        FeePeriod::Monthly => amount,
        FeePeriod::Quarterly => amount.times(Exact::ratio(1, 3)),
        FeePeriod::Yearly => amount.times(Exact::ratio(1, 12)),
        FeePeriod::OneOff => return None,
    };
    let first = month_first.first_of_month();
    let last = first.last_of_month();
    let from = first.max(engagement.term.start.value);
    let to = last.min(engagement.term.end.value);
    if to < from {
        return Some(Exact::ZERO);
    }
    let covered = days_between(from, to) + 1;
    let days = i64::from(last.day());
    Some(base.times(Exact::ratio(i128::from(covered), i128::from(days))))
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
/// value is strictly under, compared exactly; none when the value is "n/a" or above every tier.
pub fn credit_percent(tiers: &[&CreditTier], value: Option<Exact>) -> Option<Exact> {
    let value = value?;
    tiers
        .iter()
        .filter(|t| value < t.below.value.exact)
        .min_by(|a, b| a.below.value.exact.cmp(&b.below.value.exact))
        .map(|t| t.credit_percent.value.exact)
}

/// The total credit: the sum of `percents` of the fee, capped at `cap_percent` of the fee,
/// rounded half-even to the currency's minor unit.
pub fn total_credit(fee: Exact, percents: &[Exact], cap_percent: Exact, currency: &str) -> Exact {
    let sum: Exact = percents.iter().copied().sum();
    let capped = sum.min(cap_percent).times(fee).times(Exact::ratio(1, 100));
    round_money(capped, currency)
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
        assert_eq!(fee, Exact::int(70_000));
        let credits = eng.service_credits.as_ref().map(|c| c.value.clone());
        let tiers: Vec<&CreditTier> = credits.iter().flat_map(|c| c.tiers.iter().map(|t| &t.value)).collect();
        // 99.4 is under both 99.9 and 99.5: the lowest `below` (99.5) applies → 12 %.
        let availability = credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), pct(994, 10));
        assert_eq!(availability, Some(Exact::int(12)));
        // Exactly at a threshold is not under it.
        assert_eq!(credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), pct(999, 10)), None);
        // "n/a" earns nothing.
        assert_eq!(credit_percent(&tiers_for(&tiers, "s", CreditMetric::Availability), None), None);
        let resolution = credit_percent(&tiers_for(&tiers, "s", CreditMetric::ResolutionAttainment), pct(90, 1));
        assert_eq!(resolution, Some(Exact::int(3)));
        // 12 % + 3 % = 15 % of 70,000.00 → capped at 10 % = 7,000.00.
        assert_eq!(total_credit(fee, &[Exact::int(12), Exact::int(3)], Exact::int(10), "CNY"), Exact::int(7000));
    }

    fn pct(n: i128, d: i128) -> Option<Exact> {
        Some(Exact::ratio(n, d))
    }

    #[test]
    fn an_exact_tier_boundary_and_a_cent_rounded_half_even() {
        // Yearly fee 1,000,000.10 → 83,333.341666… a month; 1.5 % of it is 1,250.000125 → 1,250.00.
        let repo =
            engagement("service_credits:\n  tiers:\n    - {metric: availability, below: 99.90, credit_percent: 1.5}\n");
        let mut eng = repo.records.engagements[0].clone();
        eng.fees.value.period.value = FeePeriod::Yearly;
        eng.fees.value.amount.value.exact = Exact::ratio(10_000_001, 10);
        eng.term.value.start.value = jiff::civil::date(2026, 1, 1);
        let fee = monthly_fee(&eng, jiff::civil::date(2026, 10, 1)).unwrap_or_default();
        assert_eq!(fee, Exact::ratio(10_000_001, 120));
        assert_eq!(total_credit(fee, &[Exact::ratio(3, 2)], Exact::HUNDRED, "CNY"), Exact::int(1250));
        // A tie at the cent rounds to even: 0.125 → 0.12, 0.135 → 0.14.
        assert_eq!(total_credit(Exact::ratio(125, 10), &[Exact::int(1)], Exact::HUNDRED, "CNY"), Exact::ratio(12, 100));
        assert_eq!(total_credit(Exact::ratio(135, 10), &[Exact::int(1)], Exact::HUNDRED, "CNY"), Exact::ratio(14, 100));
    }

    #[test]
    fn one_off_fees_have_no_monthly_fee() {
        let repo = engagement("");
        let mut eng = repo.records.engagements[0].clone();
        eng.fees.value.period.value = FeePeriod::OneOff;
        assert_eq!(monthly_fee(&eng, jiff::civil::date(2026, 10, 1)), None);
    }
}
