//! Satisfaction figures (sla.md, "Satisfaction") of the surveys whose period overlaps a month:
//! mean per dimension and overall, the share of scores of 4 or 5, responses and response rate.

use jiff::civil::Date;

use crate::model::Exact;
use crate::model::kinds::Survey;

/// Fewer responses than this are flagged as a small sample.
pub const SMALL_SAMPLE: usize = 5;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Satisfaction {
    /// Survey ids counted.
    pub surveys: Vec<String>,
    pub responses: usize,
    pub invited: Option<u32>,
    /// (dimension, mean, number of scores), in the order of the record format.
    pub per_dimension: Vec<(&'static str, Exact, usize)>,
    /// Mean of all scores given; `None` when there are none.
    pub mean: Option<Exact>,
    /// Percent of scores of 4 or 5.
    pub rate: Option<Exact>,
    pub scores: usize,
}

impl Satisfaction {
    pub fn small_sample(&self) -> bool {
        self.responses < SMALL_SAMPLE
    }

    pub fn response_rate(&self) -> Option<Exact> {
        self.invited.filter(|&n| n > 0).map(|n| Exact::ratio(100 * self.responses as i128, i128::from(n)))
    }
}

/// Figures over `surveys` whose period overlaps `[first, last]`.
pub fn satisfaction<'a>(surveys: impl Iterator<Item = &'a Survey>, first: Date, last: Date) -> Satisfaction {
    let mut out = Satisfaction::default();
    let mut sums: Vec<(&'static str, u32, usize)> = Vec::new();
    let mut invited: Option<u32> = None;
    let mut high = 0usize;
    for s in surveys.filter(|s| s.period.from.value <= last && s.period.to.value >= first) {
        out.surveys.push(s.id.value.clone());
        out.responses += s.responses.len();
        // A response rate needs every counted survey's `invited`.
        invited = match (&s.invited, out.surveys.len()) {
            (Some(n), 1) => Some(n.value),
            (Some(n), _) => invited.map(|i| i + n.value),
            (None, _) => None,
        };
        for r in &s.responses {
            for (dim, score) in r.scores.given() {
                if score.value.0 >= 4 {
                    high += 1;
                }
                match sums.iter_mut().find(|(d, _, _)| *d == dim) {
                    Some(entry) => {
                        entry.1 += u32::from(score.value.0);
                        entry.2 += 1;
                    }
                    None => sums.push((dim, u32::from(score.value.0), 1)),
                }
            }
        }
    }
    out.invited = invited;
    let (total, count) = sums.iter().fold((0u32, 0usize), |(t, c), (_, s, n)| (t + s, c + n));
    out.scores = count;
    out.per_dimension = sums.iter().map(|(d, s, n)| (*d, Exact::ratio(i128::from(*s), *n as i128), *n)).collect();
    out.mean = (count > 0).then(|| Exact::ratio(i128::from(total), count as i128));
    out.rate = (count > 0).then(|| Exact::ratio(100 * high as i128, count as i128));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::load::Repository;

    #[test]
    fn means_rate_and_sample_by_hand() {
        let text = "kind: Survey\nid: S\nperiod: {from: 2026-07-01, to: 2026-09-30}\ninvited: 8\nresponses:\n  - {scores: {quality: 5, cost: 3}}\n  - {scores: {quality: 4, cost: 2, security: 5}}\n---\nkind: Survey\nid: T\nperiod: {from: 2026-11-01, to: 2026-11-30}\nresponses:\n  - {scores: {quality: 1}}\n";
        let repo = Repository::from_texts(&[("s.yaml".to_owned(), text.to_owned())], Config::default());
        let s =
            satisfaction(repo.records.surveys.iter(), jiff::civil::date(2026, 9, 1), jiff::civil::date(2026, 9, 30));
        assert_eq!(s.surveys, vec!["S".to_owned()]);
        // Scores 5, 3, 4, 2, 5: mean 19 / 5 = 3.8; three of five are 4 or 5.
        assert_eq!(s.mean, Some(Exact::ratio(19, 5)));
        assert_eq!(s.rate, Some(Exact::int(60)));
        let halves = |n| Exact::ratio(n, 2);
        assert_eq!(
            s.per_dimension,
            vec![("quality", halves(9), 2), ("cost", halves(5), 2), ("security", Exact::int(5), 1)]
        );
        assert_eq!(s.response_rate(), Some(Exact::int(25)));
        assert!(s.small_sample());
    }
}
