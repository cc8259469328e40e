//! Exact rational numbers for every figure that decides money or a threshold (sla.md,
//! "Exactness"): availability against its target, credit tiers, amounts owed, attainment,
//! satisfaction. Binary floating point would say 99.89999999999999 for an availability of
//! exactly 99.9 % and owe a credit that is not owed.
//!
//! Values are `num / den` in lowest terms with `den > 0`, in `i128`. Inputs are bounded at
//! parsing (at most 18 integer and 9 fractional digits), so the report's figures stay far
//! below the limits; an operation that would still overflow saturates instead of panicking.
//! Comparison never overflows (it compares continued fractions).

use std::cmp::Ordering;
use std::fmt;

/// An exact rational number.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    num: i128,
    den: i128,
}

const fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Exact {
    pub const ZERO: Exact = Exact { num: 0, den: 1 };
    pub const ONE: Exact = Exact { num: 1, den: 1 };
    pub const HUNDRED: Exact = Exact { num: 100, den: 1 };
    const MAX: Exact = Exact { num: i128::MAX, den: 1 };
    const MIN: Exact = Exact { num: -i128::MAX, den: 1 };

    /// `num / den`; a zero denominator gives zero (callers check for "n/a" before dividing).
    pub fn ratio(num: i128, den: i128) -> Exact {
        if den == 0 || num == 0 {
            return Exact::ZERO;
        }
        let g = gcd(num, den);
        let (mut n, mut d) = (num / g, den / g);
        if d < 0 {
            n = -n;
            d = -d;
        }
        Exact { num: n, den: d }
    }

    pub fn int(n: i64) -> Exact {
        Exact { num: i128::from(n), den: 1 }
    }

    pub fn numer(self) -> i128 {
        self.num
    }

    pub fn denom(self) -> i128 {
        self.den
    }

    /// A decimal number as written in YAML (`99.90`, `64`, `-1.5`, `1_000`, `2.5e1`), with the
    /// number of decimals written (`99.90` → 2; an exponent does not count). `None` when it is
    /// not a plain decimal or has more than 18 integer or 9 fractional digits after scaling.
    pub fn parse_decimal(text: &str) -> Option<(Exact, u8)> {
        let s: String = text.chars().filter(|&c| c != '_').collect();
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
            None => (s.as_str(), 0),
        };
        let (negative, digits) = match mantissa.as_bytes().first()? {
            b'-' => (true, &mantissa[1..]),
            b'+' => (false, &mantissa[1..]),
            _ => (false, mantissa),
        };
        let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let written = u8::try_from(frac_part.len()).ok()?;
        // value = all_digits × 10^(exp − frac_len)
        // value = digits × 10^scale, with leading and trailing zeros taken off the digits.
        let joined = format!("{int_part}{frac_part}");
        let mut all = joined.trim_start_matches('0');
        let mut scale = exp.checked_sub(i32::from(written))?;
        while scale < 0 && all.ends_with('0') {
            all = &all[..all.len() - 1];
            scale += 1;
        }
        if all.is_empty() {
            return Some((Exact::ZERO, written));
        }
        // At most 18 digits before the point and 9 after it.
        if all.len() as i32 + scale > 18 || scale < -9 {
            return None;
        }
        let mut num: i128 = all.parse().ok()?;
        let mut den: i128 = 1;
        if scale >= 0 {
            num = num.checked_mul(10i128.checked_pow(scale.unsigned_abs())?)?;
        } else {
            den = 10i128.checked_pow(scale.unsigned_abs())?;
        }
        if negative {
            num = -num;
        }
        Some((Exact::ratio(num, den), written))
    }

    pub fn is_zero(self) -> bool {
        self.num == 0
    }

    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    fn saturate(positive: bool) -> Exact {
        if positive { Exact::MAX } else { Exact::MIN }
    }

    pub fn plus(self, other: Exact) -> Exact {
        let g = gcd(self.den, other.den);
        let (bd, dd) = (self.den / g, other.den / g);
        let sum = self
            .num
            .checked_mul(dd)
            .and_then(|a| other.num.checked_mul(bd).and_then(|b| a.checked_add(b)))
            .and_then(|n| bd.checked_mul(other.den).map(|d| Exact::ratio(n, d)));
        sum.unwrap_or_else(|| Exact::saturate(self.cmp(&other.negated()) == Ordering::Greater))
    }

    pub fn negated(self) -> Exact {
        Exact { num: -self.num, den: self.den }
    }

    pub fn minus(self, other: Exact) -> Exact {
        self.plus(other.negated())
    }

    pub fn times(self, other: Exact) -> Exact {
        // Cross-reduce first so the products stay small.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let n = (self.num / g1).checked_mul(other.num / g2);
        let d = (self.den / g2).checked_mul(other.den / g1);
        match (n, d) {
            (Some(n), Some(d)) => Exact::ratio(n, d),
            _ => Exact::saturate((self.num < 0) == (other.num < 0)),
        }
    }

    /// `self / other`; `None` when `other` is zero.
    pub fn over(self, other: Exact) -> Option<Exact> {
        if other.num == 0 {
            return None;
        }
        Some(self.times(Exact { num: other.den * other.num.signum(), den: other.num.abs() }))
    }

    pub fn mul_int(self, n: i64) -> Exact {
        self.times(Exact::int(n))
    }

    /// The largest integer not above the value.
    pub fn floor(self) -> i128 {
        self.num.div_euclid(self.den)
    }

    /// Rounded half to even at `decimals` places (money, sla.md "Service credits").
    pub fn round_half_even(self, decimals: u32) -> Exact {
        let Some(scale) = 10i128.checked_pow(decimals) else { return self };
        let scaled = self.times(Exact { num: scale, den: 1 });
        let floor = scaled.floor();
        let rest = scaled.minus(Exact { num: floor, den: 1 });
        let half = Exact { num: 1, den: 2 };
        let rounded = match rest.cmp(&half) {
            Ordering::Less => floor,
            Ordering::Greater => floor + 1,
            Ordering::Equal => {
                if floor % 2 == 0 {
                    floor
                } else {
                    floor + 1
                }
            }
        };
        Exact::ratio(rounded, scale)
    }

    /// The value cut toward zero to `decimals` places, as text with exactly that many
    /// decimals (`99.8999…` → `99.89` for 2). Never rounds up, so a figure shown as meeting
    /// a target meets it.
    pub fn truncated(self, decimals: u8) -> String {
        let scale = 10i128.pow(u32::from(decimals.min(18)));
        let scaled = (self.num.unsigned_abs() / self.den.unsigned_abs()) * scale.unsigned_abs()
            + (self.num.unsigned_abs() % self.den.unsigned_abs()) * scale.unsigned_abs() / self.den.unsigned_abs();
        let int = scaled / scale.unsigned_abs();
        let frac = scaled % scale.unsigned_abs();
        let sign = if self.num < 0 && scaled > 0 { "-" } else { "" };
        if decimals == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac:0width$}", width = usize::from(decimals.min(18)))
        }
    }

    /// The value written with as few decimals as it needs, up to `max` (cut, not rounded):
    /// `5`, `2.5`, `14.285` for 100/7 with 3.
    pub fn trimmed(self, max: u8) -> String {
        let s = self.truncated(max);
        if s.contains('.') {
            let t = s.trim_end_matches('0').trim_end_matches('.');
            if t == "-0" { "0".to_owned() } else { t.to_owned() }
        } else {
            s
        }
    }

    /// The exact value as text: a finite decimal when there is one (`2419.2`, `-0.125`), else a
    /// fraction (`100/7`). For machine-readable output that must reproduce a decision.
    pub fn to_text(self) -> String {
        // A fraction has a finite decimal expansion when its denominator is 2^a · 5^b.
        let mut d = self.den;
        let mut places = 0u8;
        let (mut twos, mut fives) = (0u32, 0u32);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        if d == 1 {
            places = u8::try_from(twos.max(fives)).unwrap_or(u8::MAX);
        }
        if d != 1 || places > 18 {
            return format!("{}/{}", self.num, self.den);
        }
        let text = self.truncated(places);
        if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_owned() } else { text }
    }

    /// An approximation for drawing (chart geometry only; never for a decision or a label).
    pub fn approx(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    pub fn min(self, other: Exact) -> Exact {
        if self <= other { self } else { other }
    }

    pub fn max(self, other: Exact) -> Exact {
        if self >= other { self } else { other }
    }
}

