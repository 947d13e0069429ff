//! Date arithmetic for the checks. The core never reads a clock: `now` is given.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};

/// Reads `now`: RFC 3339 with an offset, or a plain `YYYY-MM-DD` (midnight UTC).
pub fn parse_now(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Some(moment);
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    let utc = FixedOffset::east_opt(0)?;
    date.and_time(NaiveTime::MIN)
        .and_local_timezone(utc)
        .single()
}

/// A date written `YYYY-MM-DD` or as the date part of an RFC 3339 date-time.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|moment| moment.date_naive())
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
    fn now_reads_rfc3339_or_a_plain_date() {
        assert!(parse_now("2026-11-21T10:30:00-05:00").is_some());
        assert_eq!(
            parse_now("2026-11-21").unwrap().date_naive(),
            d("2026-11-21")
        );
        assert!(parse_now("21/11/2026").is_none());
    }
}
