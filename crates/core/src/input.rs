//! Reading contexts and directories from JSON, with errors that say where and what.
//!
//! Errors follow Cedar: a lowercase message with user values in backticks, the advice in a
//! separate `help`, and the place as line, column and a field path such as
//! `customers[1].subscriptions[0].term`.

use std::collections::HashMap;
use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::{
    Context, Customer, Directory, Msp, Page, User, CONTEXT_FORMAT, DIRECTORY_FORMAT,
};

/// A context or directory that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line of the problem in the input text (0 when not tied to a place).
    pub line: usize,
    /// 1-based column of the problem in the input text (0 when not tied to a place).
    pub column: usize,
    /// Where in the document, e.g. `customers[1].subscriptions[0].term`; empty for the top.
    pub path: String,
    /// What is wrong, lowercase, user values in backticks.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "at `{}`: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

impl Context {
    /// Reads a page check context (`format`: `procguard/context@1`).
    pub fn from_json(text: &str) -> Result<Context, InputError> {
        let value = parse_value(text)?;
        check_format(text, &value, CONTEXT_FORMAT)?;
        let context: Context = parse_typed(text, &value)?;
        validate_customers(text, &value)?;
        validate_sla(text, &value)?;
        if let Some(now) = &context.now {
            if crate::dates::parse_now(now).is_none() {
                return Err(located(
                    text,
                    "now",
                    format!("`{now}` is not a date-time with an offset"),
                    Some("write `now` as RFC 3339, for example `2026-11-21T10:30:00-05:00`".into()),
                ));
            }
        }
        Ok(context)
    }

    /// A context for checking `page` against the directory, at `now` (RFC 3339 or `YYYY-MM-DD`).
    pub fn for_page(directory: &Directory, page: Page, user: Option<User>, now: &str) -> Context {
        Context::for_page_of(
            directory.msp.clone(),
            directory.customers.clone(),
            page,
            user,
            now,
        )
    }

    /// `for_page` with the directory's customers already shared: for a caller that judges
    /// many pages against one directory (the extension's engine, on every read).
    pub fn for_page_of(
        msp: std::sync::Arc<Msp>,
        customers: std::sync::Arc<Vec<Customer>>,
        page: Page,
        user: Option<User>,
        now: &str,
    ) -> Context {
        Context {
            format: CONTEXT_FORMAT.to_string(),
            now: Some(now.to_string()),
            user,
            msp,
            customers,
            page: Some(page),
            #[cfg(feature = "unknown-fields")]
            expect: None,
            extra: Default::default(),
        }
    }

    /// The context as pretty JSON, unknown fields included.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Directory {
    /// Reads a directory import (`format`: `procguard/directory@1`).
    pub fn from_json(text: &str) -> Result<Directory, InputError> {
        let value = parse_value(text)?;
        check_format(text, &value, DIRECTORY_FORMAT)?;
        let directory: Directory = parse_typed(text, &value)?;
        validate_customers(text, &value)?;
        validate_sla(text, &value)?;
        Ok(directory)
    }

    /// The directory as pretty JSON, unknown fields included (the options page's export).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Page {
    /// Reads a page object (what a reader returns) on its own.
    pub fn from_json(text: &str) -> Result<Page, InputError> {
        // A page the extension sends is almost always valid: read it typed straight from the
        // text. The path below (a value, then each field again from a pretty copy) is only
        // there to say where a page is wrong, and costs three parses and a pretty-print.
        if let Some(page) = read_page(text) {
            return Ok(page);
        }
        let value = parse_value(text)?;
        match parse_page(&value) {
            Ok(page) => Ok(page),
            Err((inner_path, message)) => Err(located(text, &inner_path, message, None)),
        }
    }
}

