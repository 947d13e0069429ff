//! Normalisation of what pages show, so that comparisons ignore what does not matter.

/// Lowercase as procguard compares text: [`lower_char`] on each character.
///
/// Not `str::to_lowercase`: std's case tables are 8 KB of the content script's gzipped wasm
/// (issue 8). The scripts covered are those of names and products an MSP sees.
pub trait Lowercase {
    fn lowercase(&self) -> String;
}

impl Lowercase for str {
    fn lowercase(&self) -> String {
        if self.is_ascii() {
            return self.to_ascii_lowercase();
        }
        let mut out = String::with_capacity(self.len());
        for c in self.chars() {
            out.push(lower_char(c));
        }
        out
    }
}

/// The lowercase of a letter of the Latin (with Latin-1, Extended-A and Vietnamese), Greek,
/// Cyrillic and Armenian alphabets and of fullwidth Latin, as `char::to_lowercase` gives it;
/// any other character is itself. `İ` gives `i` (std adds a combining dot) and final sigma is
/// not told apart: both only help comparisons.
pub fn lower_char(c: char) -> char {
    let n = c as u32;
    if n < 0x80 {
        return c.to_ascii_lowercase();
    }
    let even = n & 1 == 0;
    let lower = match n {
        0xC0..=0xDE if n != 0xD7 => n + 0x20,
        0x130 => 'i' as u32,
        0x100..=0x137 | 0x14A..=0x177 if even => n + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => n + 1,
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => n + 0x3F,
        0x391..=0x3AB if n != 0x3A2 => n + 0x20,
        0x400..=0x40F => n + 0x50,
        0x410..=0x42F => n + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if even => n + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => n + 1,
        0x531..=0x556 => n + 0x30,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => n + 1,
        0x1E9E => 0xDF,
        0xFF21..=0xFF3A => n + 0x20,
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// Whether a character belongs to a word, as procguard splits names and labels: an ASCII
/// letter or digit, or any other character outside the blocks of spaces, punctuation,
/// symbols, private use and emoji.
///
/// Not `char::is_alphanumeric`: its letter and number tables are 2 KB of the content
/// script's wasm (issue 8). Every character std calls a letter or digit outside those
/// blocks is a word character here too; combining marks also are (an accent stays with its
/// letter), and the few letter-like symbols inside the blocks (`ª`, `²`, `ℓ`, `Ⅳ`, `①`) are
/// not.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !c.is_whitespace()
        && !matches!(c as u32,
            // C1 controls, Latin-1 punctuation and symbols, × and ÷.
            0x80..=0xBF | 0xD7 | 0xF7
            // General punctuation up to the symbol blocks: currency, letterlike, arrows,
            // mathematical, technical, boxes, shapes, dingbats, Braille.
            | 0x2000..=0x2BFF
            // CJK punctuation (not 々, 〆, 〇 or the Hangzhou numerals, which are letters).
            | 0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x3036..=0x3037 | 0x303D..=0x303F
            | 0xE000..=0xF8FF
            // Vertical, small and fullwidth punctuation; specials.
            | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20
            | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0xFFF0..=0xFFFF
            // Emoji and pictographs, and the private-use planes.
            | 0x1F000..=0x1FBFF | 0xF0000..=0x10FFFF)
}

/// Whether a character is an uppercase letter of the alphabets [`lower_char`] knows
/// (without std's 1 KB uppercase table, issue 8).
pub fn is_upper_char(c: char) -> bool {
    lower_char(c) != c
}

/// Where `needle` first occurs in `text`: `str::find` with a text pattern, by a plain scan.
///
/// Why not std's: its two-way searcher is 3 KB of the content script's wasm (issue 8), to
/// search texts a few dozen characters long. A valid UTF-8 needle matches only at character
/// boundaries, so the byte offset is one.
pub fn find_text(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    let last = text.len().checked_sub(needle.len())?;
    // The rest is compared only where the first byte matches (the cart's term and billing
    // words are looked for on every line).
    // A loop, not a range's `find`: the adapter is a copy of its own in the wasm (issue 8).
    let mut found = None;
    for at in 0..last + 1 {
        if text[at] == first && text[at + 1..at + needle.len()] == *rest {
            found = Some(at);
            break;
        }
    }
    found
}

/// Whether `needle` occurs in `text` (`str::contains` with a text pattern; see [`find_text`]).
pub fn has_text(text: &str, needle: &str) -> bool {
    find_text(text, needle).is_some()
}

/// `str::split_once` with a text pattern (see [`find_text`]).
pub fn split_at_text<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let at = find_text(text, separator)?;
    Some((&text[..at], &text[at + separator.len()..]))
}

