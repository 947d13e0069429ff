//! The wire format between the extension's scripts and the content script's core: the page
//! snapshot and its patches (written by `extension/snapshot.js` and `content.js`) and the
//! settings pack (written by the service worker's core). Never stored, never typed by anyone.
//!
//! Why not JSON (issue 8: the content script's payload): these three were all the content
//! modules read as JSON, and reading JSON (strings with every escape, numbers of every form,
//! whitespace, nesting, a message for each way it can be wrong) was 4.7 KB of every module
//! gzipped with the snapshot's parser. A text of tokens is read by splitting it.
//!
//! A text is a run of tokens, each ended by U+001F (the unit separator). A token's first
//! character (ASCII) says what it is, the rest is its text. In a token's text the characters
//! U+001B-U+001F are escaped: U+001B then the character plus 0x40 (`[`, `\`, `]`, `^`, `_`),
//! so a separator never occurs in a text and nothing is lost.

use std::borrow::Cow;

/// Ends every token.
pub const END: char = '\u{1f}';
/// Starts an escape within a token's text.
const ESC: u8 = 0x1b;

/// A text that is not in the wire format: what, and where (a byte offset into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    pub message: String,
    pub offset: usize,
}

impl crate::fill::Put for WireError {
    fn put(&self, out: &mut String) {
        crate::put!(out; "{} at byte {}", self.message, self.offset);
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::fill!("{}", self))
    }
}

pub type Result<T> = std::result::Result<T, WireError>;

/// Writes a token: its kind and its text, escaped.
pub fn push_token(out: &mut String, kind: char, text: &str) {
    out.push(kind);
    if text.bytes().any(|b| (ESC..=0x1f).contains(&b)) {
        for c in text.chars() {
            if ('\u{1b}'..=END).contains(&c) {
                out.push('\u{1b}');
                out.push(char::from(c as u8 + 0x40));
            } else {
                out.push(c);
            }
        }
    } else {
        out.push_str(text);
    }
    out.push(END);
}

/// One token: its kind, its text as written (escaped) and where it starts.
#[derive(Clone, Copy)]
pub struct Token<'a> {
    pub kind: u8,
    raw: &'a str,
    pub offset: usize,
}

impl<'a> Token<'a> {
    /// The token's text, its escapes undone (`Tokens::next` has checked them).
    pub fn text(&self) -> Cow<'a, str> {
        if !self.raw.as_bytes().contains(&ESC) {
            return Cow::Borrowed(self.raw);
        }
        let mut text = String::with_capacity(self.raw.len());
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            match c {
                '\u{1b}' => text.extend(chars.next().map(|e| char::from(e as u8 - 0x40))),
                c => text.push(c),
            }
        }
        Cow::Owned(text)
    }

    /// The token's text, owned.
    pub fn string(&self) -> String {
        self.text().into_owned()
    }

    /// The token's text as a whole number (`-` and digits) within `i64`.
    pub fn number(&self) -> Result<i64> {
        crate::json::whole(self.raw)
            .filter(|_| {
                // A `str` prefix, as elsewhere in the content build: `strip_prefix` with a
                // `char` is a copy of its own there (issue 8).
                let digits = self.raw.strip_prefix("-").unwrap_or(self.raw);
                !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
            })
            .ok_or_else(|| self.error("expected a whole number"))
    }

    pub fn error(&self, message: &str) -> WireError {
        WireError {
            message: message.to_string(),
            offset: self.offset,
        }
    }
}

