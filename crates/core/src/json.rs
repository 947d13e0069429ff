//! A small strict JSON reader (RFC 8259).
//!
//! serde's derived deserialisers are the largest part of the wasm (one visitor per model
//! struct, each monomorphised per input type: issue 8). This reader is one non-generic pull
//! parser: a snapshot written as JSON by hand (tests, tools) is decoded from it into the wire
//! format (`procguard_readers::dom::wire_of_json`); [`parse_value`] builds a
//! `serde_json::Value` (constructing one needs no deserialiser). The content script's modules
//! do not carry it: what they read comes in the wire format (`crate::wire`).
//!
//! Objects and arrays are read with a flag instead of a stack: [`Reader::begin_object`] /
//! [`Reader::begin_array`] set it, and the first [`Reader::next_key`] / [`Reader::next_item`]
//! clears it, so every later one expects a `,` or the closing bracket.

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused (serde_json's limit too), so that a hostile input
/// cannot exhaust the stack of [`Reader::value`].
const MAX_DEPTH: usize = 128;

/// A JSON text that could not be read: what, and where (a byte offset into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    pub offset: usize,
    /// 1-based line and column of `offset` (columns count characters).
    pub line: usize,
    pub column: usize,
}

/// The value of `number_text`'s integer (`-` and digits) within `i64`, `None` past it. Not
/// `str::parse`: its generic integer parser was 0.6 KB of every content-script module
/// (issue 8), for text whose form the reader has checked.
pub(crate) fn whole(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix("-") {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    // Summed below zero, where `i64::MIN` fits.
    let mut n: i64 = 0;
    for b in digits.bytes() {
        n = n
            .checked_mul(10)?
            .checked_sub(i64::from(b.wrapping_sub(b'0')))?;
    }
    if negative {
        Some(n)
    } else {
        n.checked_neg()
    }
}

impl crate::fill::Put for JsonError {
    fn put(&self, out: &mut String) {
        crate::put!(out; "{} at line {} column {}", self.message, self.line, self.column);
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::fill!("{}", self))
    }
}

impl std::error::Error for JsonError {}

pub type Result<T> = std::result::Result<T, JsonError>;

