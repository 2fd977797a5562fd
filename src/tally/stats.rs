//! The arithmetic of SPEC §5 on integers only, so a figure never depends on float rounding:
//! nearest-rank percentiles, and ratios rounded half away from zero to a fixed number of
//! decimals.

/// Nearest-rank percentile of ascending `sorted` values: `v[ceil(p/100 · n)]` (1-based), so
/// the median (p = 50) of 1, 2, 3, 4 is 2. `None` for no values.
pub fn nearest_rank(sorted: &[i64], p: u32) -> Option<i64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (p as usize * n).div_ceil(100).clamp(1, n);
    Some(sorted[rank - 1])
}

/// `num / den` rounded half away from zero to `decimals` decimals; `None` when `den` is 0.
/// The result is the float nearest that decimal, so it prints as exactly that decimal.
pub fn round_ratio(num: i128, den: i128, decimals: u32) -> Option<f64> {
    if den == 0 {
        return None;
    }
    let scale = 10i128.pow(decimals);
    let scaled = num * scale;
    let mut quotient = scaled / den;
    let remainder = scaled % den;
    if 2 * remainder.abs() >= den.abs() {
        // Half away from zero: step away from zero in the direction of the exact result.
        quotient += if (scaled < 0) != (den < 0) { -1 } else { 1 };
    }
    Some(quotient as f64 / scale as f64)
}

/// A mean rounded to 1 decimal (SPEC §5).
pub fn mean(sum: i128, n: u64) -> Option<f64> {
    round_ratio(sum, n as i128, 1)
}

/// A share or rate rounded to 4 decimals (SPEC §5).
pub fn share(num: u64, den: u64) -> Option<f64> {
    round_ratio(num as i128, den as i128, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
        assert_eq!(nearest_rank(&[1, 2, 3, 4], 90), Some(4));
        assert_eq!(nearest_rank(&[7], 50), Some(7));
        assert_eq!(nearest_rank(&[7], 90), Some(7));
        assert_eq!(nearest_rank(&[1, 9], 50), Some(1));
        assert_eq!(nearest_rank(&[], 50), None);
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&ten, 90), Some(9));
        assert_eq!(nearest_rank(&ten, 100), Some(10));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_ratio(25, 100, 1), Some(0.3)); // 0.25 -> 0.3
        assert_eq!(round_ratio(-25, 100, 1), Some(-0.3));
        assert_eq!(round_ratio(24, 100, 1), Some(0.2));
        assert_eq!(round_ratio(1, 3, 4), Some(0.3333));
        assert_eq!(round_ratio(2, 3, 4), Some(0.6667));
        assert_eq!(round_ratio(1, 0, 4), None);
        assert_eq!(mean(5, 2), Some(2.5));
        assert_eq!(mean(3, 2), Some(1.5));
        assert_eq!(mean(1, 4), Some(0.3)); // 0.25
        assert_eq!(share(1, 8), Some(0.125));
        assert_eq!(share(1, 80000), Some(0.0)); // 0.0000125
        assert_eq!(share(1, 20000), Some(0.0001)); // 0.00005 rounds up
    }
}
