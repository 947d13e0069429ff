//! The nearest `f64` to a JSON number's text, without std's float parser.
//!
//! Why: std's `f64::from_str` carries a 20 KB table of 128-bit powers of five (its
//! Eisel–Lemire fast path) that compresses badly: 14.7 KB of the content script's gzipped
//! wasm (issue 8), for numbers the model never holds. No field of the directory, the policy
//! or a page is fractional, so a fraction only ever reaches an error message or a value kept
//! as it is. It must still be read exactly, so this is a correct parser, just a small one:
//! - Clinger's fast path: up to 2^53 times or divided by an exact power of ten up to 10^22,
//!   one correctly rounded operation;
//! - otherwise a first guess in floating point, corrected one step at a time by comparing
//!   the decimal exactly with the halfway points either side of the guess (big integers),
//!   rounding ties to even.

use std::cmp::Ordering;

/// Significant digits kept. A halfway point between two doubles has at most 767, so a number
/// cut after 800 and marked as longer (see [`parse_f64`]) rounds as the whole would.
const MAX_DIGITS: usize = 800;

/// 10^0 ..= 10^22, each exactly a double.
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The double nearest to `text`, a number in JSON's grammar (`-`, digits, optional fraction
/// and exponent), ties to even; `None` if it is beyond `f64::MAX` or not such a number.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.strip_prefix("-") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent_text) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    // value = digits × 10^exponent, `digits` without leading zeros.
    let mut digits: Vec<u8> = Vec::new();
    let mut exponent: i64 = 0;
    let mut cut = false;
    let mut point = false;
    let mut any = false;
    for &b in mantissa.as_bytes() {
        match b {
            b'0'..=b'9' => {
                any = true;
                let digit = b - b'0';
                if digits.is_empty() && digit == 0 {
                    exponent -= i64::from(point);
                } else if digits.len() < MAX_DIGITS {
                    digits.push(digit);
                    exponent -= i64::from(point);
                } else {
                    cut |= digit != 0;
                    exponent += i64::from(!point);
                }
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    if let Some(exponent_text) = exponent_text {
        let (sign, e) = match exponent_text.as_bytes().first()? {
            b'-' => (-1, &exponent_text[1..]),
            b'+' => (1, &exponent_text[1..]),
            _ => (1, exponent_text),
        };
        if e.is_empty() {
            return None;
        }
        let mut value: i64 = 0;
        for b in e.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            // Saturates: any exponent beyond a million is out of range either way.
            value = (value * 10 + i64::from(b - b'0')).min(1_000_000);
        }
        exponent += sign * value;
    }
    if cut {
        // A digit past all the kept ones stands for the nonzero rest: strictly between the
        // cut number and the next one at the last kept place, as the whole number is.
        digits.push(1);
        exponent -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    let magnitude = if digits.is_empty() {
        0.0
    } else {
        nearest(&digits, exponent)?
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The double nearest to `digits` × 10^`exponent` (digits nonempty, no leading or trailing
/// zero), or `None` past `f64::MAX`.
fn nearest(digits: &[u8], exponent: i64) -> Option<f64> {
    // 10^(top - 1) <= value < 10^top.
    let top = exponent + digits.len() as i64;
    if top > 310 {
        return None;
    }
    if top < -324 {
        // Below 10^-325, under half the least subnormal (2^-1075 ≈ 2.5e-324): zero.
        return Some(0.0);
    }
    let leading = &digits[..digits.len().min(19)];
    let w = leading.iter().fold(0u64, |w, &d| w * 10 + u64::from(d));
    if leading.len() == digits.len() && w <= 1 << 53 && exponent.abs() <= 22 {
        let power = EXACT_POWERS[exponent.unsigned_abs() as usize];
        return Some(if exponent < 0 {
            w as f64 / power
        } else {
            w as f64 * power
        });
    }
    // A first guess within a few units in the last place, kept finite and nonzero so that
    // the walk below starts from a double; then the walk to the nearest.
    let scale = exponent + (digits.len() - leading.len()) as i64;
    let scale = scale.clamp(-400, 400) as i32;
    // In two steps, so that no factor leaves the range of doubles or loses precision in the
    // subnormals before the last multiplication.
    let half = scale / 2;
    let mut guess = w as f64 * 10f64.powi(half) * 10f64.powi(scale - half);
    if !guess.is_finite() {
        guess = f64::MAX;
    } else if guess == 0.0 {
        guess = f64::from_bits(1);
    }
    let value = Decimal::new(digits, exponent);
    loop {
        let bits = guess.to_bits();
        if bits == 0 {
            // Zero: up only if the value is over half the least subnormal (a tie stays even).
            if value.cmp_to(1, -1075) == Ordering::Greater {
                guess = f64::from_bits(1);
                continue;
            }
            return Some(0.0);
        }
        let (m, k) = parts(bits);
        let odd = m & 1 == 1;
        // Above the halfway point to the next double (or on it, when this one is odd): up.
        match value.cmp_to(2 * m + 1, k - 1) {
            Ordering::Greater => {
                guess = next(bits)?;
                continue;
            }
            Ordering::Equal if odd => {
                guess = next(bits)?;
                continue;
            }
            _ => {}
        }
        // Below the halfway point to the previous double (or on it, when odd): down. Just above
        // a power of two the previous double is half as far away.
        let boundary = bits & ((1 << 52) - 1) == 0 && bits >> 52 > 1;
        let below = if boundary {
            value.cmp_to(4 * m - 1, k - 2)
        } else {
            value.cmp_to(2 * m - 1, k - 1)
        };
        match below {
            Ordering::Less => guess = f64::from_bits(bits - 1),
            Ordering::Equal if odd => guess = f64::from_bits(bits - 1),
            _ => return Some(guess),
        }
    }
}

/// A positive finite double as `m` × 2^`k`.
fn parts(bits: u64) -> (u64, i64) {
    let fraction = bits & ((1 << 52) - 1);
    match (bits >> 52) as i64 {
        0 => (fraction, -1074),
        e => (fraction | 1 << 52, e - 1075),
    }
}

/// The next double up, `None` past `f64::MAX`.
fn next(bits: u64) -> Option<f64> {
    Some(f64::from_bits(bits + 1)).filter(|f| f.is_finite())
}

/// A decimal held exactly: `digits` × 10^`exponent`.
struct Decimal {
    digits: Big,
    exponent: i64,
}

impl Decimal {
    fn new(digits: &[u8], exponent: i64) -> Self {
        let mut big = Big(vec![0]);
        for chunk in digits.chunks(9) {
            let (scale, add) = chunk
                .iter()
                .fold((1u32, 0u32), |(s, a), &d| (s * 10, a * 10 + u32::from(d)));
            big.mul_add(scale, add);
        }
        Decimal {
            digits: big,
            exponent,
        }
    }

    /// This decimal against `c` × 2^`q`, exactly: both scaled to whole numbers.
    fn cmp_to(&self, c: u64, q: i64) -> Ordering {
        let mut left = self.digits.clone();
        let mut right = Big(vec![c as u32, (c >> 32) as u32]);
        if self.exponent >= 0 {
            left.mul_pow10(self.exponent as u64);
        } else {
            right.mul_pow10(self.exponent.unsigned_abs());
        }
        if q >= 0 {
            right.shl(q as u64);
        } else {
            left.shl(q.unsigned_abs());
        }
        left.compare(&right)
    }
}

/// A natural number, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    /// self = self × m + add.
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut n: u64) {
        while n >= 9 {
            self.mul_add(1_000_000_000, 0);
            n -= 9;
        }
        self.mul_add(10u32.pow(n as u32), 0);
    }

    fn shl(&mut self, bits: u64) {
        let (limbs, bits) = ((bits / 32) as usize, (bits % 32) as u32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (u64::from(*limb) << bits) | u64::from(carry);
                *limb = v as u32;
                carry = (v >> 32) as u32;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if limbs > 0 {
            let mut shifted = vec![0; limbs];
            shifted.append(&mut self.0);
            self.0 = shifted;
        }
    }

    fn compare(&self, other: &Big) -> Ordering {
        let significant = |b: &Big| b.0.len() - b.0.iter().rev().take_while(|&&l| l == 0).count();
        let (a, b) = (significant(self), significant(other));
        a.cmp(&b)
            .then_with(|| self.0[..a].iter().rev().cmp(other.0[..b].iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let want = text.parse::<f64>().ok().filter(|f| f.is_finite());
        let got = parse_f64(text);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{text}: {got:?} != {want:?}"
        );
    }

    /// A small xorshift generator, so that the cases are the same on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// The exact decimal of `c` × 2^`q` (for halfway points, which no double holds).
    fn exact_decimal(c: u64, q: i64) -> String {
        let mut big = Big(vec![c as u32, (c >> 32) as u32]);
        let mut places = 0;
        if q >= 0 {
            big.shl(q as u64);
        } else {
            // c × 2^q = c × 5^-q / 10^-q.
            for _ in 0..-q {
                big.mul_add(5, 0);
            }
            places = -q as usize;
        }
        let mut digits = Vec::new();
        while big.0.iter().any(|&l| l != 0) {
            let mut rest = 0u64;
            for limb in big.0.iter_mut().rev() {
                let v = (rest << 32) | u64::from(*limb);
                *limb = (v / 10) as u32;
                rest = v % 10;
            }
            digits.push(b'0' + rest as u8);
        }
        while digits.len() <= places {
            digits.push(b'0');
        }
        digits.reverse();
        let digits = String::from_utf8(digits).unwrap();
        let (int, frac) = digits.split_at(digits.len() - places);
        if frac.is_empty() {
            int.to_string()
        } else {
            format!("{int}.{frac}")
        }
    }

    #[test]
    fn known_hard_numbers_read_as_std_reads_them() {
        for text in [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "1",
            "0.1",
            "0.2",
            "0.3",
            "1e23",
            "8.98846567431158e307",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "-1e309",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "1e-324",
            "1e-400",
            "5e-324",
            "9007199254740993",
            "9007199254740992.5",
            "9007199254740993.0000000000001",
            "12345678901234567890123",
            "18446744073709551616",
            "3.5",
            "1E2",
            "1.5E-7",
            "123456789012345678901234567890e-30",
            "0.000000000000000000000000000001e30",
            "7.038531e-26",
            "1e22",
            "1e-22",
            "9.5e22",
            "4.35679e-320",
            "100000000000000000000000",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
        ] {
            check(text);
        }
        assert_eq!(parse_f64("1e1000000000000"), None);
        assert_eq!(parse_f64("1e-1000000000000"), Some(0.0));
        for bad in ["", "-", "e5", "1e", "1e+", "1.2.3", "x", "1,5"] {
            assert_eq!(parse_f64(bad), None, "{bad}");
        }
    }

    #[test]
    fn random_decimals_read_as_std_reads_them() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..30_000 {
            let len = 1 + rng.below(25) as usize;
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect();
            let exponent = rng.below(700) as i64 - 360;
            let point = rng.below(len as u64 + 1) as usize;
            let (int, frac) = digits.split_at(point);
            let int = if int.is_empty() { "0" } else { int };
            let text = if frac.is_empty() {
                format!("{int}e{exponent}")
            } else {
                format!("{int}.{frac}e{exponent}")
            };
            check(&text);
        }
    }

    #[test]
    fn every_double_reads_back_from_its_shortest_and_its_long_forms() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let f = f64::from_bits(rng.next() & !(1 << 63));
            if !f.is_finite() {
                continue;
            }
            check(&format!("{f:e}"));
            check(&format!("{f:.25e}"));
        }
    }

    /// The halfway points between neighbouring doubles, and a hair either side of them: the
    /// cases a parser that is only nearly right gets wrong.
    #[test]
    fn halfway_points_round_to_even_and_a_hair_off_them_rounds_to_the_nearer() {
        let mut rng = Rng(0x1234_5678_9abc_def1);
        let mut doubles: Vec<u64> = (0..400).map(|_| rng.next() & !(1 << 63)).collect();
        // Subnormals, the smallest normal, powers of two, and the top of the range.
        doubles.extend([
            1,
            2,
            3,
            (1 << 52) - 1,
            1 << 52,
            (1 << 52) + 1,
            0x3ff0_0000_0000_0000,
        ]);
        doubles.extend([0x7fef_ffff_ffff_fffe, 0x4340_0000_0000_0000]);
        for bits in doubles {
            let f = f64::from_bits(bits);
            if !f.is_finite() || f == 0.0 {
                continue;
            }
            let (m, k) = parts(bits);
            let half = exact_decimal(2 * m + 1, k - 1);
            check(&half);
            let with_point = if half.contains('.') {
                half.clone()
            } else {
                format!("{half}.0")
            };
            check(&format!("{with_point}000000000000000000001"));
            // Just under: drop the last digit of a decimal that ends in 5 (all halfway points
            // with a fraction do), or subtract a hair from a whole one.
            if half.contains('.') {
                check(&half[..half.len() - 1]);
            }
        }
    }
}