/// A pull parser over one JSON text.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// Just after `{` or `[`: the next key or item needs no `,`.
    fresh: bool,
    depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            at: 0,
            fresh: false,
            depth: 0,
        }
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> JsonError {
        self.error_at(self.at, message)
    }

    /// The byte offset reached (for an error about the value read from there).
    pub fn offset(&self) -> usize {
        self.at
    }

    /// An error at a byte offset of the text.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> JsonError {
        self.error_with(offset, message.into())
    }

    // One copy, whatever the message's type (issue 8: the content script's wasm).
    fn error_with(&self, offset: usize, message: String) -> JsonError {
        let offset = offset.min(self.bytes.len());
        let before = &self.bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        // Characters, not bytes; the offset may sit inside one when the text is cut.
        // Counting the bytes that start a character: a cut one counts once, as `U+FFFD` would.
        let column = before[start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        JsonError {
            message,
            offset,
            line,
            column,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next significant byte, not consumed.
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied()
    }

    fn expect_byte(&mut self, byte: u8, what: &str) -> Result<()> {
        match self.peek() {
            Some(b) if b == byte => {
                self.at += 1;
                Ok(())
            }
            None => Err(self.error(crate::fill!("the text ends where {} was expected", what))),
            Some(_) => Err(self.error(crate::fill!("expected {}", what))),
        }
    }

    /// Only whitespace may follow the value just read.
    pub fn finish(&mut self) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("unexpected text after the JSON value")),
        }
    }

    /// Consumes a `null` if one comes next.
    pub fn null(&mut self) -> bool {
        if self.peek() == Some(b'n') && self.bytes[self.at..].starts_with(b"null") {
            self.at += 4;
            true
        } else {
            false
        }
    }

    /// Starts reading an object: `{`.
    pub fn begin_object(&mut self) -> Result<()> {
        self.enter()?;
        self.expect_byte(b'{', "an object")?;
        self.fresh = true;
        Ok(())
    }

    /// The next key of the object being read (its value is to be read next), or `None` at
    /// its end.
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>> {
        if !self.next_member(b'}', "`,` or `}`")? {
            return Ok(None);
        }
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a key (a string)"));
        }
        let key = self.string()?;
        self.expect_byte(b':', "`:`")?;
        Ok(Some(key))
    }

    /// Starts reading an array: `[`.
    pub fn begin_array(&mut self) -> Result<()> {
        self.enter()?;
        self.expect_byte(b'[', "a list")?;
        self.fresh = true;
        Ok(())
    }

    /// True when another item of the array being read follows (read it next); false at
    /// its end.
    pub fn next_item(&mut self) -> Result<bool> {
        self.next_member(b']', "`,` or `]`")
    }

    fn next_member(&mut self, close: u8, separator: &str) -> Result<bool> {
        let first = std::mem::replace(&mut self.fresh, false);
        match self.peek() {
            Some(b) if b == close => {
                self.at += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.at += 1;
                Ok(true)
            }
            _ if first => Ok(true),
            None => Err(self.error(crate::fill!(
                "the text ends where {} was expected",
                separator
            ))),
            Some(_) => Err(self.error(crate::fill!("expected {}", separator))),
        }
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("the JSON is nested too deeply"));
        }
        self.depth += 1;
        Ok(())
    }

    /// A string; borrowed from the text unless it has escapes.
    pub fn string(&mut self) -> Result<Cow<'a, str>> {
        self.expect_byte(b'"', "a string")?;
        let start = self.at;
        // The common case: no escapes, borrowed as is.
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    let s = &self.text[start..self.at];
                    self.at += 1;
                    return Ok(Cow::Borrowed(s));
                }
                Some(b'\\') => break,
                Some(&b) if b < 0x20 => {
                    return Err(self.error("a control character in a string must be escaped"))
                }
                Some(_) => self.at += 1,
            }
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            let run = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.bytes.get(self.at) {
                None => return Err(self.error("the text ends inside a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error("a control character in a string must be escaped"))
                }
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<()> {
        let Some(&b) = self.bytes.get(self.at) else {
            return Err(self.error("the text ends inside a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if !self.bytes[self.at..].starts_with(b"\\u") {
                        return Err(self.error("a lone surrogate in a `\\u` escape"));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error("a lone surrogate in a `\\u` escape"));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                char::from_u32(code)
                    .ok_or_else(|| self.error("a lone surrogate in a `\\u` escape"))?
            }
            _ => return Err(self.error_at(self.at - 1, "an invalid escape in a string")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("the text ends inside a `\\u` escape"))?;
        let mut code = 0;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error("a `\\u` escape needs four hex digits"))?;
            code = code * 16 + v;
        }
        self.at += 4;
        Ok(code)
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool> {
        match self.peek() {
            Some(b't') if self.bytes[self.at..].starts_with(b"true") => {
                self.at += 4;
                Ok(true)
            }
            Some(b'f') if self.bytes[self.at..].starts_with(b"false") => {
                self.at += 5;
                Ok(false)
            }
            _ => Err(self.error("expected `true` or `false`")),
        }
    }

    /// The text of a number (RFC 8259 grammar), and whether it is an integer.
    fn number_text(&mut self) -> Result<(&'a str, bool)> {
        self.skip_ws();
        let start = self.at;
        let bytes = self.bytes;
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at - from
        };
        let mut at = self.at;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        let int_start = at;
        let int_digits = digits(&mut at);
        if int_digits == 0 || (int_digits > 1 && bytes[int_start] == b'0') {
            return Err(self.error_at(start, "expected a number"));
        }
        let mut integer = true;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            integer = false;
            if digits(&mut at) == 0 {
                return Err(self.error_at(at, "expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            integer = false;
            if let Some(b'+' | b'-') = bytes.get(at) {
                at += 1;
            }
            if digits(&mut at) == 0 {
                return Err(self.error_at(at, "expected a digit in the exponent"));
            }
        }
        self.at = at;
        Ok((&self.text[start..at], integer))
    }

    /// A whole number within `i64`.
    pub fn i64(&mut self) -> Result<i64> {
        let start = self.at;
        let (text, integer) = self.number_text()?;
        match whole(text) {
            Some(n) if integer => Ok(n),
            _ => Err(self.error_at(
                start,
                crate::fill!("expected a whole number, found `{}`", text),
            )),
        }
    }

    /// A whole number from 0 to `u32::MAX`.
    pub fn u32(&mut self) -> Result<u32> {
        let start = self.at;
        let n = self.i64()?;
        u32::try_from(n).map_err(|_| {
            self.error_at(
                start,
                crate::fill!("`{}` is out of range (0 to 4294967295)", n),
            )
        })
    }

    /// A number as JSON has it: an integer when it has no fraction or exponent and fits.
    pub fn number(&mut self) -> Result<Number> {
        let start = self.at;
        let (text, integer) = self.number_text()?;
        // `-0` is the float -0.0, as serde_json reads it (an integer has no negative zero).
        if integer && text != "-0" {
            if let Some(n) = whole(text) {
                return Ok(n.into());
            }
            if let Ok(n) = text.parse::<u64>() {
                return Ok(n.into());
            }
        }
        crate::float::parse_f64(text)
            .and_then(Number::from_f64)
            .ok_or_else(|| {
                self.error_at(start, crate::fill!("the number `{}` is out of range", text))
            })
    }

    /// Any value, skipped: checked as `value` checks it, but built into nothing (the
    /// snapshot's keys procguard does not read; and the content script's modules then carry
    /// neither `value` nor the float parser behind it: issue 8). A number is only checked
    /// against the grammar, not for the range of a double.
    pub fn skip(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'{') => {
                self.begin_object()?;
                while self.next_key()?.is_some() {
                    self.skip()?;
                }
            }
            Some(b'[') => {
                self.begin_array()?;
                while self.next_item()? {
                    self.skip()?;
                }
            }
            Some(b'"') => {
                self.string()?;
            }
            Some(b't' | b'f') => {
                self.bool()?;
            }
            Some(b'n') if self.null() => {}
            Some(b'-' | b'0'..=b'9') => {
                self.number_text()?;
            }
            None => return Err(self.error("the text ends where a value was expected")),
            Some(_) => return Err(self.error("expected a value")),
        }
        Ok(())
    }

    /// Any value, as a `serde_json::Value` (objects keep their key order).
    pub fn value(&mut self) -> Result<Value> {
        Ok(match self.peek() {
            Some(b'{') => {
                self.begin_object()?;
                let mut map = Map::new();
                while let Some(key) = self.next_key()? {
                    let value = self.value()?;
                    map.insert(key.into_owned(), value);
                }
                Value::Object(map)
            }
            Some(b'[') => {
                self.begin_array()?;
                let mut items = Vec::new();
                while self.next_item()? {
                    items.push(self.value()?);
                }
                Value::Array(items)
            }
            Some(b'"') => Value::String(self.string()?.into_owned()),
            Some(b't' | b'f') => Value::Bool(self.bool()?),
            Some(b'n') if self.null() => Value::Null,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            None => return Err(self.error("the text ends where a value was expected")),
            Some(_) => return Err(self.error("expected a value")),
        })
    }
}

