//! JSON (with control characters escaped) and YAML encoding of records.

use super::*;

/// Serializes `v` as JSON into a buffer, compact or indented, followed by a newline.
pub(super) fn json_bytes<T: serde::Serialize + ?Sized>(
    v: &T,
    pretty: bool,
) -> Result<Vec<u8>, OutputError> {
    let mut buf = Vec::new();
    if pretty {
        let fmt = SafeFormatter(serde_json::ser::PrettyFormatter::new());
        v.serialize(&mut serde_json::Serializer::with_formatter(&mut buf, fmt))?;
    } else {
        let fmt = SafeFormatter(serde_json::ser::CompactFormatter);
        v.serialize(&mut serde_json::Serializer::with_formatter(&mut buf, fmt))?;
    }
    buf.push(b'\n');
    Ok(buf)
}

/// `Formatter` methods that write the same as the inner formatter `self.0` does.
macro_rules! delegate_to_inner {
    ($($name:ident($($arg:ident: $ty:ty)?);)*) => {
        $(
            fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)?) -> std::io::Result<()> {
                self.0.$name(w $(, $arg)?)
            }
        )*
    };
}

/// A JSON formatter that, on top of serde_json's escaping of C0 controls, also writes DEL
/// and C1 controls (U+007F..=U+009F, which include the one-byte CSI U+009B) and the
/// bidirectional formatting characters as `\uXXXX`, so the JSON modes never put a raw control
/// character on a terminal either. The output stays
/// valid JSON and parses back to the same strings.
pub(super) struct SafeFormatter<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeFormatter<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                self.0.write_string_fragment(writer, &fragment[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        self.0.write_string_fragment(writer, &fragment[start..])
    }

    // Structure is delegated, so the inner formatter's layout (compact or pretty) is kept.
    delegate_to_inner! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }
}

/// Serializes `v` as one YAML document (without the leading `---`), ending with a newline,
/// through the one YAML writer ([`crate::yaml`]), which escapes control and bidirectional
/// formatting characters.
pub(super) fn yaml_document<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, OutputError> {
    Ok(crate::yaml::to_string(&serde_json::to_value(v)?))
}
