//! Output formatting shared by all gadgets: columns, json (one object per line), jsonpretty, yaml.
//!
//! Every gadget turns its events into `serde_json::Value` objects and hands them to a
//! [`Printer`], which renders them in the [`Mode`] the user picked:
//!
//! * [`Mode::Columns`]: a live, aligned table. The column set comes from the gadget's
//!   [`Column`] definitions filtered by [`select_columns`] (ig's `--fields`). On a terminal the
//!   columns are fitted to its width and long cells are truncated with a single `…`; when
//!   stdout is not a terminal nothing is ever truncated, so scripts never lose data.
//! * [`Mode::Json`]: one compact JSON object per line (JSON lines).
//! * [`Mode::JsonPretty`]: one indented JSON object per record.
//! * [`Mode::Yaml`]: one YAML document (`---`) per record.
//!
//! The JSON and YAML modes always print the whole record; the column selection only shapes
//! the columns mode. Cell text in the columns mode goes through [`escape_cell`], so control
//! characters and terminal escape sequences coming from traced processes are never sent raw
//! to the terminal. The JSON modes use serde_json's escaping (`\u001b`), extended to DEL and
//! C1 controls (`\u007f`, `\u009b`); the YAML mode relies on yaml_serde, which writes such
//! strings as double-quoted scalars (`"\e"`, `"\x7F"`, `"\x9B"`, `"\N"`).

use std::borrow::Cow;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::str::FromStr;

use serde_json::Value;

/// Separator placed between two cells of the columns mode.
const SEPARATOR: &str = " ";

/// Columns are never shrunk below this many characters to fit the terminal (a column whose
/// natural width is smaller keeps its natural width).
pub const MIN_COLUMN_WIDTH: usize = 5;

/// The truncation marker: a single character.
const ELLIPSIS: char = '…';

/// Errors of the output module.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// `-o` got a mode that doesn't exist.
    #[error("unknown output mode \"{name}\": valid modes are {}", Mode::VALID.join(", "))]
    UnknownMode {
        /// What the user typed.
        name: String,
    },
    /// `--fields` named a column that doesn't exist.
    #[error("unknown field \"{name}\": valid fields are {}", valid.join(", "))]
    UnknownField {
        /// What the user typed (without its `+`/`-` prefix).
        name: String,
        /// The names that would have been accepted.
        valid: Vec<String>,
    },
    /// `--fields` ended up with no column at all (e.g. every default was removed).
    #[error("no fields selected: valid fields are {}", valid.join(", "))]
    NoFields {
        /// The names that would have been accepted.
        valid: Vec<String>,
    },
    /// Writing the output failed (e.g. a closed pipe).
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// Serializing a record as JSON failed.
    #[error("serializing record as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// How records are rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Aligned columns, one line per record.
    Columns,
    /// One compact JSON object per line.
    Json,
    /// One indented JSON object per record.
    JsonPretty,
    /// One YAML document per record.
    Yaml,
}

impl Mode {
    /// The accepted spellings, in the order they are listed in error messages and help.
    pub const VALID: [&'static str; 4] = ["columns", "json", "jsonpretty", "yaml"];

    /// The canonical name of the mode (what [`FromStr`] accepts).
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Columns => "columns",
            Mode::Json => "json",
            Mode::JsonPretty => "jsonpretty",
            Mode::Yaml => "yaml",
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = OutputError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "columns" => Ok(Mode::Columns),
            "json" => Ok(Mode::Json),
            "jsonpretty" => Ok(Mode::JsonPretty),
            "yaml" => Ok(Mode::Yaml),
            _ => Err(OutputError::UnknownMode { name: s.to_owned() }),
        }
    }
}

/// Where a too-long cell loses its characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ellipsis {
    /// Keep the end: `…_RET_LOG` (good for paths and long constant names).
    Start,
    /// Keep the start: `containe…`.
    End,
}

