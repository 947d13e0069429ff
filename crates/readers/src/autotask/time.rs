//! Dates and times as Autotask shows them ("11/21/2026 10:12 AM", "10:05 AM - 10:25 AM"),
//! turned into RFC 3339 in the user's zone and into worked minutes.
//!
//! Choices (the page shows no zone and no locale):
//! - dates are read month first (`11/21/2026`, the US format of an America/New_York user);
//!   when the first number cannot be a month (> 12) the date is read day first; ISO
//!   `2026-11-21` is read as such;
//! - the zone is America/New_York (US rules since 2007: daylight time from the second
//!   Sunday of March, 2:00, to the first Sunday of November, 2:00). A time in the repeated
//!   hour of the November change (1:00–1:59) is taken as its first occurrence (`-04:00`).

use procguard_core::dates::push_padded;
use procguard_core::normalize::{digits_value, Lowercase};
/// A local date and time as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalDateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Date {
    year: i32,
    month: u32,
    day: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Date(Date),
    /// Minutes after midnight.
    Time(u32),
}

/// The first date and time in a text ("11/21/2026 10:12 AM", "2026-11-21 14:05").
pub fn parse_date_time(text: &str) -> Option<LocalDateTime> {
    let tokens = tokens(text);
    let date_at = tokens.iter().position(|t| matches!(t, Token::Date(_)))?;
    let Token::Date(date) = tokens[date_at] else {
        return None;
    };
    let minutes = tokens[date_at + 1..].iter().find_map(|t| match t {
        Token::Time(m) => Some(*m),
        _ => None,
    })?;
    Some(LocalDateTime {
        year: date.year,
        month: date.month,
        day: date.day,
        hour: minutes / 60,
        minute: minutes % 60,
    })
}

/// RFC 3339 with the America/New_York offset of that local time.
pub fn to_rfc3339_new_york(at: LocalDateTime) -> String {
    let offset = if is_daylight_time(at) {
        ":00-04:00"
    } else {
        ":00-05:00"
    };
    let mut out = String::with_capacity(25);
    push_padded(&mut out, at.year.max(0) as u32, 4);
    for (before, n) in [
        ('-', at.month),
        ('-', at.day),
        ('T', at.hour),
        (':', at.minute),
    ] {
        out.push(before);
        push_padded(&mut out, n, 2);
    }
    out.push_str(offset);
    out
}

/// Minutes worked in a range such as "11/21/2026 10:05 AM - 10:25 AM" or
/// "11/21/2026 11:50 PM - 11/22/2026 12:10 AM". A range whose end is before its start on
/// the same (or no) date runs past midnight.
pub fn worked_minutes(text: &str) -> Option<i64> {
    let tokens = tokens(text);
    let mut times: Vec<(Option<Date>, u32)> = Vec::new();
    let mut date = None;
    for token in tokens {
        match token {
            Token::Date(d) => date = Some(d),
            Token::Time(m) => times.push((date, m)),
        }
    }
    let [(start_date, start), (end_date, end), ..] = times.as_slice() else {
        return None;
    };
    let days = match (start_date, end_date) {
        (Some(a), Some(b)) => days_from_civil(*b) - days_from_civil(*a),
        _ => 0,
    };
    let mut minutes = days * 1440 + *end as i64 - *start as i64;
    if minutes < 0 && days == 0 {
        minutes += 1440;
    }
    (minutes >= 0).then_some(minutes)
}

/// Hours written as a decimal ("1.5", "0.25", "2") in whole minutes, half a minute up.
///
/// Integer arithmetic on the digits, not `f64::from_str`: std's float parser is 14 KB of the
/// content script's gzipped wasm (issue 8), and hours need no more than this.
pub fn hours_as_minutes(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Beyond nine places the digits change no minute but might overflow.
    let fraction = &fraction[..fraction.len().min(9)];
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let scale = 10i64.pow(fraction.len() as u32);
    let part: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    let minutes = whole.checked_mul(60)?;
    // part / scale hours = part × 60 / scale minutes, rounded half up.
    minutes.checked_add((part * 120 / scale + 1) / 2)
}

