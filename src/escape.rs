//! Characters that never reach a terminal or a document raw: control characters and the
//! bidirectional formatting characters that reorder how following text is shown (Trojan Source).

/// Bidirectional formatting characters: they reorder how the following text is displayed, so
/// they are escaped along with control characters.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` is written escaped by every output mode: a control character (C0, DEL, C1) or a
/// bidirectional formatting character.
pub(crate) fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}
