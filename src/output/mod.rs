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
//! C1 controls (`\u007f`, `\u009b`) and to bidirectional formatting characters; the YAML mode (the one writer in `crate::yaml`) writes such
//! strings as double-quoted scalars with `\u` escapes (`"\u001b"`, `"\u007f"`, `"\u009b"`).

use std::borrow::Cow;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::str::FromStr;

use serde_json::Value;

mod columns;
mod encode;
mod terminal;
#[cfg(test)]
mod tests;

pub use self::columns::*;
use self::encode::*;
pub use self::terminal::*;

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
