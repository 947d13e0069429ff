//! Texts filled in from a template, without `core::fmt` (issue 8: the content script's
//! payload).
//!
//! `format!` and `write!` bring `core::fmt`'s machinery (its argument tables, padding and
//! integer formatting: about 4 KB of every content-script module before gzip) for what the
//! checks and readers write: strings, names and whole numbers put into a sentence, never
//! padded, aligned or in another base. [`fill!`] makes a new `String` of a template whose
//! every `{}` is the next argument, [`put!`] adds one to a `String`; an argument is anything
//! [`Put`]. Unlike `format!`, the arguments are never named inside the template and `{{` is
//! not an escape: a template is plain text and `{}`.
//!
//! ```
//! use procguard_core::{fill, put};
//!
//! let seats = 3u32;
//! let mut message = fill!("the {} seats", seats);
//! put!(message; " of `{}`", "Visio Plan 2");
//! assert_eq!(message, "the 3 seats of `Visio Plan 2`");
//! ```
//!
//! Why a template and not the pieces one after another: each piece of a sentence written by
//! its own call cost more code than `core::fmt`'s argument tables (the Pax8 module's checks
//! grew by a tenth), where a template is one string of data whose arguments are a list of
//! references, as `fmt::Arguments` is, filled by one function.

/// An argument of [`fill!`] or [`put!`].
pub trait Put {
    /// Adds the argument to the end of `out`.
    fn put(&self, out: &mut String);
}

impl Put for str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Put for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Put for char {
    fn put(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Put + ?Sized> Put for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

impl<T: Put + ?Sized> Put for &mut T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
}

/// A JSON value as JSON, as its `Display` writes it (serde_json's writer, not `core::fmt`).
impl Put for serde_json::Value {
    fn put(&self, out: &mut String) {
        out.push_str(&serde_json::to_string(self).unwrap_or_default());
    }
}

// Numbers as `Display` writes them, by the writers of the findings' numbers: one copy of
// the digit loop for every width.
macro_rules! put_unsigned {
    ($($t:ty),*) => {$(
        impl Put for $t {
            fn put(&self, out: &mut String) {
                crate::engine::push_unsigned(out, *self as u64);
            }
        }
    )*};
}
put_unsigned!(u8, u16, u32, u64, usize);

macro_rules! put_signed {
    ($($t:ty),*) => {$(
        impl Put for $t {
            fn put(&self, out: &mut String) {
                crate::engine::push_number(out, *self as i64);
            }
        }
    )*};
}
put_signed!(i8, i16, i32, i64, isize);

/// Adds `template` to `out`, each `{}` in it replaced by the next of `args` (a `{}` past the
/// last argument by nothing). What [`fill!`] and [`put!`] call.
pub fn fill_in(out: &mut String, template: &str, args: &[&dyn Put]) {
    // Room for the template and short arguments at once, as `format!` estimates it: grown a
    // piece at a time, the 200-line faulty cart's findings took 10-40 % longer natively.
    out.reserve(template.len() + 16 * args.len());
    let bytes = template.as_bytes();
    let mut args = args.iter();
    let (mut from, mut at) = (0, 0);
    while at + 1 < bytes.len() {
        if bytes[at] == b'{' && bytes[at + 1] == b'}' {
            // `{` is ASCII: `from..at` ends on a character boundary.
            out.push_str(&template[from..at]);
            if let Some(arg) = args.next() {
                arg.put(out);
            }
            at += 2;
            from = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&template[from..]);
}

/// [`fill_in`] to a new `String`. Out of line: the new string made at every call site
/// cost more than the call.
#[inline(never)]
pub fn fill(template: &str, args: &[&dyn Put]) -> String {
    let mut out = String::new();
    fill_in(&mut out, template, args);
    out
}

/// A new `String`: the template (a string literal) with each `{}` replaced by the next
/// argument, each [`Put`].
#[macro_export]
macro_rules! fill {
    ($template:literal $(, $arg:expr)* $(,)?) => {
        $crate::fill::fill($template, &[$(&$arg as &dyn $crate::fill::Put),*])
    };
}

/// What [`put!`] writes to: a `String`, taken by method call so that a `&mut String` held in
/// a binding that is not `mut` (a parameter) is written to as `write!` would.
pub trait Sink {
    fn sink(&mut self) -> &mut String;
}

impl Sink for String {
    fn sink(&mut self) -> &mut String {
        self
    }
}

/// Adds the template (a string literal), each `{}` replaced by the next argument, to the end
/// of a `String` (or a `&mut String`).
#[macro_export]
macro_rules! put {
    ($out:expr; $template:literal $(, $arg:expr)* $(,)?) => {{
        use $crate::fill::Sink as _;
        $crate::fill::fill_in($out.sink(), $template, &[$(&$arg as &dyn $crate::fill::Put),*]);
    }};
}

#[cfg(test)]
mod tests {

    #[test]
    fn numbers_are_written_in_decimal_as_display_writes_them() {
        for n in [0u64, 1, 9, 10, 99, 100, 4_294_967_295, u64::MAX] {
            assert_eq!(fill!("{}", n), n.to_string());
        }
        for n in [0i64, -1, 7, -10, i64::MIN, i64::MAX] {
            assert_eq!(fill!("{}", n), n.to_string());
        }
        assert_eq!(fill!("{}{}{}{}", 3u8, 'x', -2i32, 5usize), "3x-25");
    }

    #[test]
    fn each_placeholder_takes_the_next_argument_and_the_rest_is_text() {
        assert_eq!(
            fill!("a {} b {}{} c", "x", String::from("y"), 1u32),
            "a x b y1 c"
        );
        assert_eq!(fill!("{}", ""), "");
        assert_eq!(fill!("«{}» ×{}", "é", 2u32), "«é» ×2");
        assert_eq!(fill!("no placeholder"), "no placeholder");
        // Not `format!`'s escapes: a lone brace is text, and a `{}` past the arguments is
        // left out.
        assert_eq!(fill!("{ } {x} }{ {}"), "{ } {x} }{ ");
        assert_eq!(fill!("{}{}", "end {"), "end {");
    }

    #[test]
    fn put_adds_to_a_string_or_a_borrowed_one() {
        let mut text = fill!("a{}", String::from("b"));
        put!(text; "{}{}", 'c', 1u32);
        let borrowed = &mut text;
        put!(borrowed; "d"); // a `&mut String` in a binding that is not `mut`
        put!(*borrowed; "{}", "e");
        assert_eq!(text, "abc1de");
    }
}
