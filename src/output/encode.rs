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
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Serializes `v` as one YAML document (without the leading `---`), ending with a newline,
/// through the one YAML writer ([`crate::yaml`]), which escapes control and bidirectional
/// formatting characters.
pub(super) fn yaml_document<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, OutputError> {
    Ok(crate::yaml::to_string(&serde_json::to_value(v)?))
}