/// A column: header text like "RUNTIME.CONTAINERNAME", the JSON path of its value in the
/// record ("runtime.containerName", dot-separated object keys), a width hint, right-alignment
/// for numbers, whether it's shown by default, and how to truncate when it must ("…" at the
/// start, like ig shows `…_RET_LOG`, or at the end).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Header text, printed upper-cased.
    pub header: &'static str,
    /// Dot-separated object keys leading to the value in the record.
    pub path: &'static str,
    /// Width hint in characters (the header always fits, see [`Printer`]).
    pub width: usize,
    /// Right-align (numbers).
    pub align_right: bool,
    /// Part of the default column set.
    pub default_visible: bool,
    /// Where to cut when the cell must be truncated.
    pub ellipsis: Ellipsis,
}

impl Column {
    /// A left-aligned, default-visible column truncated at the end.
    pub const fn new(header: &'static str, path: &'static str, width: usize) -> Self {
        Column {
            header,
            path,
            width,
            align_right: false,
            default_visible: true,
            ellipsis: Ellipsis::End,
        }
    }

    /// The same column, right-aligned (numbers).
    pub const fn right(mut self) -> Self {
        self.align_right = true;
        self
    }

    /// The same column, hidden unless selected with `--fields`.
    pub const fn hidden(mut self) -> Self {
        self.default_visible = false;
        self
    }

    /// The same column, truncated at the start (`…_RET_LOG`).
    pub const fn ellipsis_start(mut self) -> Self {
        self.ellipsis = Ellipsis::Start;
        self
    }

    /// Whether `name` designates this column: its header (case-insensitively) or its JSON
    /// path (also case-insensitively, since headers are usually the upper-cased path).
    fn matches(&self, name: &str) -> bool {
        self.header.eq_ignore_ascii_case(name) || self.path.eq_ignore_ascii_case(name)
    }

    /// The value of this column in `rec`, `None` when absent.
    fn lookup<'a>(&self, rec: &'a Value) -> Option<&'a Value> {
        lookup_path(rec, self.path)
    }

    /// The text of this column's cell for `rec`, already escaped for a terminal.
    fn cell(&self, rec: &Value) -> String {
        cell_text(self.lookup(rec))
    }

    /// Header text as printed: upper-cased and escaped.
    fn header_text(&self) -> String {
        escape_cell(&self.header.to_uppercase()).into_owned()
    }
}

/// Follows dot-separated object keys. An empty path designates the record itself.
fn lookup_path<'a>(rec: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(rec);
    }
    path.split('.')
        .try_fold(rec, |v, key| v.as_object()?.get(key))
}

/// Renders a value as a cell: strings as-is (escaped), numbers in decimal, booleans as
/// true/false, null/missing as empty, objects and arrays as compact JSON.
fn cell_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => escape_cell(s).into_owned(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        // `Value`'s Display is compact JSON and cannot fail; JSON already escapes C0
        // controls, escape_cell takes care of DEL, C1 and bidi controls.
        Some(v @ (Value::Array(_) | Value::Object(_))) => escape_cell(&v.to_string()).into_owned(),
    }
}

/// Names accepted by `--fields`, for error messages: the JSON paths, in definition order.
fn valid_names(all: &[Column]) -> Vec<String> {
    all.iter().map(|c| c.path.to_owned()).collect()
}

/// Column selection like ig's `--fields`: "a,b,c" replaces the default set; "+x,-y"
/// adds/removes from the default set (tokens may mix; all-plus/minus means modify defaults).
/// Match headers case-insensitively; accept also the JSON path. Unknown names -> error
/// listing the valid ones.
///
/// Details:
/// * `None`, or a spec with only blanks and commas, selects the default set.
/// * When every token starts with `+` or `-`, the defaults are modified and the result keeps
///   the definition order of `all`.
/// * Otherwise the plain (and `+`) tokens build the set in the order given, and `-` tokens
///   remove from it. Duplicates are ignored.
/// * A selection that ends up empty is an error.
pub fn select_columns<'a>(
    all: &'a [Column],
    spec: Option<&str>,
) -> Result<Vec<&'a Column>, OutputError> {
    let tokens: Vec<&str> = spec
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();

    let find = |name: &str| -> Result<usize, OutputError> {
        all.iter()
            .position(|c| c.matches(name))
            .ok_or_else(|| OutputError::UnknownField {
                name: name.to_owned(),
                valid: valid_names(all),
            })
    };

    let modify_defaults = tokens
        .iter()
        .all(|t| t.starts_with('+') || t.starts_with('-'));

    let selected: Vec<&Column> = if modify_defaults {
        let mut shown: Vec<bool> = all.iter().map(|c| c.default_visible).collect();
        for t in &tokens {
            let (add, name) = split_sign(t);
            shown[find(name)?] = add;
        }
        all.iter()
            .zip(shown)
            .filter_map(|(c, s)| s.then_some(c))
            .collect()
    } else {
        let mut order: Vec<usize> = Vec::new();
        for t in &tokens {
            let (add, name) = split_sign(t);
            let i = find(name)?;
            if add {
                if !order.contains(&i) {
                    order.push(i);
                }
            } else {
                order.retain(|&j| j != i);
            }
        }
        order.into_iter().map(|i| &all[i]).collect()
    };

    if selected.is_empty() {
        return Err(OutputError::NoFields {
            valid: valid_names(all),
        });
    }
    Ok(selected)
}