/// The tokens of a text, in turn.
pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, at: 0 }
    }

    /// Where the next token starts.
    pub fn offset(&self) -> usize {
        self.at
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    /// The next token's kind, without taking it.
    pub fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Takes the next token; `None` at the end of the text. A token must be ended by the
    /// separator and start with an ASCII kind.
    #[allow(clippy::should_implement_trait)] // a `Result` per item: not an `Iterator`
    pub fn next(&mut self) -> Result<Option<Token<'a>>> {
        if self.at_end() {
            return Ok(None);
        }
        let offset = self.at;
        let rest = &self.text.as_bytes()[offset..];
        let Some(len) = rest.iter().position(|&b| b == END as u8) else {
            return Err(self.error("the text ends inside a token"));
        };
        if len == 0 || !rest[0].is_ascii() {
            return Err(self.error("a token without its kind"));
        }
        // Each escape is checked here, once, so that reading a text cannot fail.
        let mut bytes = rest[1..len].iter();
        while let Some(&b) = bytes.next() {
            if b == ESC && !matches!(bytes.next(), Some(b'['..=b'_')) {
                return Err(self.error("an escape that is not U+001B and one of `[\\]^_`"));
            }
        }
        self.at += len + 1;
        Ok(Some(Token {
            kind: rest[0],
            raw: &self.text[offset + 1..offset + len],
            offset,
        }))
    }

    /// An error at the next token.
    pub fn error(&self, message: &str) -> WireError {
        WireError {
            message: message.to_string(),
            offset: self.at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any texts (the separators, the escape and what follows it included) written as
        /// tokens read back as written, each in its own token, with one separator a token.
        #[test]
        fn any_texts_written_as_tokens_read_back_as_written(
            texts in proptest::collection::vec("[\\x00-\\x20\\[-_a-zé😀]{0,12}", 0..8)
        ) {
            let mut out = String::new();
            for text in &texts {
                push_token(&mut out, 'x', text);
            }
            prop_assert_eq!(out.matches(END).count(), texts.len());
            let mut t = Tokens::new(&out);
            let mut read = Vec::new();
            while let Some(token) = t.next().unwrap() {
                prop_assert_eq!(token.kind, b'x');
                read.push(token.string());
            }
            prop_assert_eq!(read, texts);
        }
    }

    fn tokens(text: &str) -> Vec<(char, String)> {
        let mut t = Tokens::new(text);
        let mut out = Vec::new();
        while let Some(token) = t.next().unwrap() {
            out.push((char::from(token.kind), token.string()));
        }
        out
    }

    #[test]
    fn a_text_with_the_separators_and_the_escape_in_it_reads_back_as_written() {
        let texts = [
            "",
            "plain",
            "a\u{1f}b",
            "\u{1b}[",
            "\u{1b}\u{1c}\u{1d}\u{1e}\u{1f}",
            "ünïcødé \u{1e} 🎉",
            "\u{0}\u{1}\n\t",
        ];
        let mut out = String::new();
        for text in texts {
            push_token(&mut out, '"', text);
        }
        let read: Vec<String> = tokens(&out).into_iter().map(|(_, t)| t).collect();
        assert_eq!(read, texts);
        assert_eq!(
            out.matches(END).count(),
            texts.len(),
            "one separator a token"
        );
    }

    #[test]
    fn numbers_read_whole_and_signed_and_nothing_else_reads_as_one() {
        let mut out = String::new();
        for n in [
            "0",
            "-1",
            "42",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            push_token(&mut out, '#', n);
        }
        let mut t = Tokens::new(&out);
        let mut read = Vec::new();
        while let Some(token) = t.next().unwrap() {
            read.push(token.number().unwrap());
        }
        assert_eq!(read, [0, -1, 42, i64::MAX, i64::MIN]);
        for bad in [
            "",
            "-",
            "1.5",
            "1e3",
            "+1",
            " 1",
            "9223372036854775808",
            "x",
        ] {
            let text = format!("#{bad}\u{1f}");
            let token = Tokens::new(&text).next().unwrap().unwrap();
            assert!(token.number().is_err(), "{bad:?} is not a whole number");
        }
    }

    #[test]
    fn a_cut_text_a_kindless_token_and_a_bad_escape_are_errors_that_say_where() {
        let cut = Tokens::new("\"ab\u{1f}\"cd").next().map(|_| ());
        assert!(cut.is_ok());
        let mut t = Tokens::new("\"ab\u{1f}\"cd");
        t.next().unwrap();
        let e = t.next().err().unwrap();
        assert_eq!(
            (e.message.as_str(), e.offset),
            ("the text ends inside a token", 4)
        );
        let e = Tokens::new("\u{1f}").next().err().unwrap();
        assert_eq!(e.message, "a token without its kind");
        let e = Tokens::new("éa\u{1f}").next().err().unwrap();
        assert_eq!(e.message, "a token without its kind");
        for bad in ["\"x\u{1b}a\u{1f}", "\"x\u{1b}\u{1f}", "\"\u{1b}é\u{1f}"] {
            let e = Tokens::new(bad).next().err().unwrap();
            assert_eq!(
                crate::fill!("{}", e).as_str(),
                "an escape that is not U+001B and one of `[\\]^_` at byte 0"
            );
        }
    }
}
