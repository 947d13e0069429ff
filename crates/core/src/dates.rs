//! Date arithmetic for the checks. The core never reads a clock: `now` is given.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Weekday,
};

/// Reads `now`: RFC 3339 with an offset, or a plain `YYYY-MM-DD` (midnight UTC).
pub fn parse_now(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Some(moment) = parse_rfc3339(text) {
        return Some(moment);
    }
    let date = parse_ymd(text)?;
    at_offset(date.and_time(NaiveTime::MIN), 0)
}

/// The moment a local date-time at `offset_seconds` east of UTC names: what chrono's
/// `and_local_timezone(offset).single()` gives, without its time zone lookup (kilobytes of
/// generic code in the content script's wasm, issue 8).
fn at_offset(local: NaiveDateTime, offset_seconds: i32) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset_seconds)?;
    Some(DateTime::from_naive_utc_and_offset(
        local.checked_sub_offset(offset)?,
        offset,
    ))
}

/// A date written `YYYY-MM-DD` or as the date part of an RFC 3339 date-time.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_ymd(text) {
        return Some(date);
    }
    parse_rfc3339(text).map(|moment| moment.date_naive())
}

/// An RFC 3339 date-time (`2026-11-21T10:30:00-05:00`, `…T15:30:00.5Z`), read as chrono's
/// `DateTime::parse_from_rfc3339` reads it, by hand: chrono's parser and its errors are
/// kilobytes of the content script's wasm (issue 8). `T`, `t` or a space between date and
/// time; `Z`, `z` or `±HH:MM` after; any number of fraction digits (nanoseconds kept); second
/// 60 as chrono's leap second.
pub fn parse_rfc3339(text: &str) -> Option<DateTime<FixedOffset>> {
    let b = text.as_bytes();
    let two = |at: usize| -> Option<u32> {
        match b.get(at..at + 2)? {
            [x @ b'0'..=b'9', y @ b'0'..=b'9'] => {
                Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
            }
            _ => None,
        }
    };
    let at_is = |at: usize, c: u8| b.get(at) == Some(&c);
    if b.len() < 20 || !at_is(4, b'-') || !at_is(7, b'-') || !at_is(13, b':') || !at_is(16, b':') {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let year = two(0)? * 100 + two(2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, two(5)?, two(8)?)?;
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    let mut at = 19;
    let mut nanos = 0u32;
    if at_is(at, b'.') {
        at += 1;
        let start = at;
        let mut scale = 100_000_000;
        while let Some(&d) = b.get(at).filter(|d| d.is_ascii_digit()) {
            nanos += u32::from(d - b'0') * scale;
            scale /= 10;
            at += 1;
        }
        if at == start {
            return None;
        }
    }
    let offset_seconds = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (h, m) = (two(at + 1)?, two(at + 4)?);
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = (h * 3600 + m * 60) as i32;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    // Second 60 is a leap second: chrono holds it as second 59 and a billion nanoseconds more.
    let (second, nanos) = match second {
        60 => (59, nanos + 1_000_000_000),
        s => (s, nanos),
    };
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    at_offset(date.and_time(time), offset_seconds)
}

/// `YYYY-MM-DD` read as chrono's `NaiveDate::parse_from_str(text, "%Y-%m-%d")` reads it
/// (spaces before a number, a signed year, one-digit months and days), by hand: chrono's
/// format-string parser is kilobytes of the content script's wasm (issue 8) for one format.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let year = ymd_number(bytes, &mut at, true, 4)?;
    let month = ymd_dash(bytes, &mut at).and_then(|_| ymd_number(bytes, &mut at, false, 2))?;
    let day = ymd_dash(bytes, &mut at).and_then(|_| ymd_number(bytes, &mut at, false, 2))?;
    if at != bytes.len() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// A number of at most `max` digits (any count after a sign, when `signed`), after
/// optional spaces; `at` moves past it.
fn ymd_number(bytes: &[u8], at: &mut usize, signed: bool, max: usize) -> Option<i64> {
    while bytes.get(*at) == Some(&b' ') {
        *at += 1;
    }
    let sign = if signed {
        bytes.get(*at).copied().filter(|b| matches!(b, b'+' | b'-'))
    } else {
        None
    };
    if sign.is_some() {
        *at += 1;
    }
    let start = *at;
    let mut value: i64 = 0;
    while let Some(&digit) = bytes.get(*at).filter(|b| b.is_ascii_digit()) {
        if sign.is_none() && *at - start == max {
            // More digits than the field takes: chrono reads `max` and then fails on the
            // next one, unless it is the end; either way no date.
            return None;
        }
        value = value
            .checked_mul(10)?
            .checked_add(i64::from(digit - b'0'))?;
        *at += 1;
    }
    (*at > start).then_some(if sign == Some(b'-') { -value } else { value })
}

fn ymd_dash(bytes: &[u8], at: &mut usize) -> Option<()> {
    (bytes.get(*at) == Some(&b'-')).then(|| *at += 1)
}

/// Adds one calendar month, clamping to the month's last day (rule 21: 31 Jan → 28/29 Feb).
pub fn add_one_month(date: NaiveDate) -> NaiveDate {
    let (year, month) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    // The same day, else the month's last (31 January -> 28 or 29 February). A loop, not a
    // reversed range's `find_map`: its own copy in the content wasm (issue 8).
    let mut day = date.day();
    while day > 0 {
        if let Some(next) = NaiveDate::from_ymd_opt(year, month, day) {
            return next;
        }
        day -= 1;
    }
    // Past chrono's last year: nothing sensible to add, keep the date.
    date
}

/// Adds (or with a negative count, subtracts) calendar days.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(date)
}

