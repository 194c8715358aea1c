//! Unit tests of the printer, column selection, encoding and terminal fitting.

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

/// `out` is `want`, and no line of it is wider than `width` characters.
#[track_caller]
fn assert_fitted(out: &str, want: &str, width: usize) {
    assert_eq!(out, want);
    for line in out.lines() {
        assert!(char_len(line) <= width, "{line:?}");
    }
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
    assert_fitted(&out, want, 30);
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
    assert_fitted(&out, want, 32);
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