fn tokens(text: &str) -> Vec<Token> {
    let spaced = text.replace(['–', '—', '\u{2212}'], " - ");
    let mut words: Vec<String> = Vec::new();
    for w in spaced.split_whitespace() {
        words.extend(split_word(w.trim_matches([',', '(', ')', ';'])));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].lowercase();
        if let Some(date) = parse_date(&word) {
            out.push(Token::Date(date));
        } else if let Some(month) = month_named(&word) {
            // "Nov 21 2026" or "21 Nov 2026" (the commas are trimmed from the words).
            let number = |at: Option<usize>| {
                at.and_then(|at| digits_value(words.get(at)?).map(|n| n as i32))
            };
            let (day, year, last) = match number(Some(i + 1)) {
                Some(day) if day <= 31 => (Some(day), number(Some(i + 2)), i + 2),
                _ => (number(i.checked_sub(1)), number(Some(i + 1)), i + 1),
            };
            if let (Some(day), Some(year)) = (day, year.filter(|y| *y >= 1000)) {
                if let Some(date) = checked_date(year, month, day) {
                    out.push(Token::Date(date));
                    i = last;
                }
            }
        } else if let Some((hour, minute, suffix)) = parse_clock(&word) {
            let suffix = suffix.or_else(|| {
                let next = words.get(i + 1).map(|w| w.lowercase().replace('.', ""));
                match next.as_deref() {
                    Some("am") => Some(false),
                    Some("pm") => Some(true),
                    _ => None,
                }
            });
            if let Some(minutes) = clock_minutes(hour, minute, suffix) {
                out.push(Token::Time(minutes));
            }
        }
        i += 1;
    }
    out
}

/// Splits "10:05AM-10:25AM" into its two times; leaves dates ("2026-11-21") whole.
fn split_word(word: &str) -> Vec<String> {
    let mut parts = Vec::new();
    if word.as_bytes().contains(&b'-') && parse_date(word).is_none() {
        for part in word.split('-') {
            if !part.is_empty() {
                parts.push(part.to_string());
            }
        }
    } else {
        parts.push(word.to_string());
    }
    parts
}

fn parse_date(word: &str) -> Option<Date> {
    // Bytes: a `char` pattern not known to be ASCII goes through std's text searcher.
    let sep = [b'/', b'-', b'.']
        .into_iter()
        .find(|c| word.as_bytes().contains(c))? as char;
    // Three parts, each of digits only; not collected into a list (issue 8).
    let mut parts = word.split(sep);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let number = |s: &str| {
        if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits_value(s).map(|n| n as i32)
    };
    let (a, b, c) = (number(a)?, number(b)?, number(c)?);
    let (year, month, day) = if a > 31 {
        (a, b, c)
    } else if a > 12 {
        (c, b, a)
    } else {
        (c, a, b)
    };
    let year = if year < 100 { 2000 + year } else { year };
    checked_date(year, u32::try_from(month).ok()?, day)
}

/// The date, when it is one (a month 1–12, a day of that month).
fn checked_date(year: i32, month: u32, day: i32) -> Option<Date> {
    let date = Date {
        year,
        month,
        day: u32::try_from(day).ok()?,
    };
    (date.month >= 1
        && date.month <= 12
        && date.day >= 1
        && date.day <= days_in_month(date.year, date.month))
    .then_some(date)
}

/// A month written as a word: its name or an abbreviation of three letters or more ("Nov",
/// "Nov.", "Sept", "November").
fn month_named(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.trim_end_matches('.');
    let at = MONTHS
        .iter()
        .position(|m| word.len() >= 3 && m.starts_with(word))?;
    Some(at as u32 + 1)
}

/// "10:05", "10:05am", "10:05:30", "14:05". Returns hour, minute and the am/pm written in it.
fn parse_clock(word: &str) -> Option<(u32, u32, Option<bool>)> {
    let word = word.replace('.', "");
    let (clock, suffix) = if let Some(c) = word.strip_suffix("am") {
        (c.to_string(), Some(false))
    } else if let Some(c) = word.strip_suffix("pm") {
        (c.to_string(), Some(true))
    } else {
        (word, None)
    };
    let mut parts = clock.split(':');
    let hour = digits_value(parts.next()?)?;
    let minute_text = parts.next()?;
    if minute_text.len() != 2 {
        return None;
    }
    let minute = digits_value(minute_text)?;
    if let Some(seconds) = parts.next() {
        digits_value(seconds)?;
    }
    if parts.next().is_some() || minute > 59 {
        return None;
    }
    Some((hour, minute, suffix))
}