/// A valid page, read typed; `None` for anything else, which [`Page::from_json`] reads
/// again to say what is wrong.
///
/// serde reads `Page` (tagged by `kind`) by buffering the whole object before it looks at
/// `kind`, which doubles the cost of a 200-line cart. Here `kind` is found first, then the
/// page's own struct is read straight from the text: `kind` lands in its `extra` and is
/// taken out, keeping the other unknown fields in their order.
fn read_page(text: &str) -> Option<Page> {
    #[derive(serde::Deserialize)]
    struct Kind<'a> {
        #[serde(borrow)]
        kind: std::borrow::Cow<'a, str>,
    }
    let kind = match leading_kind(text) {
        Some(kind) => kind.into(),
        None => serde_json::from_str::<Kind>(text).ok()?.kind,
    };
    fn read<P: DeserializeOwned>(text: &str) -> Option<P> {
        serde_json::from_str(text).ok()
    }
    let mut page = match kind.as_ref() {
        #[cfg(feature = "cart")]
        "pax8-cart" => read(text).map(Page::Pax8Cart),
        #[cfg(feature = "ticket")]
        "autotask-ticket" => read(text).map(Page::AutotaskTicket),
        #[cfg(feature = "mimecast")]
        "mimecast-upgrade" => read(text).map(Page::MimecastUpgrade),
        #[cfg(feature = "mcam")]
        "mcam-new-user" => read(text).map(Page::McamNewUser),
        #[cfg(feature = "account")]
        "autotask-account" => read(text).map(Page::AutotaskAccount),
        #[cfg(feature = "site-summary")]
        "itglue-site-summary" => read(text).map(Page::ItGlueSiteSummary),
        _ => None,
    }?;
    let extra = match &mut page {
        #[cfg(feature = "cart")]
        Page::Pax8Cart(p) => &mut p.extra,
        #[cfg(feature = "ticket")]
        Page::AutotaskTicket(p) => &mut p.extra,
        #[cfg(feature = "mimecast")]
        Page::MimecastUpgrade(p) => &mut p.extra,
        #[cfg(feature = "mcam")]
        Page::McamNewUser(p) => &mut p.extra,
        #[cfg(feature = "account")]
        Page::AutotaskAccount(p) => &mut p.extra,
        #[cfg(feature = "site-summary")]
        Page::ItGlueSiteSummary(p) => &mut p.extra,
    };
    // A second `kind` further on would have replaced the first in `extra`: a page that says
    // two kinds is left to the careful path. A build that keeps no unknown fields has no
    // `extra` to look in, and takes the kind it found first.
    if cfg!(not(feature = "unknown-fields")) {
        return Some(page);
    }
    match extra.shift_remove("kind") {
        Some(Value::String(found)) if found == kind => Some(page),
        _ => None,
    }
}

