//! Dates and times as Autotask shows them ("11/21/2026 10:12 AM", "10:05 AM - 10:25 AM"),
//! turned into RFC 3339 in the user's zone and into worked minutes.
//!
//! Choices (the page shows no zone and no locale):
//! - dates are read month first (`11/21/2026`, the US format of an America/New_York user),
//!   unless the page writes them day first (`page_day_first`: one of its dates can only be
//!   read that way) or with dots (`21.11.2026`); a date that can only be read the other way
//!   round is read that way; ISO `2026-11-21` is read as such;
//! - the zone is America/New_York (US rules since 2007: daylight time from the second
//!   Sunday of March, 2:00, to the first Sunday of November, 2:00). A time in the repeated
//!   hour of the November change (1:00–1:59) is taken as its first occurrence (`-04:00`).

use procguard_core::dates::push_padded;
use procguard_core::normalize::{digits_value, split_at_text, Lowercase};
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
pub fn parse_date_time(text: &str, day_first: bool) -> Option<LocalDateTime> {
    let tokens = tokens(text, day_first);
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

/// A machine-readable moment (`<time datetime="2026-11-21T15:31:00Z">` under "15 days ago")
/// in RFC 3339 at New York's offset at that moment: with an offset it is converted, without
/// one it is read as the page's local time, as a shown time is. Seconds do not count: a
/// shown time has none. HTML's other forms of a moment are read too (`html_moment`).
pub fn machine_time(text: &str) -> Option<String> {
    let Some(at) = html_moment(text).and_then(|t| procguard_core::dates::parse_rfc3339(&t)) else {
        // "2026-11-21T10:31": the date and the time parted by a space, as shown.
        let mut shown = String::from(text.get(..10)?);
        shown.push(' ');
        shown.push_str(text.get(11..)?);
        return parse_date_time(&shown, false).map(to_rfc3339_new_york);
    };
    // By hand from the seconds since 1970: chrono's time zone conversion and calendar
    // fields cost as much again in the content module (issue 8).
    let mut minutes = at.timestamp().div_euclid(60) - 5 * 60;
    let standard = wall_clock(minutes);
    // Daylight time runs from 2:00 standard time on March's second Sunday to 1:00 standard
    // time (2:00 daylight) on November's first: `is_daylight_time` reads a wall clock,
    // which on that November night shows 1:00-2:00 twice.
    let ends = standard.month == 11
        && standard.day == nth_sunday(standard.year, 11, 1)
        && standard.hour >= 1;
    let daylight = is_daylight_time(standard) && !ends;
    minutes += i64::from(daylight) * 60;
    Some(rfc3339_at(wall_clock(minutes), daylight))
}

/// HTML's global date and time as RFC 3339, which `parse_rfc3339` reads strictly (it also
/// reads `now` in contexts): HTML lets a `datetime` leave out the seconds
/// ("2026-11-21T15:31Z") and write the offset without its colon ("-0500"); a space may part
/// the date from the time. `None` without an offset (a local time) or a date.
fn html_moment(text: &str) -> Option<String> {
    let text = text.trim();
    let zone_at =
        (10..text.len()).find(|&i| matches!(text.as_bytes()[i], b'Z' | b'z' | b'+' | b'-'))?;
    let (clock, zone) = text.split_at(zone_at);
    let mut out = String::with_capacity(32);
    out.push_str(clock);
    if clock.len() == 16 {
        out.push_str(":00");
    }
    match zone.len() {
        5 => {
            out.push_str(&zone[..3]);
            out.push(':');
            out.push_str(&zone[3..]);
        }
        _ => out.push_str(zone),
    }
    Some(out)
}

/// The wall-clock time `minutes` after 1970-01-01 00:00 of a clock.
#[inline(never)]
fn wall_clock(minutes: i64) -> LocalDateTime {
    let date = civil_from_days(minutes.div_euclid(1440));
    let minute_of_day = minutes.rem_euclid(1440) as u32;
    LocalDateTime {
        year: date.year,
        month: date.month,
        day: date.day,
        hour: minute_of_day / 60,
        minute: minute_of_day % 60,
    }
}

/// RFC 3339 with the America/New_York offset of that local time.
pub fn to_rfc3339_new_york(at: LocalDateTime) -> String {
    rfc3339_at(at, is_daylight_time(at))
}

/// RFC 3339 of a New York wall-clock time, in daylight time or not (which the wall clock
/// alone does not say for an hour each November).
fn rfc3339_at(at: LocalDateTime, daylight: bool) -> String {
    let offset = if daylight { ":00-04:00" } else { ":00-05:00" };
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
pub fn worked_minutes(text: &str, day_first: bool) -> Option<i64> {
    // The first two times, each with the date written last before it.
    let mut times = [(None, 0u32); 2];
    let (mut count, mut date) = (0, None);
    for token in tokens(text, day_first) {
        match token {
            Token::Date(d) => date = Some(d),
            Token::Time(m) if count < 2 => {
                times[count] = (date, m);
                count += 1;
            }
            Token::Time(_) => {}
        }
    }
    if count < 2 {
        return None;
    }
    let [(start_date, start), (end_date, end)] = &times;
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
    let (whole, fraction) = split_at_text(text, ".").unwrap_or((text, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    // Beyond nine places the digits change no minute but might overflow.
    let fraction = &fraction[..fraction.len().min(9)];
    // `digits_value`, not `str::parse`: its generic integer parser was 0.6 KB of the
    // content script's module (issue 8). Past u32's hours no time sheet goes.
    let number = |digits: &str| match digits {
        "" => Some(0),
        _ => digits_value(digits).map(i64::from),
    };
    let whole = number(whole)?;
    let scale = 10i64.pow(fraction.len() as u32);
    let part = number(fraction)?;
    let minutes = whole.checked_mul(60)?;
    // part / scale hours = part × 60 / scale minutes, rounded half up.
    minutes.checked_add((part * 120 / scale + 1) / 2)
}

/// A time worked written as a duration: hours as a decimal ("0.33", only when
/// `bare_is_hours`, under an "Hours" label), hours and minutes on a clock ("0:20", "1:05"),
/// or numbers with units ("20m", "20 min", "1h 20m", "1 hr 20 mins", "1.5 hours"). `None`
/// for anything else (a range is `worked_minutes`'s).
pub fn duration_minutes(text: &str, bare_is_hours: bool) -> Option<i64> {
    let text = text.trim().to_ascii_lowercase();
    if bare_is_hours {
        if let Some(minutes) = hours_as_minutes(&text) {
            return Some(minutes);
        }
    }
    if let Some((hours, minutes)) = split_at_text(&text, ":") {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(hours) && minutes.len() == 2 && digits(minutes) {
            let minutes = i64::from(digits_value(minutes)?);
            return hours_as_minutes(hours)?
                .checked_add(minutes)
                .filter(|_| minutes < 60);
        }
        return None;
    }
    // Numbers each followed by its unit; every word must be one of them.
    let (mut total, mut any, mut rest) = (0i64, false, text.as_str());
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return any.then_some(total);
        }
        let number_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.')
            .count();
        if number_len == 0 {
            return None;
        }
        let (number, after) = rest.split_at(number_len);
        let after = after.trim_start();
        let unit_len = after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, after) = after.split_at(unit_len);
        let hours = hours_as_minutes(number)?;
        let minutes = match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" => hours,
            // Minutes: a whole number ("20 min"); hours_as_minutes gave it times 60.
            "m" | "min" | "mins" | "minute" | "minutes" if !number.contains('.') => hours / 60,
            _ => return None,
        };
        total = total.checked_add(minutes)?;
        any = true;
        rest = procguard_core::normalize::trim_ascii(after, b",", b"");
    }
}