/// `str::replace` with a text pattern (see [`find_text`]); an empty `from` changes nothing.
pub fn replace_text(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find_text(rest, from) {
        out.push_str(&rest[..at]);
        out.push_str(to);
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Product key: case, all whitespace and ™/® ignored (rule 2).
pub fn product_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars().filter(|&c| in_product_key(c)) {
        if c.is_ascii() {
            // The common case, without the Unicode tables.
            key.push(c.to_ascii_lowercase());
        } else {
            key.push(lower_char(c));
        }
    }
    key
}

/// Whether `product_key(name)` is `key`, compared as it is worked out: most names differ
/// from the key in their first letters, and nothing is allocated.
pub fn has_product_key(name: &str, key: &str) -> bool {
    // A loop rather than `filter().map().eq()`: the adapters were most of each call in the
    // content wasm, which a customer-acknowledgements check makes for each cart line.
    let mut key = key.chars();
    for c in name.chars() {
        if in_product_key(c) && key.next() != Some(lower_char(c)) {
            return false;
        }
    }
    key.next().is_none()
}

/// Whether a character of a product name counts in its key.
fn in_product_key(c: char) -> bool {
    match c.is_ascii() {
        true => !c.is_ascii_whitespace(),
        false => !c.is_whitespace() && !matches!(c, '™' | '®'),
    }
}

/// Collapses each run of whitespace to one space and trims (rule 13).
pub fn collapse(text: &str) -> String {
    // Pushed word by word rather than joined: `join` over `&str` would be a second copy of
    // std's join in the content script's wasm, next to the one over `String` (issue 8).
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Names (people, resources, statuses, queues): whitespace collapsed, case ignored.
pub fn same_name(a: &str, b: &str) -> bool {
    let mut left = a.split_whitespace();
    let mut right = b.split_whitespace();
    loop {
        match (left.next(), right.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.lowercase() == y.lowercase() => {}
            _ => return false,
        }
    }
}

/// Customer key (rule 3): case, punctuation, spacing and trailing legal suffixes ignored.
/// `Acme Dental, L.L.C.` and `acme  dental llc` both give `acmedental`.
pub fn customer_key(name: &str, legal_suffixes: &[String]) -> String {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '.' || c == '\'' || c == '’' {
            // "L.L.C." reads as "LLC", "O'Brien" as "OBrien".
            continue;
        }
        if is_word_char(c) {
            cleaned.push(lower_char(c));
        } else {
            cleaned.push(' ');
        }
    }
    // Pushed in a loop: `collect` would be its own copy of std's `from_iter` (issue 8).
    let mut words: Vec<&str> = Vec::new();
    for word in cleaned.split_whitespace() {
        words.push(word);
    }
    while words.len() > 1
        && legal_suffixes
            .iter()
            .any(|suffix| suffix.eq_ignore_ascii_case(words[words.len() - 1]))
    {
        words.pop();
    }
    let mut key = String::with_capacity(cleaned.len());
    for word in words {
        key.push_str(word);
    }
    key
}

/// Domain as compared: trimmed, lowercase, no leading `@`, `www.` or trailing dot.
pub fn domain_key(domain: &str) -> String {
    let lower = domain.trim().lowercase();
    let lower = trim_ascii(&lower, b"@", b".");
    lower.strip_prefix("www.").unwrap_or(lower).to_string()
}

/// The domain of an email address, lowercase.
pub fn email_domain(email: &str) -> Option<String> {
    let email = email.trim();
    let at = last_byte(email, b'@')?;
    let domain = domain_key(&email[at + 1..]);
    (!domain.is_empty()).then_some(domain)
}

/// `text` split at each of `marks`: `str::split` with a set of characters, as a list, one
/// copy for every set (each set's size was a searcher of its own in the content wasm, issue
/// 8). Always one part at least: the whole text when no mark is in it.
pub fn split_at_any<'a>(text: &'a str, marks: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (at, c) in text.char_indices() {
        if marks.contains(&c) {
            parts.push(&text[from..at]);
            from = at + c.len_utf8();
        }
    }
    parts.push(&text[from..]);
    parts
}

