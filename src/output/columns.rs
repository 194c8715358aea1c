//! Columns of the columns mode: definitions, `--fields` selection, cell text.

use super::*;

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
    pub(super) fn cell(&self, rec: &Value) -> String {
        cell_text(self.lookup(rec))
    }

    /// Header text as printed: upper-cased and escaped.
    pub(super) fn header_text(&self) -> String {
        escape_cell(&self.header.to_uppercase()).into_owned()
    }
}

/// Follows dot-separated object keys. An empty path designates the record itself.
pub(super) fn lookup_path<'a>(rec: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(rec);
    }
    path.split('.')
        .try_fold(rec, |v, key| v.as_object()?.get(key))
}

/// Renders a value as a cell: strings as-is (escaped), numbers in decimal, booleans as
/// true/false, null/missing as empty, objects and arrays as compact JSON.
pub(super) fn cell_text(v: Option<&Value>) -> String {
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
pub(super) fn valid_names(all: &[Column]) -> Vec<String> {
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
pub(super) fn split_sign(token: &str) -> (bool, &str) {
    if let Some(rest) = token.strip_prefix('+') {
        (true, rest.trim())
    } else if let Some(rest) = token.strip_prefix('-') {
        (false, rest.trim())
    } else {
        (true, token)
    }
}
