//! Date arithmetic for the checks. The core never reads a clock: `now` is given.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};

/// Reads `now`: RFC 3339 with an offset, or a plain `YYYY-MM-DD` (midnight UTC).
pub fn parse_now(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Some(moment);
    }
    let date = parse_ymd(text)?;
    let utc = FixedOffset::east_opt(0)?;
    date.and_time(NaiveTime::MIN)
        .and_local_timezone(utc)
        .single()
}

/// A date written `YYYY-MM-DD` or as the date part of an RFC 3339 date-time.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(date) = parse_ymd(text) {
        return Some(date);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|moment| moment.date_naive())
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
    (1..=date.day())
        .rev()
        .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))
        // Past chrono's last year: nothing sensible to add, keep the date.
        .unwrap_or(date)
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

/// `2026-12-21`: year first, as the procedures write dates.
pub fn ymd(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
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
    format!("{} ({weekday})", ymd(date))
}

#[cfg(test)]
mod tests {
    use super::*;

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