fn tokens(text: &str, day_first: bool) -> Vec<Token> {
    // Words, split at spaces and dashes ("10:05AM–10:25AM"); a date written with dashes
    // ("2026-11-21") stays whole. Slices of one lowercased text, not a `String` each.
    let text = text.lowercase();
    let mut words: Vec<&str> = Vec::new();
    for w in text.split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '\u{2212}')) {
        let w = procguard_core::normalize::trim_ascii(w, b",();", b",();");
        if date_numbers(w).is_some() {
            words.push(w);
        } else {
            for part in procguard_core::normalize::split_at_any(w, &['-']) {
                if !part.is_empty() {
                    words.push(part);
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        if let Some(date) = parse_date(word, day_first) {
            out.push(Token::Date(date));
        } else if let Some(month) = month_named(word) {
            // "Nov 21 2026", "21 Nov 2026", "November 21st, 2026", "the 21st of November
            // 2026" (the commas are trimmed from the words).
            let number = |at: Option<usize>| {
                at.and_then(|at| digits_value(without_ordinal(words.get(at)?)).map(|n| n as i32))
            };
            let before = match i.checked_sub(1) {
                Some(at) if words[at] == "of" => at.checked_sub(1),
                at => at,
            };
            let (day, year, last) = match number(Some(i + 1)) {
                Some(day) if day <= 31 => (Some(day), number(Some(i + 2)), i + 2),
                _ => (number(before), number(Some(i + 1)), i + 1),
            };
            if let (Some(day), Some(year)) = (day, year.filter(|y| *y >= 1000)) {
                if let Some(date) = checked_date(year, month, day) {
                    out.push(Token::Date(date));
                    i = last;
                }
            }
        } else if let Some((hour, minute, suffix)) = parse_clock(word) {
            // "10:05 am", "10:05 a.m."
            let suffix = suffix.or_else(|| match words.get(i + 1)?.replace('.', "").as_str() {
                "am" => Some(false),
                "pm" => Some(true),
                _ => None,
            });
            if let Some(minutes) = clock_minutes(hour, minute, suffix) {
                out.push(Token::Time(minutes));
            }
        }
        i += 1;
    }
    out
}

/// The three numbers of a date written with separators ("11/21/2026", "2026-11-21",
/// "21.11.2026") and its separator.
fn date_numbers(word: &str) -> Option<(i32, i32, i32, u8)> {
    // Bytes: a `char` pattern not known to be ASCII goes through std's text searcher.
    let sep = *word
        .as_bytes()
        .iter()
        .find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    // Three parts, each of digits only; not collected into a list (issue 8).
    let mut parts = word.split(sep as char);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let number = |s: &str| i32::try_from(digits_value(s)?).ok();
    Some((number(a)?, number(b)?, number(c)?, sep))
}

/// A date written with separators. Year first is ISO. Otherwise the page's order is
/// preferred (`day_first`; a dot always writes the day first, "21.11.2026"), and a date
/// that can only be read the other way round is read that way ("21/11/2026").
fn parse_date(word: &str, day_first: bool) -> Option<Date> {
    let (a, b, c, sep) = date_numbers(word)?;
    if a > 31 {
        return checked_date(a, u32::try_from(b).ok()?, c);
    }
    let year = if c < 100 { 2000 + c } else { c };
    let month_first = checked_date(year, a as u32, b);
    let day_then_month = checked_date(year, b as u32, a);
    if day_first || sep == b'.' {
        day_then_month.or(month_first)
    } else {
        month_first.or(day_then_month)
    }
}

/// Whether the dates in `scope` are written day first: one of them can only be read that
/// way ("21/11/2026") and none only month first ("11/21/2026"). A date that reads either way
/// round ("06/12/2026") is then read as the page's others are (a British user's Autotask).
pub fn page_day_first(dom: &crate::Dom, scope: usize) -> bool {
    let (mut day, mut month) = (false, false);
    for id in scope..dom.subtree_end(scope) + 1 {
        let Some(text) = &dom.node(id).text else {
            continue;
        };
        // Each run of digits and slashes, by bytes (no text searcher: issue 8).
        let mut start = 0;
        for (i, b) in text.bytes().chain([b' ']).enumerate() {
            if b.is_ascii_digit() || b == b'/' {
                continue;
            }
            // (`get`: after a byte of a longer character, `start` is inside it.)
            if let Some((a, b, _, _)) = text.get(start..i).and_then(date_numbers) {
                day |= a > 12 && a <= 31 && b <= 12;
                month |= b > 12 && a <= 12;
            }
            start = i + 1;
        }
    }
    day && !month
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

/// A day of the month without its ordinal ending ("21st" as "21"); other words as they are.
fn without_ordinal(word: &str) -> &str {
    let at = word.len().saturating_sub(2);
    match word.get(at..) {
        Some("st" | "nd" | "rd" | "th") => &word[..at],
        _ => word,
    }
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
    let word = procguard_core::normalize::trim_ascii(word, b"", b".");
    let at = MONTHS
        .iter()
        .position(|m| word.len() >= 3 && m.starts_with(word))?;
    Some(at as u32 + 1)
}

/// "10:05", "10:05am", "10:05:30", "14:05". Returns hour, minute and the am/pm written in it.
fn parse_clock(word: &str) -> Option<(u32, u32, Option<bool>)> {
    let word = word.replace('.', "");
    let (clock, suffix) = match (word.strip_suffix("am"), word.strip_suffix("pm")) {
        (Some(c), _) => (c, Some(false)),
        (_, Some(c)) => (c, Some(true)),
        _ => (word.as_str(), None),
    };
    let parts = procguard_core::normalize::split_at_any(clock, &[':']);
    let hour = digits_value(parts[0])?;
    let minute_text = *parts.get(1)?;
    if minute_text.len() != 2 {
        return None;
    }
    let minute = digits_value(minute_text)?;
    if let Some(seconds) = parts.get(2) {
        digits_value(seconds)?;
    }
    if parts.len() > 3 || minute > 59 {
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

/// The date `days` after 1970-01-01 (Howard Hinnant's algorithm, `days_from_civil`'s
/// inverse).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Date {
        year: (yoe + era * 400 + i64::from(month <= 2)) as i32,
        month,
        day,
    }
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

    fn worked_minutes_us(text: &str) -> Option<i64> {
        worked_minutes(text, false)
    }

    fn rfc(text: &str) -> Option<String> {
        parse_date_time(text, false).map(to_rfc3339_new_york)
    }

    /// Every day from 1600 to 2400 turns into a date and back into the same day.
    #[test]
    fn days_and_dates_convert_both_ways() {
        for days in -135_140..=157_000 {
            let date = civil_from_days(days);
            assert!((1..=12).contains(&date.month) && (1..=31).contains(&date.day));
            assert_eq!(days_from_civil(date), days, "{date:?}");
        }
        assert_eq!(
            civil_from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
    }

    /// A `datetime` attribute's moment is New York's wall clock at that moment, on both
    /// sides of each change of the clocks (2026: March 8 07:00 UTC, November 1 06:00 UTC);
    /// one without an offset is a local time as written.
    #[test]
    fn a_machine_readable_moment_is_new_york_wall_clock_time_across_clock_changes() {
        let at = machine_time;
        for (given, wall) in [
            ("2026-11-21T15:31:00Z", "2026-11-21T10:31:00-05:00"),
            ("2026-07-02T13:15:00.000Z", "2026-07-02T09:15:00-04:00"),
            ("2026-11-21T10:31:00-05:00", "2026-11-21T10:31:00-05:00"),
            ("2026-11-21T16:31:00+01:00", "2026-11-21T10:31:00-05:00"),
            ("2026-11-21T21:01:00+05:30", "2026-11-21T10:31:00-05:00"),
            ("2026-11-21T10:31:59-05:00", "2026-11-21T10:31:00-05:00"),
            ("2026-03-08T06:59:00Z", "2026-03-08T01:59:00-05:00"),
            ("2026-03-08T07:00:00Z", "2026-03-08T03:00:00-04:00"),
            ("2026-11-01T05:30:00Z", "2026-11-01T01:30:00-04:00"),
            ("2026-11-01T06:30:00Z", "2026-11-01T01:30:00-05:00"),
            ("2027-01-01T03:00:00Z", "2026-12-31T22:00:00-05:00"),
            ("2026-11-21T10:31", "2026-11-21T10:31:00-05:00"),
            // HTML's other forms: no seconds, an offset without its colon, a space.
            ("2026-11-21T15:31Z", "2026-11-21T10:31:00-05:00"),
            ("2026-11-21T10:31-0500", "2026-11-21T10:31:00-05:00"),
            ("2026-11-21 15:31:20.5+0000", "2026-11-21T10:31:00-05:00"),
            (" 2026-07-02T13:15:00z ", "2026-07-02T09:15:00-04:00"),
        ] {
            assert_eq!(at(given).as_deref(), Some(wall), "{given}");
        }
        assert_eq!(at("yesterday"), None);
        assert_eq!(at("2026-11-21"), None);
        assert_eq!(at("2026-11-21T10-0500"), None);
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
            "November 21st, 2026 10:12 AM",
            "21st November 2026 10:12",
            "Saturday, the 21st of November 2026, 10:12 am",
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
        assert_eq!(rfc("Nov 32nd, 2026 10:12"), None);
        assert_eq!(rfc("Nov 2026th 10:12"), None);
    }

    #[test]
    fn a_day_first_date_is_recognised_when_the_month_cannot_be_first() {
        assert_eq!(
            rfc("21/11/2026 10:12").as_deref(),
            Some("2026-11-21T10:12:00-05:00")
        );
    }

    /// A date that reads either way round is read as the page writes its others: day first
    /// on a page that writes 21/11/2026 (a British user's Autotask), always day first with
    /// dots (German), month first otherwise. One that reads only one way is read that way.
    #[test]
    fn an_ambiguous_date_is_read_in_the_pages_order() {
        let at = |text, day_first| parse_date_time(text, day_first).map(to_rfc3339_new_york);
        for (text, day_first, want) in [
            ("06/12/2026 10:12", false, "2026-06-12T10:12:00-04:00"),
            ("06/12/2026 10:12", true, "2026-12-06T10:12:00-05:00"),
            ("06.12.2026 10:12", false, "2026-12-06T10:12:00-05:00"),
            ("11/21/2026 10:12", true, "2026-11-21T10:12:00-05:00"),
            ("21/11/2026 10:12", false, "2026-11-21T10:12:00-05:00"),
            ("2026-06-12 10:12", true, "2026-06-12T10:12:00-04:00"),
        ] {
            assert_eq!(
                at(text, day_first).as_deref(),
                Some(want),
                "{text} {day_first}"
            );
        }
        assert_eq!(
            worked_minutes("06/12/2026 11:50 PM - 07/12/2026 12:10 AM", true),
            Some(20)
        );
    }

    #[test]
    fn a_page_writes_its_dates_day_first_when_one_reads_only_that_way() {
        use crate::dom::build::html;
        for (page, day_first) in [
            (
                "<p>Created 21/11/2026 9:00</p><p>06/12/2026 10:12</p>",
                true,
            ),
            ("<p>Created: 21/11/2026, 9:00</p>", true),
            (
                "<p>Created 11/21/2026 9:00</p><p>06/12/2026 10:12</p>",
                false,
            ),
            ("<p>06/12/2026 10:12</p>", false),
            // Both orders on one page: no order is inferred.
            ("<p>21/11/2026</p><p>11/22/2026</p>", false),
            // An ISO date and a version number are no evidence.
            ("<p>2026-11-21</p><p>v13.1.2</p>", false),
        ] {
            let snapshot = html("https://ww5.autotask.net/", &format!("<body>{page}</body>"));
            let dom = crate::Dom::from_json(&snapshot).unwrap();
            assert_eq!(page_day_first(&dom, 0), day_first, "{page}");
        }
    }

    #[test]
    fn text_without_a_date_and_time_gives_nothing() {
        assert_eq!(rfc("yesterday"), None);
        assert_eq!(rfc("11/21/2026"), None);
        assert_eq!(rfc("13/13/2026 10:00"), None);
    }

    #[test]
    fn durations_give_minutes_and_a_bare_number_is_hours_only_under_an_hours_label() {
        for (text, minutes) in [
            ("0:20", Some(20)),
            ("1:05", Some(65)),
            ("20m", Some(20)),
            ("20 min", Some(20)),
            ("20 Mins", Some(20)),
            ("1h 20m", Some(80)),
            ("1h20m", Some(80)),
            ("1 hr 20 min", Some(80)),
            ("1 hour, 5 minutes", Some(65)),
            ("1.5 hours", Some(90)),
            ("0.33", None),
            ("20", None),
            ("1:75", None),
            ("0.5 min", None),
            ("20 seconds", None),
            ("about 20 min", None),
            ("10:05 AM", None),
            ("", None),
            ("99999999999999999999h", None),
        ] {
            assert_eq!(duration_minutes(text, false), minutes, "{text:?}");
        }
        assert_eq!(duration_minutes("0.33", true), Some(20));
        assert_eq!(duration_minutes("0:20", true), Some(20));
    }

    #[test]
    fn worked_minutes_come_from_the_range() {
        assert_eq!(
            worked_minutes_us("11/21/2026 10:05 AM - 10:25 AM"),
            Some(20)
        );
        assert_eq!(worked_minutes_us("10:05AM-10:25AM"), Some(20));
        assert_eq!(
            worked_minutes_us("11/21/2026 11:50 AM – 12:35 PM"),
            Some(45)
        );
        assert_eq!(
            worked_minutes_us("11/21/2026 11:50 PM - 11/22/2026 12:10 AM"),
            Some(20)
        );
        assert_eq!(
            worked_minutes_us("11/21/2026 11:50 PM - 12:10 AM"),
            Some(20)
        );
        assert_eq!(worked_minutes_us("14:00 - 15:30"), Some(90));
        assert_eq!(worked_minutes_us("0.33 hours"), None);
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
