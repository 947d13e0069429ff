//! A small JSON writer for serde's `Serialize`, writing what `serde_json::to_string` writes
//! (compact) for every type of the result: the page as read, cart lines, diagnostics.
//!
//! Why not serde_json's: its writer goes through `std::io::Write` (and with it std's I/O error
//! texts) and carries a float formatter with its tables, a few KB of every content-script
//! module (issue 8) for values that never occur there: no field of a page is a fraction.
//! A fraction is therefore refused (`Unwritable`), never written differently.
//! `crates/core/tests/json_out.rs` holds the output to serde_json's on every fixture page.

use std::fmt;

use serde::ser::{self, Serialize};

use crate::engine::{push_json_string, push_number};

/// A value this writer does not write: a fraction, or a map key that is not a string or a
/// whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwritable(&'static str);

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    // The message is dropped on purpose: formatting it would bring `fmt` into every
    // caller for errors the types written here never raise.
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Unwritable("a value serde could not write")
    }
}

type Result<T = ()> = std::result::Result<T, Unwritable>;

/// Appends `value` as compact JSON.
pub fn write_json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result {
    value.serialize(&mut Writer { out })
}

/// `value` as compact JSON.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut out = String::new();
    write_json(&mut out, value)?;
    Ok(out)
}

struct Writer<'a> {
    out: &'a mut String,
}

/// A list or an object under way: a `,` before each item but the first, `close` at the end.
pub struct Compound<'a, 'b> {
    w: &'b mut Writer<'a>,
    first: bool,
    close: &'static str,
}

impl<'a> Writer<'a> {
    fn begin<'b>(&'b mut self, open: &str, close: &'static str) -> Compound<'a, 'b> {
        self.out.push_str(open);
        Compound {
            w: self,
            first: true,
            close,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant(&mut self, variant: &str) {
        self.out.push('{');
        push_json_string(self.out, variant);
        self.out.push(':');
    }
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.comma();
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.comma();
        push_json_string(self.w.out, key);
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }

    fn finish(self) -> Result {
        self.w.out.push_str(self.close);
        Ok(())
    }
}

/// Serializer methods that write a narrower integer as an `i64`.
macro_rules! widen_to_i64 {
    ($($method:ident: $t:ty),+) => {$(
        fn $method(self, v: $t) -> Result {
            self.serialize_i64(v.into())
        }
    )+};
}

impl<'a, 'b> ser::Serializer for &'b mut Writer<'a> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    // Every narrower integer is written as an `i64`.
    widen_to_i64!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);

    fn serialize_i64(self, v: i64) -> Result {
        push_number(self.out, v);
        Ok(())
    }

    fn serialize_u64(self, v: u64) -> Result {
        self.out
            .push_str(std::str::from_utf8(crate::decimal(v, &mut [0; 20])).unwrap_or_default());
        Ok(())
    }

    fn serialize_f32(self, _v: f32) -> Result {
        Err(Unwritable("a fraction"))
    }

    fn serialize_f64(self, _v: f64) -> Result {
        Err(Unwritable("a fraction"))
    }

    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result {
        push_json_string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut list = self.begin("[", "]");
        for byte in v {
            list.item(byte)?;
        }
        list.finish()
    }

    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(self.begin("[", "]"))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.begin("[", "]"))
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.begin("[", "]"))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.variant(variant);
        Ok(self.begin("[", "]}"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b>> {
        Ok(self.begin("{", "}"))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, 'b>> {
        Ok(self.begin("{", "}"))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b>> {
        self.variant(variant);
        Ok(self.begin("{", "}}"))
    }
}

/// The list kinds serde distinguishes are all written as a JSON list.
macro_rules! list_compound {
    ($($kind:ident :: $method:ident),+) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Unwritable;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }

            fn end(self) -> Result {
                self.finish()
            }
        }
    )+};
}

list_compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;

    /// A key as serde_json writes one: a string as it is, a whole number in quotes.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.comma();
        let mut text = String::new();
        key.serialize(&mut Writer { out: &mut text })?;
        let number = !text.is_empty()
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'-'));
        if text.starts_with('"') {
            self.w.out.push_str(&text);
        } else if number {
            self.w.out.push('"');
            self.w.out.push_str(&text);
            self.w.out.push('"');
        } else {
            return Err(Unwritable(
                "a map key that is not a string or a whole number",
            ));
        }
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

/// A struct, or a struct variant's content, is written as a JSON object.
macro_rules! struct_compound {
    ($($kind:ident),+) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Unwritable;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }

            fn end(self) -> Result {
                self.finish()
            }
        }
    )+};
}

struct_compound!(SerializeStruct, SerializeStructVariant);