/// `"+x"` -> (true, "x"), `"-x"` -> (false, "x"), `"x"` -> (true, "x").
fn split_sign(token: &str) -> (bool, &str) {
    if let Some(rest) = token.strip_prefix('+') {
        (true, rest.trim())
    } else if let Some(rest) = token.strip_prefix('-') {
        (false, rest.trim())
    } else {
        (true, token)
    }
}

/// A printer for a stream of records (serde_json::Value objects).
///
/// In the columns mode each column is first as wide as the larger of its width hint and its
/// header. With a terminal width, the widest columns are then shrunk (never below
/// [`MIN_COLUMN_WIDTH`]) until the line fits, and cells are truncated to their column with a
/// single `…`; extra room is left unused. Without a terminal width nothing is truncated:
/// longer cells are printed whole and push the following cells to the right.
pub struct Printer<W: Write> {
    out: W,
    mode: Mode,
    columns: Vec<Column>,
    terminal_width: Option<usize>,
    /// Widths of the stream layout (hints fitted to the terminal).
    widths: Vec<usize>,
    header_done: bool,
}

impl<W: Write> Printer<W> {
    /// `terminal_width`: Some(cols) when stdout is a terminal (then columns are sized and
    /// truncated to fit), None otherwise (then no truncation: each column is at least its
    /// width hint and longer values are printed whole, so scripts never lose data).
    pub fn new(out: W, mode: Mode, columns: Vec<Column>, terminal_width: Option<usize>) -> Self {
        let natural: Vec<usize> = columns
            .iter()
            .map(|c| c.width.max(char_len(&c.header_text())).max(1))
            .collect();
        let widths = match terminal_width {
            Some(tw) => fit_widths(natural, tw),
            None => natural,
        };
        Printer {
            out,
            mode,
            columns,
            terminal_width,
            widths,
            header_done: false,
        }
    }