/// The `kind` a page's text starts with, as serde and the readers write a page
/// (`{"kind":"pax8-cart",...`), found without reading the rest of the text.
fn leading_kind(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('{')?.trim_start();
    let rest = rest.strip_prefix("\"kind\"")?.trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

fn parse_value(text: &str) -> Result<Value, InputError> {
    serde_json::from_str::<Value>(text).map_err(|error| {
        // serde_json gives column 0 at the start of a line; columns are 1-based here.
        let (line, column) = (error.line(), error.column().max(1));
        let help = if error.is_eof() {
            Some("the text ends before the JSON is complete: is the file truncated?".to_string())
        } else {
            Some("the file must be one JSON object".to_string())
        };
        InputError {
            line,
            column,
            path: path_at(text, offset_of(text, line, column)),
            message: plain_message(&error),
            help,
        }
    })
}

fn check_format(text: &str, value: &Value, expected: &str) -> Result<(), InputError> {
    let what = if expected == CONTEXT_FORMAT {
        "context"
    } else {
        "directory"
    };
    let Some(object) = value.as_object() else {
        return Err(InputError {
            line: 1,
            column: 1,
            path: String::new(),
            message: format!("this is not a {what}: expected a JSON object"),
            help: Some(format!("a {what} is an object with `format`: `{expected}`")),
        });
    };
    let found = object.get("format");
    let problem = match found {
        None => Some(format!("this is not a {what}: it has no `format`")),
        Some(Value::String(format)) if format == expected => None,
        Some(Value::String(format)) => Some(format!(
            "this is not a {what}: its `format` is `{format}`, not `{expected}`"
        )),
        Some(other) => Some(format!(
            "this is not a {what}: its `format` is `{other}`, not `{expected}`"
        )),
    };
    match problem {
        None => Ok(()),
        Some(message) => {
            let mut error = located(
                text,
                "format",
                message,
                Some(format!(
                    "a {what} has `\"format\": \"{expected}\"`; a directory export (`{DIRECTORY_FORMAT}`) is imported on the options page, a page check (`{CONTEXT_FORMAT}`) is what `procguard check` reads"
                )),
            );
            if found.is_none() {
                error.path = String::new();
            }
            Err(error)
        }
    }
}

/// Deserialises into `T` from the text (for positions), refining errors inside `page`.
fn parse_typed<T: DeserializeOwned>(text: &str, value: &Value) -> Result<T, InputError> {
    serde_json::from_str::<T>(text).map_err(|error| {
        // serde_json gives column 0 at the start of a line; columns are 1-based here.
        let (line, column) = (error.line(), error.column().max(1));
        let path = path_at(text, offset_of(text, line, column));
        // `page` is internally tagged: serde reads it whole before looking inside, so the
        // position is its end. Read it again on its own to find the field.
        if path == "page" || path.starts_with("page.") || path.starts_with("page[") {
            if let Some(page) = value.get("page") {
                if let Err((inner, message)) = parse_page(page) {
                    let full = if inner.is_empty() {
                        "page".to_string()
                    } else {
                        format!("page.{inner}")
                    };
                    return located(text, &full, message, page_help(&inner));
                }
            }
        }
        InputError {
            line,
            column,
            path,
            message: plain_message(&error),
            help: None,
        }
    })
}

fn page_help(inner: &str) -> Option<String> {
    if inner == "kind" || inner.is_empty() {
        Some(format!(
            "`kind` is one of {}",
            crate::normalize::backticked(&Page::KINDS, ", ")
        ))
    } else {
        None
    }
}

/// Reads a page value by its kind; on error, the path inside the page and the message.
fn parse_page(page: &Value) -> Result<Page, (String, String)> {
    let Some(object) = page.as_object() else {
        return Err((String::new(), "a page must be an object".to_string()));
    };
    let kind = match object.get("kind") {
        Some(Value::String(kind)) => kind.clone(),
        Some(other) => return Err(("kind".into(), format!("`kind` `{other}` is not a string"))),
        None => return Err(("kind".into(), "the page has no `kind`".to_string())),
    };
    // `kind` is the tag, not a field of the page struct (it would land in `extra`).
    let mut fields = object.clone();
    fields.remove("kind");
    let text = serde_json::to_string_pretty(&fields).unwrap_or_default();
    fn typed<P: DeserializeOwned>(
        text: &str,
        wrap: fn(P) -> Page,
    ) -> Result<Page, (String, String)> {
        serde_json::from_str::<P>(text).map(wrap).map_err(|error| {
            let offset = offset_of(text, error.line(), error.column());
            (path_at(text, offset), plain_message(&error))
        })
    }
    match kind.as_str() {
        #[cfg(feature = "cart")]
        "pax8-cart" => typed(&text, Page::Pax8Cart),
        #[cfg(feature = "ticket")]
        "autotask-ticket" => typed(&text, Page::AutotaskTicket),
        #[cfg(feature = "mimecast")]
        "mimecast-upgrade" => typed(&text, Page::MimecastUpgrade),
        #[cfg(feature = "mcam")]
        "mcam-new-user" => typed(&text, Page::McamNewUser),
        #[cfg(feature = "account")]
        "autotask-account" => typed(&text, Page::AutotaskAccount),
        #[cfg(feature = "site-summary")]
        "itglue-site-summary" => typed(&text, Page::ItGlueSiteSummary),
        // Left out of this build (see `Page`).
        other if Page::KINDS.contains(&other) => Err((
            "kind".into(),
            format!("this build of procguard does not read `{other}` pages"),
        )),
        other => Err(("kind".into(), format!("unknown page kind `{other}`"))),
    }
}

fn validate_customers(text: &str, value: &Value) -> Result<(), InputError> {
    let Some(customers) = value.get("customers").and_then(Value::as_array) else {
        return Ok(());
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (index, customer) in customers.iter().enumerate() {
        // A customer without an id would be written back out with `"id": ""`, and two of
        // them would then be refused as duplicates: an id is required, as CONTEXT.md says.
        let id = customer
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if id.trim().is_empty() {
            let name = customer
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let who = if name.is_empty() {
                "a customer".to_string()
            } else {
                format!("customer `{name}`")
            };
            return Err(located(
                text,
                &format!("customers[{index}].id"),
                format!("{who} has no `id`"),
                Some("each customer needs its own `id`, a stable key such as `acme`".into()),
            ));
        }
        if let Some(first) = seen.insert(id, index) {
            return Err(located(
                text,
                &format!("customers[{index}].id"),
                format!("duplicate customer id `{id}` (also `customers[{first}]`)"),
                Some("each customer needs its own `id`".into()),
            ));
        }
    }
    Ok(())
}

fn validate_sla(text: &str, value: &Value) -> Result<(), InputError> {
    let Some(sla) = value
        .pointer("/msp/helpdesk_vendor/sla_minutes")
        .and_then(Value::as_object)
    else {
        return Ok(());
    };
    for (priority, minutes) in sla {
        if minutes.as_u64().is_none() {
            return Err(located(
                text,
                &format!("msp.helpdesk_vendor.sla_minutes.{priority}"),
                format!(
                    "the response time for `{priority}` is `{minutes}`, not a number of minutes"
                ),
                Some("write whole minutes, for example `\"High\": 60`".into()),
            ));
        }
    }
    Ok(())
}

/// An error at a field path, placed at that field's value in the text where it is found.
fn located(text: &str, path: &str, message: String, help: Option<String>) -> InputError {
    // A missing field is placed at the nearest enclosing value the text has.
    let mut place = path;
    let (line, column) = loop {
        if let Some(found) = position_of(text, place) {
            break found;
        }
        match place.rfind(['.', '[']) {
            Some(cut) => place = &place[..cut],
            None => break (1, 1),
        }
    };
    InputError {
        line,
        column,
        path: path.to_string(),
        message,
        help,
    }
}

/// serde_json's message without its " at line L column C" tail, in plain words.
fn plain_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => full.as_str(),
    };
    let mut message = message.to_string();
    for (rust, plain) in [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected an object"),
        ("invalid type: map", "invalid type: object"),
        ("invalid type: sequence", "invalid type: list"),
        (
            "expected internally tagged enum Page",
            "expected a page object with `kind`",
        ),
    ] {
        message = message.replace(rust, plain);
    }
    if let Some(at) = message.find("expected struct ") {
        message.truncate(at);
        message.push_str("expected an object");
    }
    message
}

