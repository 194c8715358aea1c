//! Terminal fitting: widths, truncation with one `…`, escaping of control characters.

use super::*;

/// Length in characters (not bytes).
pub(super) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Cuts `s` to at most `width` characters, marking the cut with a single `…`.
pub(super) fn truncate(s: &str, width: usize, ellipsis: Ellipsis) -> Cow<'_, str> {
    let len = char_len(s);
    if len <= width {
        return Cow::Borrowed(s);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    let keep = width - 1;
    let mut out = String::with_capacity(keep * 4 + ELLIPSIS.len_utf8());
    match ellipsis {
        Ellipsis::End => {
            out.extend(s.chars().take(keep));
            out.push(ELLIPSIS);
        }
        Ellipsis::Start => {
            out.push(ELLIPSIS);
            out.extend(s.chars().skip(len - keep));
        }
    }
    Cow::Owned(out)
}

/// Shrinks the widest columns first, one character at a time, until the line (cells plus
/// separators) fits in `terminal_width` or every column is at its minimum
/// (`min(natural, MIN_COLUMN_WIDTH)`). Never widens.
pub(super) fn fit_widths(mut widths: Vec<usize>, terminal_width: usize) -> Vec<usize> {
    let seps = widths.len().saturating_sub(1) * SEPARATOR.len();
    let mins: Vec<usize> = widths.iter().map(|&w| w.min(MIN_COLUMN_WIDTH)).collect();
    let mut total: usize = widths.iter().sum::<usize>() + seps;
    while total > terminal_width {
        // The widest column that can still shrink; on ties the rightmost one, since
        // the leftmost columns usually identify the record.
        let widest = widths
            .iter()
            .zip(&mins)
            .enumerate()
            .filter(|(_, (w, m))| w > m)
            .max_by_key(|&(i, (w, _))| (*w, i))
            .map(|(i, _)| i);
        match widest {
            Some(i) => {
                widths[i] -= 1;
                total -= 1;
            }
            None => break,
        }
    }
    widths
}

/// Some(width) only if stdout is a tty (TIOCGWINSZ, fall back to $COLUMNS, else 80).
pub fn terminal_width() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    if let Some(cols) = ioctl_width() {
        return Some(cols);
    }
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    Some(from_env.unwrap_or(80))
}

/// The column count of the terminal on stdout, from TIOCGWINSZ.
pub(super) fn ioctl_width() -> Option<usize> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes a `struct winsize` through the pointer, which points to a
    // live, properly aligned `libc::winsize` owned by this frame; fd 1 is only queried, and
    // an invalid fd just makes the call fail with -1.
    let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    (rc == 0 && ws.ws_col > 0).then_some(usize::from(ws.ws_col))
}

use crate::escape::is_bidi_control;
pub(crate) use crate::escape::needs_escape;

/// Escape text for a terminal cell: control chars (C0, DEL, C1) and escape sequences are shown
/// as \xNN / \e / \n / \t (also \r), never sent raw; bidirectional formatting characters are
/// shown as \u{XXXX}; printable Unicode is kept. Backslashes are kept as they are.
pub fn escape_cell(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            // C0, DEL and C1 are all below U+0100.
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", u32::from(c))),
            c if is_bidi_control(c) => out.push_str(&format!("\\u{{{:04X}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}