    /// Gives the writer back (a buffer in tests and the fuzz targets).
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Write one record. Columns: one line per record (the header is printed first if
    /// [`header`](Self::header) wasn't called yet). Json: one compact object per line.
    /// JsonPretty: indented object per record. Yaml: "---\n" then the document, per record.
    /// Flushes after each record (it's a live stream).
    pub fn record(&mut self, rec: &Value) -> Result<(), OutputError> {
        match self.mode {
            Mode::Columns => {
                if !self.header_done {
                    self.write_header_line()?;
                }
                let cells: Vec<String> = self.columns.iter().map(|c| c.cell(rec)).collect();
                let line = self.layout_line(&cells, &self.widths);
                self.out.write_all(line.as_bytes())?;
            }
            Mode::Json => {
                let buf = json_bytes(rec, false)?;
                self.out.write_all(&buf)?;
            }
            Mode::JsonPretty => {
                let buf = json_bytes(rec, true)?;
                self.out.write_all(&buf)?;
            }
            Mode::Yaml => {
                let doc = format!("---\n{}", yaml_document(rec)?);
                self.out.write_all(doc.as_bytes())?;
            }
        }
        self.out.flush()?;
        Ok(())
    }

    /// Print the column header (columns mode only; no-op otherwise, and when already printed).
    /// Call it when the stream starts so the header shows even before the first event.
    pub fn header(&mut self) -> Result<(), OutputError> {
        if self.mode == Mode::Columns && !self.header_done {
            self.write_header_line()?;
            self.out.flush()?;
        }
        Ok(())
    }

    /// Render a whole, finite table at once (e.g. list-containers): columns sized to the
    /// content (and to terminal width when given), header included even with no row; json and
    /// jsonpretty print one JSON array, yaml one YAML sequence. Independent of the stream
    /// state ([`header`](Self::header) / [`record`](Self::record)).
    pub fn table(&mut self, recs: &[Value]) -> Result<(), OutputError> {
        match self.mode {
            Mode::Columns => {
                let headers: Vec<String> = self.columns.iter().map(Column::header_text).collect();
                let rows: Vec<Vec<String>> = recs
                    .iter()
                    .map(|r| self.columns.iter().map(|c| c.cell(r)).collect())
                    .collect();
                let mut widths: Vec<usize> = headers.iter().map(|h| char_len(h).max(1)).collect();
                for row in &rows {
                    for (w, cell) in widths.iter_mut().zip(row) {
                        *w = (*w).max(char_len(cell));
                    }
                }
                if let Some(tw) = self.terminal_width {
                    widths = fit_widths(widths, tw);
                }
                let mut text = self.layout_line(&headers, &widths);
                for row in &rows {
                    text.push_str(&self.layout_line(row, &widths));
                }
                self.out.write_all(text.as_bytes())?;
            }
            Mode::Json => {
                let buf = json_bytes(recs, false)?;
                self.out.write_all(&buf)?;
            }
            Mode::JsonPretty => {
                let buf = json_bytes(recs, true)?;
                self.out.write_all(&buf)?;
            }
            Mode::Yaml => {
                let doc = yaml_document(&recs)?;
                self.out.write_all(doc.as_bytes())?;
            }
        }
        self.out.flush()?;
        Ok(())
    }

    fn write_header_line(&mut self) -> Result<(), OutputError> {
        let headers: Vec<String> = self.columns.iter().map(Column::header_text).collect();
        let line = self.layout_line(&headers, &self.widths);
        self.out.write_all(line.as_bytes())?;
        self.header_done = true;
        Ok(())
    }

    /// Lays out one line (with its trailing newline) of already-escaped cells. Cells are
    /// truncated to their width only when a terminal width is known. The last cell is not
    /// padded on the right, so lines carry no trailing blanks.
    fn layout_line(&self, cells: &[String], widths: &[usize]) -> String {
        let mut line = String::new();
        let last = self.columns.len().saturating_sub(1);
        for (i, ((col, cell), &width)) in self.columns.iter().zip(cells).zip(widths).enumerate() {
            if i > 0 {
                line.push_str(SEPARATOR);
            }
            let text = if self.terminal_width.is_some() {
                truncate(cell, width, col.ellipsis)
            } else {
                Cow::Borrowed(cell.as_str())
            };
            let pad = width.saturating_sub(char_len(&text));
            if col.align_right {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(&text);
            } else {
                line.push_str(&text);
                if i != last {
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
        }
        line.push('\n');
        line
    }
}

/// Serializes `v` as JSON into a buffer, compact or indented, followed by a newline.
fn json_bytes<T: serde::Serialize + ?Sized>(v: &T, pretty: bool) -> Result<Vec<u8>, OutputError> {
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
struct SafeFormatter<F>(F);

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
fn yaml_document<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, OutputError> {
    Ok(crate::yaml::to_string(&serde_json::to_value(v)?))
}

/// Length in characters (not bytes).
fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Cuts `s` to at most `width` characters, marking the cut with a single `…`.
fn truncate(s: &str, width: usize, ellipsis: Ellipsis) -> Cow<'_, str> {
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
fn fit_widths(mut widths: Vec<usize>, terminal_width: usize) -> Vec<usize> {
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
fn ioctl_width() -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    const COLS: [Column; 4] = [
        Column::new("RUNTIME.CONTAINERNAME", "runtime.containerName", 16),
        Column::new("PID", "proc.pid", 7).right(),
        Column::new("SYSCALL", "syscall", 12).ellipsis_start(),
        Column::new("COMM", "proc.comm", 10).hidden(),
    ];

    fn recs() -> Vec<Value> {
        vec![
            json!({"runtime": {"containerName": "web"}, "proc": {"pid": 42, "comm": "nginx"},
                   "syscall": "openat"}),
            json!({"runtime": {"containerName": "a-very-long-container-name"},
                   "proc": {"pid": 1234567, "comm": "bash"},
                   "syscall": "SCMP_ACT_RET_LOG"}),
        ]
    }

    fn visible(spec: Option<&str>) -> Vec<Column> {
        select_columns(&COLS, spec)
            .expect("valid spec")
            .into_iter()
            .cloned()
            .collect()
    }

    fn stream(mode: Mode, cols: Vec<Column>, tw: Option<usize>, recs: &[Value]) -> String {
        let mut p = Printer::new(Vec::new(), mode, cols, tw);
        p.header().expect("header");
        for r in recs {
            p.record(r).expect("record");
        }
        String::from_utf8(p.into_inner()).expect("utf-8")
    }

    fn table(mode: Mode, cols: Vec<Column>, tw: Option<usize>, recs: &[Value]) -> String {
        let mut p = Printer::new(Vec::new(), mode, cols, tw);
        p.table(recs).expect("table");
        String::from_utf8(p.into_inner()).expect("utf-8")
    }

    fn names(cols: &[&Column]) -> Vec<&'static str> {
        cols.iter().map(|c| c.header).collect()
    }

    #[test]
    fn mode_parse() {
        assert_eq!("columns".parse::<Mode>().ok(), Some(Mode::Columns));
        assert_eq!("json".parse::<Mode>().ok(), Some(Mode::Json));
        assert_eq!("JsonPretty".parse::<Mode>().ok(), Some(Mode::JsonPretty));
        assert_eq!("yaml".parse::<Mode>().ok(), Some(Mode::Yaml));
        let err = "xml".parse::<Mode>().expect_err("invalid");
        assert_eq!(
            err.to_string(),
            "unknown output mode \"xml\": valid modes are columns, json, jsonpretty, yaml"
        );
        for m in Mode::VALID {
            assert_eq!(m.parse::<Mode>().expect("valid").to_string(), m);
        }
    }

    #[test]
    fn columns_stream_no_terminal() {
        // Not a terminal: widths are max(hint, header); nothing truncated.
        let out = stream(Mode::Columns, visible(None), None, &recs());
        let want = "\
RUNTIME.CONTAINERNAME     PID SYSCALL
web                        42 openat
a-very-long-container-name 1234567 SCMP_ACT_RET_LOG
";
        assert_eq!(out, want);
    }

    #[test]
    fn columns_stream_terminal_fits() {
        // Wide terminal: the hints are kept, extra room is left unused.
        let out = stream(Mode::Columns, visible(None), Some(200), &recs());
        let want = "\
RUNTIME.CONTAINERNAME     PID SYSCALL
web                        42 openat
a-very-long-containe… 1234567 …ACT_RET_LOG
";
        assert_eq!(out, want);
    }

    #[test]
    fn columns_stream_terminal_narrow() {
        // 21 + 7 + 12 + 2 = 42 > 30: the widest (container name) shrinks first down to 12,
        // then the widest ones in turn, rightmost first on ties: 11 + 7 + 10 + 2 = 30.
        let out = stream(Mode::Columns, visible(None), Some(30), &recs());
        let want = "\
RUNTIME.CO…     PID SYSCALL
web              42 openat
a-very-lon… 1234567 …T_RET_LOG
";
        assert_eq!(out, want);
        for line in out.lines() {
            assert!(char_len(line) <= 30, "{line:?}");
        }
    }

    #[test]
    fn columns_stream_minimum_width() {
        // Far too narrow: columns stop at 5 chars (PID's natural width is 7, so it shrinks
        // to 5 too), and the line overflows rather than becoming unreadable. SYSCALL keeps
        // its end, header included.
        let out = stream(Mode::Columns, visible(None), Some(4), &recs());
        let want = "\
RUNT…   PID …CALL
web      42 …enat
a-ve… 1234… …_LOG
";
        assert_eq!(out, want);
    }

    #[test]
    fn columns_header_printed_once_and_implicitly() {
        let cols = visible(Some("pid"));
        let mut p = Printer::new(Vec::new(), Mode::Columns, cols, None);
        p.record(&recs()[0]).expect("record");
        p.header().expect("header");
        p.record(&recs()[1]).expect("record");
        let out = String::from_utf8(p.into_inner()).expect("utf-8");
        assert_eq!(out, "    PID\n     42\n1234567\n");
        // Header alone, no rows.
        assert_eq!(
            stream(Mode::Columns, visible(None), None, &[]),
            "RUNTIME.CONTAINERNAME     PID SYSCALL\n"
        );
    }

    #[test]
    fn columns_table_content_sized() {
        let out = table(Mode::Columns, visible(None), None, &recs());
        let want = "\
RUNTIME.CONTAINERNAME          PID SYSCALL
web                             42 openat
a-very-long-container-name 1234567 SCMP_ACT_RET_LOG
";
        assert_eq!(out, want);
        // Same when the terminal is wide enough.
        assert_eq!(table(Mode::Columns, visible(None), Some(80), &recs()), want);
    }

    #[test]
    fn columns_table_terminal_narrow() {
        // Content widths 26 + 7 + 16 + 2 = 51 -> 12 + 7 + 11 + 2 = 32.
        let out = table(Mode::Columns, visible(None), Some(32), &recs());
        let want = "\
RUNTIME.CON…     PID SYSCALL
web               42 openat
a-very-long… 1234567 …CT_RET_LOG
";
        assert_eq!(out, want);
        for line in out.lines() {
            assert!(char_len(line) <= 32, "{line:?}");
        }
    }

    #[test]
    fn columns_table_empty_and_small_content() {
        // Empty table: header only, sized to the headers.
        let out = table(Mode::Columns, visible(Some("pid,syscall")), Some(80), &[]);
        assert_eq!(out, "PID SYSCALL\n");
        // Content narrower than the header.
        let out = table(
            Mode::Columns,
            visible(Some("pid,syscall")),
            None,
            &[json!({"proc": {"pid": 1}, "syscall": "read"})],
        );
        assert_eq!(out, "PID SYSCALL\n  1 read\n");
    }

    #[test]
    fn cell_values() {
        let cols = vec![
            Column::new("S", "s", 1),
            Column::new("N", "n", 1),
            Column::new("F", "f", 1),
            Column::new("B", "b", 1),
            Column::new("Z", "z", 1),
            Column::new("M", "missing.deep", 1),
            Column::new("O", "o", 1),
            Column::new("A", "a", 1),
        ];
        let rec = json!({"s": "x y", "n": -3, "f": 1.5, "b": true, "z": null,
                         "o": {"k": "v", "n": 1}, "a": [1, "two"]});
        let out = table(Mode::Columns, cols, None, &[rec]);
        assert_eq!(
            out,
            "S   N  F   B    Z M O               A\n\
             x y -3 1.5 true     {\"k\":\"v\",\"n\":1} [1,\"two\"]\n"
        );
    }

    #[test]
    fn unicode_widths_count_chars() {
        let cols = vec![Column::new("NAME", "name", 6), Column::new("X", "x", 1)];
        let recs = [
            json!({"name": "héllo", "x": 1}),
            json!({"name": "ünïcødé-long", "x": 2}),
        ];
        let out = stream(Mode::Columns, cols, Some(80), &recs);
        assert_eq!(out, "NAME   X\nhéllo  1\nünïcø… 2\n");
    }

    #[test]
    fn json_lines_roundtrip() {
        let out = stream(Mode::Json, visible(None), Some(80), &recs());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        for (line, want) in lines.iter().zip(recs()) {
            let got: Value = serde_json::from_str(line).expect("json line");
            assert_eq!(got, want);
        }
        // Key order is preserved (preserve_order).
        assert!(lines[0].starts_with("{\"runtime\":{\"containerName\":\"web\"},\"proc\""));
    }

    #[test]
    fn json_pretty_roundtrip() {
        let out = stream(Mode::JsonPretty, visible(None), None, &recs());
        assert!(out.starts_with("{\n  \"runtime\": {\n    \"containerName\": \"web\"\n"));
        let got: Vec<Value> = serde_json::Deserializer::from_str(&out)
            .into_iter::<Value>()
            .collect::<Result<_, _>>()
            .expect("pretty json stream");
        assert_eq!(got, recs());
    }

    #[test]
    fn yaml_documents_roundtrip() {
        let out = stream(Mode::Yaml, visible(None), None, &recs());
        assert!(out.starts_with("---\nruntime:\n  containerName: web\n"));
        assert_eq!(out.matches("---\n").count(), 2);
        let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&out)
            .map(Value::deserialize)
            .collect::<Result<_, _>>()
            .expect("yaml documents");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs, recs());
    }

    #[test]
    fn table_other_modes() {
        let r = recs();
        let out = table(Mode::Json, visible(None), None, &r);
        assert_eq!(out.lines().count(), 1);
        assert_eq!(serde_json::from_str::<Value>(&out).expect("json"), json!(r));

        let out = table(Mode::JsonPretty, visible(None), None, &r);
        assert!(out.starts_with("[\n  {\n"));
        assert_eq!(serde_json::from_str::<Value>(&out).expect("json"), json!(r));

        let out = table(Mode::Yaml, visible(None), None, &r);
        assert!(out.starts_with("- runtime:\n"));
        let back: Value = serde_yaml::from_str(&out).expect("yaml");
        assert_eq!(back, json!(r));

        assert_eq!(table(Mode::Json, visible(None), None, &[]), "[]\n");
        assert_eq!(table(Mode::Yaml, visible(None), None, &[]), "[]\n");
    }

    #[test]
    fn header_is_noop_outside_columns() {
        for mode in [Mode::Json, Mode::JsonPretty, Mode::Yaml] {
            assert_eq!(stream(mode, visible(None), None, &[]), "");
        }
    }

    #[test]
    fn select_defaults() {
        assert_eq!(
            names(&select_columns(&COLS, None).expect("ok")),
            ["RUNTIME.CONTAINERNAME", "PID", "SYSCALL"]
        );
        assert_eq!(
            names(&select_columns(&COLS, Some(" , ")).expect("ok")),
            ["RUNTIME.CONTAINERNAME", "PID", "SYSCALL"]
        );
    }

    #[test]
    fn select_replace() {
        // Headers case-insensitively, JSON paths too; user order kept; duplicates dropped.
        let sel = select_columns(&COLS, Some("comm, Syscall,proc.pid,COMM")).expect("ok");
        assert_eq!(names(&sel), ["COMM", "SYSCALL", "PID"]);
        let sel = select_columns(&COLS, Some("runtime.containername")).expect("ok");
        assert_eq!(names(&sel), ["RUNTIME.CONTAINERNAME"]);
    }

    #[test]
    fn select_add_remove() {
        let sel = select_columns(&COLS, Some("+comm")).expect("ok");
        assert_eq!(
            names(&sel),
            ["RUNTIME.CONTAINERNAME", "PID", "SYSCALL", "COMM"]
        );
        let sel = select_columns(&COLS, Some("-pid")).expect("ok");
        assert_eq!(names(&sel), ["RUNTIME.CONTAINERNAME", "SYSCALL"]);
        // Mixed +/-: defaults modified, definition order kept.
        let sel = select_columns(&COLS, Some("-runtime.containerName,+proc.comm")).expect("ok");
        assert_eq!(names(&sel), ["PID", "SYSCALL", "COMM"]);
        // Plain tokens mixed with +/-: the plain ones replace the defaults.
        let sel = select_columns(&COLS, Some("syscall,+comm,pid,-syscall")).expect("ok");
        assert_eq!(names(&sel), ["COMM", "PID"]);
    }

    #[test]
    fn select_errors() {
        let err = select_columns(&COLS, Some("pid,bogus")).expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown field \"bogus\": valid fields are runtime.containerName, proc.pid, \
             syscall, proc.comm"
        );
        let err = select_columns(&COLS, Some("+nope")).expect_err("unknown");
        assert!(err.to_string().starts_with("unknown field \"nope\": "));
        let err =
            select_columns(&COLS, Some("-pid,-syscall,-runtime.containerName")).expect_err("empty");
        assert!(err
            .to_string()
            .starts_with("no fields selected: valid fields are "));
    }