// ---------------------------------------------------------------------------------------
// Positions and paths in JSON text. A small scanner: it tracks the open objects and
// arrays, so that an error's line and column give a field path and a path gives a place.

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (number, content) in text.split_inclusive('\n').enumerate() {
        if number + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += content.len();
    }
    text.len()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array {
        index: usize,
    },
}

fn render(stack: &[Frame]) -> String {
    let mut path = String::new();
    for frame in stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Walks `text`, calling `at_value(offset, path)` at the start of every value, until
/// `stop` (a byte offset) is reached; returns the path open at that point.
fn scan(text: &str, stop: usize, mut at_value: impl FnMut(usize, &str) -> bool) -> String {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() && i < stop {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let expecting_key = matches!(
            stack.last(),
            Some(Frame::Object {
                expect_key: true,
                ..
            })
        );
        match b {
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key, expect_key }) => {
                        *key = None;
                        *expect_key = true;
                    }
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
                i += 1;
            }
            b':' => {
                if let Some(Frame::Object { expect_key, .. }) = stack.last_mut() {
                    *expect_key = false;
                }
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                i += 1;
            }
            b'"' if expecting_key => {
                let end = string_end(bytes, i);
                // Raw bytes: a broken text may end inside a character.
                let raw = &bytes[i..end.min(bytes.len())];
                let key: String = serde_json::from_slice(raw).unwrap_or_else(|_| {
                    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
                    String::from_utf8_lossy(inner).to_string()
                });
                if let Some(Frame::Object { key: slot, .. }) = stack.last_mut() {
                    *slot = Some(key);
                }
                i = end;
            }
            _ => {
                if at_value(i, &render(&stack)) {
                    return render(&stack);
                }
                match b {
                    b'{' => {
                        stack.push(Frame::Object {
                            key: None,
                            expect_key: true,
                        });
                        i += 1;
                    }
                    b'[' => {
                        stack.push(Frame::Array { index: 0 });
                        i += 1;
                    }
                    b'"' => i = string_end(bytes, i),
                    _ => {
                        while i < bytes.len() && !b",:]} \t\r\n".contains(&bytes[i]) {
                            i += 1;
                        }
                    }
                }
            }
        }
    }
    // An empty array open at the stop has no element yet: name the array itself.
    render(&stack)
}

/// The offset just after the string starting at `start` (a quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The field path open at a byte offset of the text.
pub(crate) fn path_at(text: &str, offset: usize) -> String {
    scan(text, offset, |_, _| false)
}

/// Line and column of the value at `path`, when the text has it.
pub(crate) fn position_of(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut found = None;
    scan(text, text.len(), |offset, at| {
        if at == path {
            found = Some(offset);
            true
        } else {
            false
        }
    });
    found.map(|offset| line_column(text, offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_at_names_the_nested_field() {
        let text = "{\n \"customers\": [\n  {\"id\": \"a\"},\n  {\"subscriptions\": [{\"term\": \"weekly\"}]}\n ]\n}";
        let offset = text.find("weekly").unwrap();
        assert_eq!(path_at(text, offset), "customers[1].subscriptions[0].term");
        assert_eq!(
            position_of(text, "customers[1].subscriptions[0].term"),
            Some((4, 31))
        );
    }
}