/// The alternatives of a list written as one text, each after a `|` but the first: the
/// readers' labels and words ("Domain|Domain name|Customer domain"). Why not a slice of
/// texts: each text of a slice is its address and its length, eight bytes of the wasm's
/// data that gzip leaves about three of, for some 200 wordings in the Pax8 module; one text
/// has a byte between them (issue 8). A list is a constant of procguard's, never page text,
/// and none of its wordings holds a `|`; a text without one is a list of itself.
pub fn alternatives(list: &str) -> Alternatives<'_> {
    Alternatives { rest: Some(list) }
}

/// Whether `text` is one of the alternatives of `list` (see [`alternatives`]): one function
/// for every such question, not a loop of its own in each.
pub fn is_one_of(text: &str, list: &str) -> bool {
    alternatives(list).any(|a| a == text)
}

/// The iterator of [`alternatives`].
#[derive(Clone)]
pub struct Alternatives<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Alternatives<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        // A loop, not `split_once`: std's searcher is a copy of its own per pattern type.
        let mut at = 0;
        while at < rest.len() {
            if rest.as_bytes()[at] == b'|' {
                self.rest = Some(&rest[at + 1..]);
                return Some(&rest[..at]);
            }
            at += 1;
        }
        self.rest = None;
        Some(rest)
    }
}

/// `text` without the ASCII characters of `start` at its start and those of `end` at its end:
/// `trim_start_matches` and `trim_end_matches` with an ASCII character or a set of them, one
/// copy for all (each pattern's type was a copy of std's trimmer in the content wasm, issue 8).
pub fn trim_ascii<'a>(text: &'a str, start: &[u8], end: &[u8]) -> &'a str {
    let bytes = text.as_bytes();
    let (mut from, mut to) = (0, bytes.len());
    while from < to && start.contains(&bytes[from]) {
        from += 1;
    }
    while to > from && end.contains(&bytes[to - 1]) {
        to -= 1;
    }
    // ASCII bytes are whole characters: both ends are on character boundaries.
    &text[from..to]
}

/// Where the last `byte` (an ASCII character) is in `text`: `rfind` for one ASCII
/// character without std's reverse char searcher (0.2 KB gzip in a content module).
pub fn last_byte(text: &str, byte: u8) -> Option<usize> {
    // A loop, not `rposition`: its adapter is a copy of its own in the content wasm (issue 8).
    let bytes = text.as_bytes();
    let mut at = bytes.len();
    while at > 0 {
        at -= 1;
        if bytes[at] == byte {
            return Some(at);
        }
    }
    None
}

/// The value of a run of ASCII digits ("0042" → 42): `None` for an empty text, any other
/// character (no sign) or a value past `u32`, which no date, clock or count shown reaches.
/// One loop instead of a copy of std's generic integer parser per integer type (issue 8).
pub fn digits_value(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for b in text.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
    }
    Some(n)
}

/// Phone number digits (rule 9): only digits, a leading `1` country code dropped.
pub fn phone_digits(number: &str) -> String {
    // A loop, not a filtered `collect` (issue 8).
    let mut digits = String::new();
    for c in number.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        }
    }
    match digits.strip_prefix("1") {
        Some(rest) if digits.len() == 11 => rest.to_string(),
        _ => digits,
    }
}

/// Whether free text contains the phone number, however it is written: runs of digits
/// joined by spaces, dots, dashes, brackets, slashes or a `+` are read as one number.
pub fn text_contains_number(text: &str, number_digits: &str) -> bool {
    if number_digits.len() < 4 {
        return false;
    }
    let mut run = String::new();
    let flush = |run: &mut String| {
        let found = has_text(run, number_digits);
        run.clear();
        found
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else if matches!(
            c,
            ' ' | '.' | '-' | '(' | ')' | '+' | '/' | '\u{a0}' | '–' | '‑'
        ) {
            // Separators inside a number: keep the run going.
        } else if flush(&mut run) {
            return true;
        }
    }
    flush(&mut run)
}