    #[test]
    fn escape_cell_cases() {
        assert!(matches!(escape_cell("plain ✓ 日本"), Cow::Borrowed(_)));
        assert_eq!(escape_cell("a\u{1b}[31mred"), "a\\e[31mred");
        assert_eq!(escape_cell("l1\nl2\tx\ry"), "l1\\nl2\\tx\\ry");
        assert_eq!(escape_cell("\u{0}\u{7}\u{7f}"), "\\x00\\x07\\x7F");
        assert_eq!(escape_cell("\u{85}\u{9b}"), "\\x85\\x9B");
        assert_eq!(escape_cell("a\u{202e}b"), "a\\u{202E}b");
        assert_eq!(escape_cell("back\\slash é"), "back\\slash é");
    }

    #[test]
    fn truncate_cases() {
        assert_eq!(truncate("abcdef", 6, Ellipsis::End), "abcdef");
        assert_eq!(truncate("abcdef", 4, Ellipsis::End), "abc…");
        assert_eq!(truncate("abcdef", 4, Ellipsis::Start), "…def");
        assert_eq!(truncate("abcdef", 1, Ellipsis::Start), "…");
        assert_eq!(truncate("abcdef", 0, Ellipsis::End), "");
        assert_eq!(truncate("ééééé", 3, Ellipsis::End), "éé…");
    }