/// One whole JSON text as a `serde_json::Value`.
pub fn parse_value(text: &str) -> Result<Value> {
    let mut reader = Reader::new(text);
    let value = reader.value()?;
    reader.finish()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_read_as_str_parse_reads_them_up_to_i64s_bounds() {
        for text in [
            "0",
            "-0",
            "7",
            "-7",
            "10",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "00012",
        ] {
            assert_eq!(whole(text), text.parse::<i64>().ok(), "{text}");
        }
        let mut reader = Reader::new("[-9223372036854775808, 9223372036854775808]");
        reader.expect_byte(b'[', "a list").unwrap();
        assert_eq!(reader.i64().unwrap(), i64::MIN);
        reader.next_member(b']', "`,` or `]`").unwrap();
        assert!(reader.i64().is_err());
    }

    /// Texts serde_json accepts read to the same value.
    #[test]
    fn valid_texts_read_to_what_serde_json_reads() {
        for text in [
            r#"{"a": [1, -2, 3.5, 1e3, -0.0, -0, 0, 18446744073709551615, 12345678901234567890123], "b": {"c": null, "d": true, "e": false}}"#,
            "[-9223372036854775809, 18446744073709551616, 1E2, 1e-400, 0.1]",
            r#"  "plain"  "#,
            r#""esc: \" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 é""#,
            "[]",
            "{}",
            "[[], {}, [{}]]",
            r#"{"dup": 1, "dup": 2, "z": 0, "a": 1}"#,
            "0",
            "-12",
            "1.5E-7",
        ] {
            let ours = parse_value(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let theirs: Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    /// Texts serde_json refuses are refused, with the place of the problem.
    #[test]
    fn invalid_texts_are_refused_with_their_line_and_column() {
        for (text, line, column) in [
            ("", 1, 1),
            ("{", 1, 2),
            ("{\"a\" 1}", 1, 6),
            ("{\"a\": 1,}", 1, 9),
            ("[1,]", 1, 4),
            ("[1 2]", 1, 4),
            ("{,\"a\": 1}", 1, 2),
            ("[,1]", 1, 2),
            ("{\"a\": 01}", 1, 7),
            ("{\"a\": 1.}", 1, 9),
            ("{\"a\": -}", 1, 7),
            ("\"\\x\"", 1, 3),
            ("\"\\ud800\"", 1, 8),
            ("\"a\nb\"", 1, 3),
            ("\"open", 1, 6),
            ("{\"a\": tru}", 1, 7),
            ("{}\n x", 2, 2),
            ("{1: 2}", 1, 2),
        ] {
            assert!(serde_json::from_str::<Value>(text).is_err(), "{text:?}");
            let error = parse_value(text).expect_err(text);
            assert_eq!(
                (error.line, error.column),
                (line, column),
                "{text:?}: {error}"
            );
        }
    }

    /// `skip` builds nothing but checks as `value` does: the same texts accepted, stopping
    /// at the same place, and the same refused at the same place (the range of a double
    /// aside, which `skip` does not check).
    #[test]
    fn skip_accepts_and_refuses_what_value_does_at_the_same_place() {
        let texts = [
            r#"{"a": [1, -2, 3.5, 1e3, -0.0], "b": {"c": null, "d": true, "e": false}} ,"#,
            r#""esc: \" \\ \u00e9 \ud83d\ude00" 1"#,
            "[[], {}, [{}]]]",
            "-12.5E-7 x",
            "{\"a\" 1}",
            "{\"a\": 1,}",
            "[1 2]",
            "{\"a\": 01}",
            "\"\\ud800\"",
            "{\"a\": tru}",
            "{1: 2}",
            "",
            "[",
        ];
        for text in texts {
            let (mut by_value, mut by_skip) = (Reader::new(text), Reader::new(text));
            match (by_value.value(), by_skip.skip()) {
                (Ok(_), Ok(())) => assert_eq!(by_value.offset(), by_skip.offset(), "{text:?}"),
                (Err(a), Err(b)) => assert_eq!((a.line, a.column), (b.line, b.column), "{text:?}"),
                (a, b) => panic!("{text:?}: value {a:?}, skip {b:?}"),
            }
        }
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        let error = parse_value(&deep).unwrap_err();
        assert!(error.message.contains("nested too deeply"), "{error}");
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse_value(&ok).is_ok());
    }

    #[test]
    fn typed_reads_say_what_was_expected() {
        let mut r = Reader::new(r#"{"n": 1.5, "u": -1, "s": 3}"#);
        r.begin_object().unwrap();
        assert_eq!(r.next_key().unwrap().as_deref(), Some("n"));
        assert!(r.i64().unwrap_err().message.contains("whole number"));
        let mut r = Reader::new("-1");
        assert!(r.u32().unwrap_err().message.contains("out of range"));
        let mut r = Reader::new("3");
        assert!(r
            .string()
            .unwrap_err()
            .message
            .contains("expected a string"));
    }
}