/// Levenshtein distance between two strings, by chars: `edit_distance_within` with no
/// limit (one copy of the table's loop in the wasm, issue 8).
pub fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// `edit_distance(a, b)` when it is at most `max`, else `None`. Near-miss suggestions only
/// care about small distances, and most pairs are far apart: strings whose lengths differ
/// by more than `max` are not compared at all, and the comparison stops at the first row of
/// the table whose every cell is over `max` (no later row can be smaller).
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    // A lower bound first, in one pass and no allocation: an edit changes the count of at
    // most one character on each side, so the characters of `a` that `b` lacks (and those of
    // `b` that `a` lacks) are at most the distance. Counted in 64 buckets: characters
    // sharing one only cancel out, which keeps it a lower bound. `product 12` against
    // `visio plan 2` stops here.
    let mut counts = [0i32; 64];
    for c in a.chars() {
        counts[c as usize % 64] += 1;
    }
    for c in b.chars() {
        counts[c as usize % 64] -= 1;
    }
    let (surplus, lack) = counts.iter().fold((0, 0), |(s, l), &n| {
        if n > 0 {
            (s + n as usize, l)
        } else {
            (s, l + n.unsigned_abs() as usize)
        }
    });
    if surplus.max(lack) > max {
        return None;
    }
    // Loops rather than `collect`: each is its own copy of std's `from_iter` (issue 8).
    let mut chars: Vec<char> = Vec::with_capacity(b.len());
    for c in b.chars() {
        chars.push(c);
    }
    let b = chars;
    let mut previous: Vec<usize> = Vec::with_capacity(b.len() + 1);
    for n in 0..b.len() + 1 {
        previous.push(n);
    }
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= max)
}

/// `join` for lists of owned texts, as one loop: std's `join` is generic, and its copy was
/// 0.9 KB of the content script's wasm (issue 8). Every list the checks and readers join is
/// joined by this.
pub trait Joined {
    fn joined(&self, separator: &str) -> String;
}

impl Joined for [String] {
    fn joined(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(item);
        }
        out
    }
}

/// Each item in backticks, joined by `separator`: "`a`, `b`". One loop for every such list
/// in the checks' texts, where a `map(format!).collect().join()` per list is its own copy in
/// the content script's wasm (issue 8). A slice, not a `dyn Iterator`: each iterator type's
/// vtable (`next`, `nth`, `size_hint`, `advance_by`) was a copy of its own.
pub fn backticked<T: AsRef<str>>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for item in items {
        if !out.is_empty() {
            out.push_str(separator);
        }
        out.push('`');
        out.push_str(item.as_ref());
        out.push('`');
    }
    out
}