/// The day `count` business days (Monday to Friday) before `date`.
pub fn business_days_before(date: NaiveDate, count: u32) -> NaiveDate {
    let mut day = date;
    let mut left = count;
    while left > 0 {
        let Some(before) = day.pred_opt() else {
            // chrono's first day: stop rather than loop.
            break;
        };
        day = before;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// `2026-11-21T10:30:00-05:00`: what chrono's `to_rfc3339` writes for a time in whole
/// seconds (a fraction of a second is left out: the checks work in days). Written with `ymd`
/// and std's formatting, not chrono's formatter, which the content script's modules then need
/// not carry (it is 9 KB gzip of them).
pub fn rfc3339(at: &DateTime<FixedOffset>) -> String {
    use chrono::Timelike;
    let offset = at.offset().local_minus_utc();
    let minutes = offset.unsigned_abs() / 60;
    let mut out = ymd(at.date_naive());
    let sign = if offset < 0 { '-' } else { '+' };
    for (before, n) in [
        ('T', at.hour()),
        (':', at.minute()),
        (':', at.second()),
        (sign, minutes / 60),
        (':', minutes % 60),
    ] {
        out.push(before);
        push_padded(&mut out, n, 2);
    }
    out
}

/// `2026-12-21`: year first, as the procedures write dates.
pub fn ymd(date: NaiveDate) -> String {
    let mut out = String::with_capacity(25);
    push_padded(&mut out, date.year().max(0) as u32, 4);
    for n in [date.month(), date.day()] {
        out.push('-');
        push_padded(&mut out, n, 2);
    }
    out
}

/// Pushes `n` with at least `width` digits, zeros before: a date's and a time's fields,
/// without the formatter's padding (issue 8).
pub fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = [0; 20];
    let digits = crate::engine::decimal(n.into(), &mut digits);
    for _ in digits.len()..width {
        out.push('0');
    }
    for &d in digits {
        out.push(char::from(d));
    }
}

/// `2026-12-21 (Monday)`: the date as written in findings.
pub fn show(date: NaiveDate) -> String {
    let weekday = match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    };
    crate::fill!("{} ({})", ymd(date), weekday)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whole-second times in every year width, offset sign and size are written as chrono's
    /// `to_rfc3339` writes them; a fraction of a second is left out.
    #[test]
    fn rfc3339_writes_what_chrono_writes_for_whole_seconds() {
        for text in [
            "2026-11-21T10:30:00-05:00",
            "2026-12-04T23:59:59+00:00",
            "0009-01-01T00:00:00+14:00",
            "0999-06-30T12:00:01-00:30",
            "9999-12-31T23:59:59-12:00",
            "2024-02-29T05:06:07+05:45",
        ] {
            let at = DateTime::parse_from_rfc3339(text).unwrap();
            assert_eq!(rfc3339(&at), at.to_rfc3339(), "{text}");
            assert_eq!(rfc3339(&at), text);
        }
        let fraction = DateTime::parse_from_rfc3339("2026-11-21T10:30:00.250-05:00").unwrap();
        assert_eq!(rfc3339(&fraction), "2026-11-21T10:30:00-05:00");
    }

    /// Every variation of a date-time that chrono's RFC 3339 parser takes or refuses reads the
    /// same here: the separators, offsets, fractions, leap seconds and out-of-range fields.
    #[test]
    fn rfc3339_reads_as_chronos_parser_reads() {
        let dates = [
            "2026-11-21",
            "2024-02-29",
            "2026-02-29",
            "0000-01-01",
            "9999-12-31",
            "2026-13-01",
            "2026-1-01",
            "20261121",
        ];
        let separators = ["T", "t", " ", "_", ""];
        let times = [
            "10:30:00", "23:59:60", "24:00:00", "10:60:00", "00:00:00", "10:30", "1:30:00",
        ];
        let fractions = ["", ".5", ".123456789", ".1234567891234", ".", ".x", ",5"];
        let offsets = [
            "Z", "z", "-05:00", "+14:00", "+23:59", "+24:00", "-05:60", "-0500", "+05", "", " Z",
            "Z ",
        ];
        let mut count = 0;
        for date in dates {
            for sep in separators {
                for time in times {
                    for fraction in fractions {
                        for offset in offsets {
                            let text = format!("{date}{sep}{time}{fraction}{offset}");
                            let want = DateTime::parse_from_rfc3339(&text).ok();
                            assert_eq!(parse_rfc3339(&text), want, "{text:?}");
                            count += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(count, 8 * 5 * 7 * 7 * 12);
        for text in [
            "",
            "2026",
            "2026-11-21T10:30:00-05:00x",
            "２026-11-21T10:30:00Z",
            "2026-11-21T10:30:00.Z",
        ] {
            assert_eq!(
                parse_rfc3339(text),
                DateTime::parse_from_rfc3339(text).ok(),
                "{text:?}"
            );
        }
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn adding_a_month_clamps_to_the_month_end() {
        let cases = [
            ("2026-01-31", "2026-02-28"),
            ("2028-01-31", "2028-02-29"),
            ("2026-03-31", "2026-04-30"),
            ("2026-11-21", "2026-12-21"),
            ("2026-12-31", "2027-01-31"),
            ("2026-02-28", "2026-03-28"),
            // The last representable month: kept, not a panic.
            ("+262142-12-31", "+262142-12-31"),
        ];
        for (from, to) in cases {
            assert_eq!(add_one_month(d(from)), d(to), "{from}");
        }
    }

    #[test]
    fn business_days_skip_weekends() {
        let cases = [
            // Monday end: the Monday a week before.
            ("2026-12-21", 5, "2026-12-14"),
            // Saturday end: back over Friday..Monday.
            ("2026-12-19", 5, "2026-12-14"),
            // Sunday end: same.
            ("2026-12-20", 5, "2026-12-14"),
            // Wednesday end crosses a weekend.
            ("2026-12-23", 5, "2026-12-16"),
            ("2026-12-23", 0, "2026-12-23"),
        ];
        for (end, count, expected) in cases {
            assert_eq!(
                business_days_before(d(end), count),
                d(expected),
                "{end} - {count}"
            );
        }
    }

    #[test]
    fn plain_dates_read_as_chronos_format_parser_reads_them() {
        for text in [
            "2026-1-5",
            "2026-01-05",
            " 2026-01-05",
            "2026-01-05 ",
            "+2026-01-05",
            "02026-01-05",
            "26-01-05",
            "2026-001-05",
            "2026-01-05T",
            "-0001-01-01",
            "2026-02-30",
            "2028-02-29",
            "99999-01-01",
            "+12345-01-01",
            "2026 -01-05",
            "2026- 1-05",
            "2026-01- 5",
            "0-1-1",
            "2026-1-05x",
            "１２-1-1",
            "",
            "-",
            "2026",
            "2026-",
            "2026-13-01",
            "2026-12-32",
            "+-1-1-1",
            "2026--1-1",
            "9999999999999-1-1",
            "+9999999999999999999999-1-1",
            "2026-1-1-",
            "2026-01-1",
            " ",
            "2026-12-00",
        ] {
            assert_eq!(
                parse_ymd(text),
                NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn now_reads_rfc3339_or_a_plain_date() {
        assert!(parse_now("2026-11-21T10:30:00-05:00").is_some());
        assert_eq!(
            parse_now("2026-11-21").unwrap().date_naive(),
            d("2026-11-21")
        );
        assert!(parse_now("21/11/2026").is_none());
    }
}