fn clock_minutes(hour: u32, minute: u32, pm: Option<bool>) -> Option<u32> {
    let hour = match pm {
        Some(pm) => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            (hour % 12) + if pm { 12 } else { 0 }
        }
        None if hour < 24 => hour,
        None => return None,
    };
    Some(hour * 60 + minute)
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(date: Date) -> i64 {
    let y = i64::from(date.year) - i64::from(date.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(date.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(date.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Sunday.
fn weekday(year: i32, month: u32, day: u32) -> i64 {
    (days_from_civil(Date { year, month, day }) + 4).rem_euclid(7)
}

/// The day of the month of the `n`th Sunday (1-based).
fn nth_sunday(year: i32, month: u32, n: u32) -> u32 {
    let first = weekday(year, month, 1) as u32;
    let first_sunday = 1 + (7 - first) % 7;
    first_sunday + 7 * (n - 1)
}

fn is_daylight_time(at: LocalDateTime) -> bool {
    match at.month {
        4..=10 => true,
        3 => {
            let start = nth_sunday(at.year, 3, 2);
            at.day > start || (at.day == start && at.hour >= 2)
        }
        11 => {
            let end = nth_sunday(at.year, 11, 1);
            at.day < end || (at.day == end && at.hour < 2)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc(text: &str) -> Option<String> {
        parse_date_time(text).map(to_rfc3339_new_york)
    }

    #[test]
    fn a_us_timestamp_becomes_rfc3339_in_new_york_time() {
        assert_eq!(
            rfc("11/21/2026 10:12 AM").as_deref(),
            Some("2026-11-21T10:12:00-05:00")
        );
        assert_eq!(
            rfc("11/21/2026 12:05 PM").as_deref(),
            Some("2026-11-21T12:05:00-05:00")
        );
        assert_eq!(
            rfc("11/21/2026 12:05 AM").as_deref(),
            Some("2026-11-21T00:05:00-05:00")
        );
        assert_eq!(
            rfc("7/4/2026 9:15 PM").as_deref(),
            Some("2026-07-04T21:15:00-04:00")
        );
        assert_eq!(
            rfc("2026-11-21 14:05").as_deref(),
            Some("2026-11-21T14:05:00-05:00")
        );
    }

    #[test]
    fn daylight_time_follows_the_us_change_dates() {
        // 2026: daylight time from Sunday 8 March to Sunday 1 November.
        assert_eq!(
            rfc("3/8/2026 1:59 AM").as_deref(),
            Some("2026-03-08T01:59:00-05:00")
        );
        assert_eq!(
            rfc("3/8/2026 3:00 AM").as_deref(),
            Some("2026-03-08T03:00:00-04:00")
        );
        assert_eq!(
            rfc("11/1/2026 1:30 AM").as_deref(),
            Some("2026-11-01T01:30:00-04:00")
        );
        assert_eq!(
            rfc("11/1/2026 2:30 AM").as_deref(),
            Some("2026-11-01T02:30:00-05:00")
        );
        assert_eq!(
            rfc("10/31/2026 11:00 PM").as_deref(),
            Some("2026-10-31T23:00:00-04:00")
        );
    }

    #[test]
    fn a_date_with_the_month_in_words_is_read_either_way_round() {
        for text in [
            "Nov 21, 2026 10:12 AM",
            "November 21, 2026 at 10:12 AM",
            "21 Nov 2026 10:12",
            "Sat, Nov. 21, 2026, 10:12 am",
        ] {
            assert_eq!(
                rfc(text).as_deref(),
                Some("2026-11-21T10:12:00-05:00"),
                "{text}"
            );
        }
        // A month word without a day and a year is not a date.
        assert_eq!(rfc("May 10:12"), None);
        assert_eq!(rfc("Nov 32, 2026 10:12"), None);
    }

    #[test]
    fn a_day_first_date_is_recognised_when_the_month_cannot_be_first() {
        assert_eq!(
            rfc("21/11/2026 10:12").as_deref(),
            Some("2026-11-21T10:12:00-05:00")
        );
    }

    #[test]
    fn text_without_a_date_and_time_gives_nothing() {
        assert_eq!(rfc("yesterday"), None);
        assert_eq!(rfc("11/21/2026"), None);
        assert_eq!(rfc("13/13/2026 10:00"), None);
    }

    #[test]
    fn worked_minutes_come_from_the_range() {
        assert_eq!(worked_minutes("11/21/2026 10:05 AM - 10:25 AM"), Some(20));
        assert_eq!(worked_minutes("10:05AM-10:25AM"), Some(20));
        assert_eq!(worked_minutes("11/21/2026 11:50 AM – 12:35 PM"), Some(45));
        assert_eq!(
            worked_minutes("11/21/2026 11:50 PM - 11/22/2026 12:10 AM"),
            Some(20)
        );
        assert_eq!(worked_minutes("11/21/2026 11:50 PM - 12:10 AM"), Some(20));
        assert_eq!(worked_minutes("14:00 - 15:30"), Some(90));
        assert_eq!(worked_minutes("0.33 hours"), None);
    }

    #[test]
    fn decimal_hours_are_whole_minutes_rounded_half_up() {
        for (text, minutes) in [
            ("1.5", Some(90)),
            ("0.25", Some(15)),
            ("2", Some(120)),
            (".5", Some(30)),
            ("3.", Some(180)),
            ("0.33", Some(20)),
            ("0.0083", Some(0)),
            ("0.00834", Some(1)),
            ("1.1234567891234", Some(67)),
            ("", None),
            (".", None),
            ("-1", None),
            ("1.5h", None),
            ("1,5", None),
            ("99999999999999999999", None),
        ] {
            assert_eq!(hours_as_minutes(text), minutes, "{text:?}");
        }
    }
}