    #[test]
    fn fit_widths_cases() {
        assert_eq!(fit_widths(vec![10, 20, 30], 100), [10, 20, 30]);
        // 60 + 2 = 62 -> 40: shrink widest until level, then both.
        assert_eq!(fit_widths(vec![10, 20, 30], 40), [10, 14, 14]);
        assert_eq!(fit_widths(vec![3, 20, 30], 0), [3, 5, 5]);
        assert_eq!(fit_widths(Vec::new(), 10), Vec::<usize>::new());
    }

    #[test]
    fn esc_never_raw_in_any_mode() {
        let nasty = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{7f}\u{85}\nx";
        let rec = json!({
            "runtime": {"containerName": nasty},
            "proc": {"pid": 1, "comm": nasty},
            "syscall": {"nested": nasty},
            nasty: "key too",
        });
        let cols: Vec<Column> = COLS.to_vec();
        for mode in [Mode::Columns, Mode::Json, Mode::JsonPretty, Mode::Yaml] {
            for tw in [None, Some(80), Some(10)] {
                let outs = [
                    stream(mode, cols.clone(), tw, std::slice::from_ref(&rec)),
                    table(mode, cols.clone(), tw, std::slice::from_ref(&rec)),
                ];
                for out in outs {
                    for c in out.chars() {
                        assert!(
                            c == '\n' || !c.is_control(),
                            "{mode} {tw:?}: raw {c:?} in {out:?}"
                        );
                    }
                    // Each record still takes exactly one line in the line-based modes.
                    if matches!(mode, Mode::Columns | Mode::Json) {
                        assert_eq!(
                            out.lines().count(),
                            if mode == Mode::Columns { 2 } else { 1 }
                        );
                    }
                }
            }
        }
        // And the data survives the round trip in the machine-readable modes.
        let out = stream(Mode::Yaml, cols.clone(), None, std::slice::from_ref(&rec));
        let docs: Vec<Value> = serde_yaml::Deserializer::from_str(&out)
            .map(Value::deserialize)
            .collect::<Result<_, _>>()
            .expect("yaml");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0], rec);
        let out = stream(Mode::Json, cols, None, std::slice::from_ref(&rec));
        assert!(
            out.contains(r"pwned\u0007\u001b[2J\u009b31m\u007f\u0085\nx"),
            "{out}"
        );
        assert_eq!(serde_json::from_str::<Value>(&out).expect("json"), rec);
    }
}