impl Default for Exact {
    fn default() -> Self {
        Exact::ZERO
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den == 1 { write!(f, "{}", self.num) } else { write!(f, "{}/{}", self.num, self.den) }
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        // Compare a/b with c/d through their continued fractions: no product can overflow.
        let (mut a, mut b, mut c, mut d) = (self.num, self.den, other.num, other.den);
        let mut flipped = false;
        loop {
            let (qa, ra) = (a.div_euclid(b), a.rem_euclid(b));
            let (qc, rc) = (c.div_euclid(d), c.rem_euclid(d));
            if qa != qc {
                let o = qa.cmp(&qc);
                return if flipped { o.reverse() } else { o };
            }
            match (ra == 0, rc == 0) {
                (true, true) => return Ordering::Equal,
                (true, false) => return if flipped { Ordering::Greater } else { Ordering::Less },
                (false, true) => return if flipped { Ordering::Less } else { Ordering::Greater },
                (false, false) => {
                    // ra/b vs rc/d ⇔ d/rc vs b/ra, with the order reversed.
                    (a, b, c, d) = (b, ra, d, rc);
                    flipped = !flipped;
                }
            }
        }
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, Exact::plus)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Exact {
        Exact::parse_decimal(s).map(|(e, _)| e).unwrap_or(Exact::MIN)
    }