/// Splits text into lowercase words (letters and digits). A `Vec` rather than an iterator:
/// every caller wants the list, and one copy of the loop is smaller in the wasm (issue 8).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in text.split(|c: char| !is_word_char(c)) {
        if !word.is_empty() {
            out.push(word.lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suffixes() -> Vec<String> {
        ["llc", "inc", "pc", "ltd"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// Where `lower_char` maps a letter, it is std's lowercase; everything else is left as it
    /// is, so a text std would not change is never changed.
    #[test]
    fn lower_char_is_std_lowercase_where_it_maps_and_identity_elsewhere() {
        let mut mapped = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let ours = lower_char(c);
            let std: Vec<char> = c.to_lowercase().collect();
            if ours != c {
                mapped += 1;
                assert_eq!(ours, std[0], "{c:?} U+{:04X}", c as u32);
            }
            if std == [c] {
                assert_eq!(ours, c, "{c:?} U+{:04X} is its own lowercase", c as u32);
            }
        }
        // ASCII, Latin-1, Extended-A, Greek, Cyrillic, Armenian, Vietnamese, fullwidth.
        assert!(mapped > 450, "{mapped}");
        for (upper, lower) in [
            ("ÉCOLE MÜLLER GMBH", "école müller gmbh"),
            ("ŁÓDŹ", "łódź"),
            ("ΑΘΗΝΑ", "αθηνα"),
            ("МОСКВА", "москва"),
            ("ĐÀ NẴNG", "đà nẵng"),
            ("ＡＢＣ", "ａｂｃ"),
            ("İstanbul", "istanbul"),
        ] {
            assert_eq!(upper.lowercase(), lower);
        }
    }

    /// Every letter and digit std knows is a word character, but for the few letter-like
    /// symbols in the punctuation and symbol blocks; every ASCII character is classed as std
    /// classes it; spaces and the punctuation of names split words.
    #[test]
    fn word_chars_are_std_letters_and_digits_outside_the_symbol_blocks() {
        let mut letters = 0;
        let mut symbols = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_ascii() {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            } else if c.is_alphanumeric() {
                if is_word_char(c) {
                    letters += 1;
                } else {
                    symbols += 1;
                    assert!(
                        matches!(
                            c as u32,
                            0xAA..=0xBE | 0x2070..=0x2BFF | 0x3000..=0x303F | 0x1F000..=0x1FBFF
                        ),
                        "{c:?} U+{:04X} is a letter or digit to std",
                        c as u32
                    );
                }
            }
            if c.is_whitespace() {
                assert!(!is_word_char(c), "{c:?} U+{:04X}", c as u32);
            }
        }
        assert!(letters > 140_000 && symbols < 500, "{letters} {symbols}");
        for c in "’‘“”–—…•·€£¥©®™°§¶×÷、。「」！？（），：；【】😀".chars()
        {
            assert!(!is_word_char(c), "{c:?} splits words");
        }
        for c in "éßøłđαωжяաאعह中日本語한々〇ＡＺ０".chars() {
            assert!(is_word_char(c), "{c:?} is in a word");
        }
        assert!("ÉĞİΩЖԱ".chars().all(is_upper_char));
        assert!(!"éğiωжա1-".chars().any(is_upper_char));
    }

    /// The plain text search answers as std's searcher does, on ASCII and on text with
    /// characters of several bytes, at the edges and with empty patterns.
    #[test]
    fn text_search_answers_as_std_does() {
        let texts = [
            "",
            "a",
            "ab",
            "abab",
            "Ticket T2026.1 - T2026.1",
            "é—é",
            "ééé",
            "x://y://z",
        ];
        let needles = [
            "", "a", "b", "ab", "ba", "abab", "T2026.1", "é", "—", "éé", "://", "zz",
        ];
        for text in texts {
            for needle in needles {
                assert_eq!(
                    find_text(text, needle),
                    text.find(needle),
                    "{text:?} {needle:?}"
                );
                assert_eq!(has_text(text, needle), text.contains(needle));
                assert_eq!(split_at_text(text, needle), text.split_once(needle));
                if !needle.is_empty() {
                    assert_eq!(replace_text(text, needle, "<>"), text.replace(needle, "<>"));
                }
            }
        }
        assert_eq!(replace_text("abc", "", "x"), "abc");
    }

    #[test]
    fn customer_names_ignore_case_punctuation_spacing_and_legal_suffixes() {
        let s = suffixes();
        for name in [
            "Acme Dental LLC",
            "acme  dental, l.l.c.",
            "ACME DENTAL",
            "Acme Dental Inc.",
        ] {
            assert_eq!(customer_key(name, &s), "acmedental", "{name}");
        }
        assert_eq!(customer_key("Hudson Law Group, P.C.", &s), "hudsonlawgroup");
        assert_ne!(customer_key("Acme Dental Lab", &s), "acmedental");
        // A suffix alone is a name, not nothing.
        assert_eq!(customer_key("LLC", &s), "llc");
    }

    #[test]
    fn a_name_has_the_product_key_it_normalises_to_and_no_other() {
        for name in [
            "Visio Plan 2",
            "  MICROSOFT 365™ Business\tPremium",
            "Ärger® Ü",
            "x\u{b}y",
            "",
        ] {
            let key = product_key(name);
            assert!(has_product_key(name, &key), "{name:?}");
            assert!(!has_product_key(name, &format!("{key}x")), "{name:?}");
            assert!(!has_product_key(&format!("{name}x"), &key), "{name:?}");
        }
        assert!(has_product_key("Visio  plan 2", "visioplan2"));
        assert!(!has_product_key("Visio Plan 1", "visioplan2"));
    }

    #[test]
    fn products_ignore_case_spacing_and_trademarks() {
        assert_eq!(product_key("Visio Plan 2"), product_key("visio  plan 2"));
        assert_eq!(
            product_key("Microsoft 365™ Business Premium®"),
            product_key("microsoft 365 business premium")
        );
        assert_ne!(product_key("Visio Plan 1"), product_key("Visio Plan 2"));
    }

    #[test]
    fn phone_numbers_compare_on_digits() {
        let did = phone_digits("551-212-0048");
        for text in [
            "call 551-212-0048 now",
            "call 551.212.0048",
            "call (551) 212-0048",
            "call 551 212 0048",
            "call +1 551 212 0048",
            "call 1-551-212-0048.",
            "5512120048",
        ] {
            assert!(text_contains_number(text, &did), "{text}");
        }
        for text in [
            "call (347) 308-6455",
            "551-212-0049",
            "ticket 551, 212 users, 0048",
        ] {
            assert!(!text_contains_number(text, &did), "{text}");
        }
    }

    #[test]
    fn edit_distance_within_agrees_with_edit_distance_up_to_its_bound() {
        let words = [
            "",
            "a",
            "abc",
            "kitten",
            "sitting",
            "visio plan 2",
            "visio plan 1",
            "product 12",
            "exchange online (plan 1)",
            "acmedentl.com",
            "acmedental.com",
            "zürich",
            "zurich",
        ];
        // The whole table, with no bound and no shortcut: what the bounded one must agree with.
        let reference = |a: &str, b: &str| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let mut previous: Vec<usize> = (0..b.len() + 1).collect();
            let mut current = vec![0; b.len() + 1];
            for (i, ca) in a.iter().enumerate() {
                current[0] = i + 1;
                for (j, cb) in b.iter().enumerate() {
                    let substitution = previous[j] + usize::from(ca != cb);
                    current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
                }
                std::mem::swap(&mut previous, &mut current);
            }
            previous[b.len()]
        };
        for a in words {
            for b in words {
                let distance = reference(a, b);
                assert_eq!(edit_distance(a, b), distance, "{a:?} {b:?}");
                for max in 0..8 {
                    let expected = (distance <= max).then_some(distance);
                    assert_eq!(
                        edit_distance_within(a, b, max),
                        expected,
                        "{a:?} {b:?} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("acmedentl.com", "acmedental.com"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    /// `digits_value` is std's `u32` parser on every text of digits, signs and spaces up to
    /// four characters long and around the limits, except that a sign is no digit.
    #[test]
    fn digits_value_is_std_parse_of_unsigned_digits() {
        let alphabet = ['0', '1', '9', '+', '-', ' ', 'a'];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts
            .extend(["4294967295", "4294967296", "0004294967295", "99999999999"].map(String::from));
        for text in texts {
            let std = text.parse::<u32>().ok().filter(|_| !text.starts_with("+"));
            assert_eq!(digits_value(&text), std, "{text:?}");
        }
    }

    #[test]
    fn split_at_any_is_std_split_at_a_set_of_characters() {
        let marks = ['—', '–', '|', '·', '•', '.', '\n'];
        for text in [
            "",
            "|",
            "a",
            "Visio Plan 2 — Monthly · 2",
            "a||b",
            "é–ö.",
            "end.",
            ".start",
            "x\ny",
        ] {
            let std: Vec<&str> = text.split(marks).collect();
            assert_eq!(split_at_any(text, &marks), std, "{text:?}");
        }
    }

    #[test]
    fn alternatives_are_the_list_split_at_each_bar_and_is_one_of_finds_a_whole_one() {
        for list in [
            "",
            "Domain",
            "Domain|Domain name|Customer domain",
            "Qty.|é–ö|",
            "|a||b",
        ] {
            let std: Vec<&str> = list.split('|').collect();
            assert_eq!(alternatives(list).collect::<Vec<_>>(), std, "{list:?}");
            for text in [
                "",
                "Domain",
                "Domain name",
                "domain",
                "b",
                "é–ö",
                "Domain|Domain name",
            ] {
                assert_eq!(
                    is_one_of(text, list),
                    std.contains(&text),
                    "{text:?} in {list:?}"
                );
            }
        }
    }

    #[test]
    fn trim_ascii_is_std_trimming_with_ascii_characters() {
        let texts = [
            "",
            "@",
            "@@jane@x.com.",
            "..",
            "(a, b);",
            "é.",
            ".é",
            "*  Email",
            "x)",
            "ö(ä))",
        ];
        let sets: [&[char]; 4] = [&[], &['.'], &['@', '*', ' '], &[',', '(', ')', ';']];
        for text in texts {
            for start in sets {
                for end in sets {
                    let bytes = |set: &[char]| set.iter().map(|&c| c as u8).collect::<Vec<u8>>();
                    assert_eq!(
                        trim_ascii(text, &bytes(start), &bytes(end)),
                        text.trim_start_matches(start).trim_end_matches(end),
                        "{text:?} {start:?} {end:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn last_byte_is_rfind_of_an_ascii_character() {
        for text in [
            "",
            "@",
            "a@b@c",
            "Jane (jane@x.com)",
            "ö(ä)",
            "no mark",
            "((",
            "é@",
        ] {
            for c in ['@', '('] {
                assert_eq!(last_byte(text, c as u8), text.rfind(c), "{text:?} {c:?}");
            }
        }
    }
}
