//! The demo's seeded PRNG (xoshiro256** seeded through SplitMix64, from rand_xoshiro): the same
//! seed gives the same history on every machine and every build.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256StarStar;

#[derive(Debug, Clone)]
pub struct Rng(Xoshiro256StarStar);

impl Rng {
    /// xoshiro256** seeded through SplitMix64 (rand_xoshiro's `seed_from_u64`), so the stream
    /// is the published algorithm's and the same on every machine and build; the pinned
    /// values in the tests catch a dependency that ever changed it.
    pub fn new(seed: u64) -> Rng {
        Rng(Xoshiro256StarStar::seed_from_u64(seed))
    }

    /// An independent stream for one part of the history (e.g. one business day): the seed and
    /// the stream number mixed, then put through SplitMix64 once more.
    pub fn derive(seed: u64, stream: u64) -> Rng {
        let mixed = seed ^ stream.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let mut splitmix = rand_xoshiro::SplitMix64::seed_from_u64(mixed);
        Rng::new(splitmix.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo + 1) as u64;
        lo + (self.next_u64() % span) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn by weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut pick = (self.next_u64() % u64::from(total.max(1))) as u32;
        for (i, w) in weights.iter().enumerate() {
            if pick < *w {
                return i;
            }
            pick -= w;
        }
        weights.len() - 1
    }

    /// One of `items`, by weight.
    pub fn pick<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let weights: Vec<u32> = items.iter().map(|(_, w)| *w).collect();
        items[self.weighted(&weights)].0
    }

    /// A right-skewed duration in seconds around `mean_s` (log-normal-like, clamped).
    pub fn duration(&mut self, mean_s: f64, min_s: i64, max_s: i64) -> i64 {
        // Sum of three exponentials / 3 has a gamma(3) shape: most near the mean, a long tail.
        let mut sum = 0.0;
        for _ in 0..3 {
            sum += -(1.0 - self.unit()).ln();
        }
        ((sum / 3.0) * mean_s)
            .round()
            .clamp(min_s as f64, max_s as f64) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::derive(7, 1).next_u64(), Rng::derive(7, 2).next_u64());
    }

    /// The stream the demo histories were generated with before rand_xoshiro was used: a
    /// changed dependency must not silently change every generated history.
    #[test]
    fn the_stream_is_pinned() {
        let mut a = Rng::new(7);
        let first: Vec<u64> = (0..3).map(|_| a.next_u64()).collect();
        assert_eq!(
            first,
            [0xb358faf74ef9765a, 0x475c3d964f482cd2, 0xd6f1d349952c7996]
        );
        let mut b = Rng::derive(2026, 5);
        let first: Vec<u64> = (0..3).map(|_| b.next_u64()).collect();
        assert_eq!(
            first,
            [0xab4873c352418543, 0xa35e087e4db9169a, 0x541173699c6a2986]
        );
    }

    #[test]
    fn ranges_stay_inside() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            let v = r.range(3, 9);
            assert!((3..=9).contains(&v));
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!((60..=600).contains(&r.duration(200.0, 60, 600)));
        }
    }
}