    #[test]
    fn parses_decimals_as_written() {
        assert_eq!(Exact::parse_decimal("99.90"), Some((Exact::ratio(999, 10), 2)));
        assert_eq!(Exact::parse_decimal("64"), Some((Exact::int(64), 0)));
        assert_eq!(Exact::parse_decimal("-1.5"), Some((Exact::ratio(-3, 2), 1)));
        assert_eq!(Exact::parse_decimal("1_000"), Some((Exact::int(1000), 0)));
        assert_eq!(Exact::parse_decimal("2.5e1"), Some((Exact::int(25), 1)));
        assert_eq!(Exact::parse_decimal("5e-1"), Some((Exact::ratio(1, 2), 0)));
        assert_eq!(Exact::parse_decimal(".5"), Some((Exact::ratio(1, 2), 1)));
        assert_eq!(Exact::parse_decimal("0.000"), Some((Exact::ZERO, 3)));
        for bad in ["", "-", "1.2.3", "abc", "1e", "1e999", "1234567890123456789012", "0.0000000001"] {
            assert_eq!(Exact::parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_tenth_of_a_percent_is_exact() {
        // Feb 2026, 24x7: 2,419,200 s; a 63 min outage at 64 % is 2,419.2 s of downtime.
        let scheduled = Exact::int(28 * 86_400);
        let downtime = Exact::int(63 * 60).times(dec("0.64"));
        let availability = Exact::HUNDRED.times(scheduled.minus(downtime)).over(scheduled);
        assert_eq!(availability, Some(dec("99.9")));
        assert!(availability.is_some_and(|a| a >= dec("99.90")));
        assert_eq!(availability.map(|a| a.truncated(3)).as_deref(), Some("99.900"));
    }

    #[test]
    fn comparison_is_exact_and_does_not_overflow() {
        assert!(Exact::ratio(1, 3) < Exact::ratio(334, 1000));
        assert!(Exact::ratio(-1, 3) > Exact::ratio(-334, 1000));
        assert_eq!(Exact::ratio(2, 4).cmp(&Exact::ratio(1, 2)), Ordering::Equal);
        let big = Exact::ratio(i128::MAX - 1, i128::MAX);
        let bigger = Exact::ratio(i128::MAX - 2, i128::MAX - 1);
        assert!(bigger < big);
        assert!(Exact::ratio(7, 2) > Exact::int(3));
        assert!(Exact::int(-4) < Exact::ratio(-7, 2));
    }

    #[test]
    fn truncation_and_rounding() {
        assert_eq!(Exact::ratio(100, 7).truncated(1), "14.2");
        assert_eq!(Exact::ratio(100, 7).trimmed(3), "14.285");
        assert_eq!(Exact::int(5).trimmed(3), "5");
        assert_eq!(Exact::ratio(-1, 3).truncated(2), "-0.33");
        assert_eq!(Exact::ratio(-1, 1000).truncated(2), "0.00");
        assert_eq!(dec("2.345").round_half_even(2), dec("2.34"));
        assert_eq!(dec("2.355").round_half_even(2), dec("2.36"));
        assert_eq!(dec("0.5").round_half_even(0), Exact::ZERO);
        assert_eq!(dec("1.5").round_half_even(0), Exact::int(2));
        assert_eq!(dec("-2.5").round_half_even(0), Exact::int(-2));
    }

    #[test]
    fn exact_text_is_a_decimal_or_a_fraction() {
        assert_eq!(Exact::ratio(24_192, 10).to_text(), "2419.2");
        assert_eq!(Exact::ratio(-1, 8).to_text(), "-0.125");
        assert_eq!(Exact::ratio(100, 7).to_text(), "100/7");
        assert_eq!(Exact::int(42).to_text(), "42");
    }

    #[test]
    fn arithmetic_saturates_instead_of_panicking() {
        let huge = Exact::ratio(i128::MAX / 2 + 1, 1);
        assert_eq!(huge.times(huge), Exact::MAX);
        assert_eq!(huge.plus(huge), Exact::MAX);
        assert_eq!(Exact::ONE.over(Exact::ZERO), None);
    }
}
