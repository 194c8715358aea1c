//! The one YAML writer: block-style YAML that reads the same to YAML 1.1 and 1.2 readers,
//! for `-o yaml` records and SPO `SeccompProfile` resources. Control characters and
//! bidirectional formatting characters are always written as `\uXXXX` escapes.

/// `v` as block-style YAML (no leading `---`), ending with a newline.
pub(crate) fn to_string(v: &serde_json::Value) -> String {
    let empty = match v {
        serde_json::Value::Object(m) => m.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        _ => false,
    };
    if empty {
        return format!("{}\n", scalar(v));
    }
    let mut out = String::new();
    emit(v, 0, &mut out);
    out
}

/// Block-style YAML for a JSON value at `indent`. Not `serde_yaml::to_string`: that quotes
/// by YAML 1.2 rules only, leaving e.g. `yes`, `on`, `n` or `1_000` plain, which YAML 1.1 readers such as kubectl
/// (sigs.k8s.io/yaml) turn into booleans or numbers, so the API server would reject an
/// annotation `seccomp.gadget.kinvolk.io/container: yes`.
fn emit(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                out.push_str(&pad);
                out.push_str(&scalar_str(k));
                out.push(':');
                match val {
                    Value::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        emit(val, indent + 2, out);
                    }
                    // Sequences under a key sit at the key's indentation, as kubectl writes them.
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        emit(val, indent, out);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&scalar(val));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                out.push_str(&pad);
                out.push_str("- ");
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        let mut nested = String::new();
                        emit(item, indent + 2, &mut nested);
                        out.push_str(&nested[indent + 2..]);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let mut nested = String::new();
                        emit(item, indent + 2, &mut nested);
                        out.push_str(&nested[indent + 2..]);
                    }
                    _ => {
                        out.push_str(&scalar(item));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push_str(&pad);
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn scalar(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => scalar_str(s),
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
        other => other.to_string(),
    }
}

/// A string plain when it reads as the same string in YAML 1.1 and 1.2 (starts with a letter,
/// `_` or `/`, only `[A-Za-z0-9_./-]`, not a boolean/null word), else double-quoted, with what
/// YAML may not carry raw (controls, U+FFFE, U+FFFF) and what readers mangle (bidirectional
/// formatting characters, line and paragraph separators, the byte-order mark) escaped as
/// `\uXXXX`.
fn scalar_str(s: &str) -> String {
    const WORDS: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null"];
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '/' | '-'))
        && !WORDS.contains(&s.to_ascii_lowercase().as_str());
    if plain {
        return s.to_string();
    }
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            c if crate::escape::needs_escape(c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                q.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn yaml_1_1_words_and_numbers_are_quoted() {
        let v = json!({"a": "yes", "b": "1_000", "c": "plain/name", "d": [1, "x"], "e": {}});
        assert_eq!(
            super::to_string(&v),
            "a: \"yes\"\nb: \"1_000\"\nc: plain/name\nd:\n- 1\n- x\ne: {}\n"
        );
        assert_eq!(super::to_string(&json!([])), "[]\n");
    }

    #[test]
    fn controls_and_bidi_characters_are_escaped_and_read_back() {
        let v = json!({"k\u{202e}": "a\u{1b}[2Jb\u{2066}c\u{9b}"});
        let doc = super::to_string(&v);
        assert_eq!(doc, "\"k\\u202e\": \"a\\u001b[2Jb\\u2066c\\u009b\"\n");
        let back: serde_json::Value = serde_yaml::from_str(&doc).expect("yaml");
        assert_eq!(back, v);
    }
}
