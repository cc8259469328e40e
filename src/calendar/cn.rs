//! Mainland China's statutory public holidays and make-up workdays (调休上班日), from the
//! State Council's annual notices, as shipped in `data/cn-holidays.tsv` (2024–2026).

use std::collections::BTreeSet;

use jiff::civil::Date;

/// The years the data covers completely.
pub const YEARS: (i16, i16) = (2024, 2026);

const DATA: &str = include_str!("../../data/cn-holidays.tsv");

/// (days off, make-up workdays).
pub fn dates() -> (BTreeSet<Date>, BTreeSet<Date>) {
    let mut holidays = BTreeSet::new();
    let mut workdays = BTreeSet::new();
    for line in DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(day), Some(kind)) = (cols.next(), cols.next()) else { continue };
        let Ok(day) = crate::model::scalar::parse_date(day.trim()) else { continue };
        match kind.trim() {
            "holiday" => {
                holidays.insert(day);
            }
            "workday" => {
                workdays.insert(day);
            }
            _ => {}
        }
    }
    (holidays, workdays)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_data_is_complete() {
        let (holidays, workdays) = super::dates();
        // 2024–2026: every line of the table parsed.
        let lines = super::DATA.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).count();
        assert_eq!(holidays.len() + workdays.len(), lines);
        assert!(holidays.len() > 80 && workdays.len() > 15);
    }
}
