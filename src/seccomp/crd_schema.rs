//! An honest structural validator for the subset of OpenAPI v3 (as used by Kubernetes CRDs)
//! that the SPO CRD uses. Unknown schema keywords, types, formats or regex syntax are
//! reported as errors, so nothing passes by being ignored.

use super::mini_regex::Regex;
use serde_json::Value;

const KNOWN_KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "required",
    "enum",
    "items",
    "additionalProperties",
    "x-kubernetes-preserve-unknown-fields",
    "maxLength",
    "minLength",
    "pattern",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "format",
    "default",
    "description",
    "x-kubernetes-list-type",
    "x-kubernetes-list-map-keys",
];

pub fn crd_path() -> String {
    format!(
        "{}/tests/data/spo/seccompprofile-crd.yaml",
        env!("CARGO_MANIFEST_DIR")
    )
}

pub fn load_crd() -> Value {
    let path = crd_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("parsing {path}: {e}"))
}

/// `spec.versions[name == version].schema.openAPIV3Schema`.
pub fn version_schema<'a>(crd: &'a Value, version: &str) -> &'a Value {
    crd["spec"]["versions"]
        .as_array()
        .expect("spec.versions")
        .iter()
        .find(|v| v["name"] == version)
        .unwrap_or_else(|| panic!("CRD has no version {version}"))
        .get("schema")
        .and_then(|s| s.get("openAPIV3Schema"))
        .expect("openAPIV3Schema")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn int_of(v: &Value) -> Option<i128> {
    v.as_i64()
        .map(i128::from)
        .or_else(|| v.as_u64().map(i128::from))
}

fn is_dns_subdomain(s: &str) -> bool {
    let re = Regex::new(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
        .expect("regex");
    s.len() <= 253 && re.is_match(s)
}

/// Validates a whole resource: apiVersion/kind/metadata by hand (the API server, not the
/// CRD schema, validates ObjectMeta), everything else against the version's schema.
pub fn validate_resource(crd: &Value, doc: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let group = crd["spec"]["group"].as_str().unwrap_or_default();
    let api_version = doc["apiVersion"].as_str().unwrap_or_default();
    let Some(version) = api_version
        .strip_prefix(group)
        .and_then(|v| v.strip_prefix('/'))
    else {
        return vec![format!(
            "apiVersion {api_version:?} is not in group {group}"
        )];
    };
    let served = crd["spec"]["versions"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|v| v["name"] == version && v["served"] == true);
    if !served {
        return vec![format!("version {version:?} is not served by the CRD")];
    }
    if doc["kind"] != crd["spec"]["names"]["kind"] {
        errs.push(format!(
            "kind {} is not {}",
            doc["kind"], crd["spec"]["names"]["kind"]
        ));
    }
    match doc.get("metadata").and_then(Value::as_object) {
        None => errs.push("metadata is missing or not an object".to_string()),
        Some(meta) => {
            for (k, v) in meta {
                match k.as_str() {
                    "name" => {
                        if !v.as_str().is_some_and(is_dns_subdomain) {
                            errs.push(format!("metadata.name {v} is not a DNS-1123 subdomain"));
                        }
                    }
                    "namespace" => {
                        if crd["spec"]["scope"] == "Cluster" {
                            errs.push(
                                "metadata.namespace is set on a cluster-scoped resource"
                                    .to_string(),
                            );
                        }
                    }
                    "annotations" | "labels" => {
                        let ok = v
                            .as_object()
                            .is_some_and(|m| m.values().all(Value::is_string));
                        if !ok {
                            errs.push(format!("metadata.{k} must map strings to strings"));
                        }
                    }
                    other => errs.push(format!("unexpected metadata.{other}")),
                }
            }
            if !meta.contains_key("name") {
                errs.push("metadata.name is missing".to_string());
            }
        }
    }
    let mut rest = doc.clone();
    if let Some(o) = rest.as_object_mut() {
        o.remove("metadata");
    }
    validate(version_schema(crd, version), &rest, "", &mut errs);
    errs
}

pub fn validate(schema: &Value, value: &Value, path: &str, errs: &mut Vec<String>) {
    let at = if path.is_empty() { "<root>" } else { path };
    let Some(s) = schema.as_object() else {
        errs.push(format!("{at}: schema is not an object"));
        return;
    };
    for k in s.keys() {
        if !KNOWN_KEYWORDS.contains(&k.as_str()) {
            errs.push(format!("{at}: unsupported schema keyword {k:?}"));
        }
    }
    if let Some(t) = s.get("type") {
        let ok = match t.as_str() {
            Some("object") => value.is_object(),
            Some("array") => value.is_array(),
            Some("string") => value.is_string(),
            Some("integer") => int_of(value).is_some(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            _ => {
                errs.push(format!("{at}: unsupported schema type {t}"));
                return;
            }
        };
        if !ok {
            errs.push(format!("{at}: expected {t}, found {}", kind_of(value)));
            return;
        }
    }
    if let Some(allowed) = s.get("enum") {
        let allowed = allowed.as_array().map(Vec::as_slice).unwrap_or_default();
        if !allowed.contains(value) {
            errs.push(format!(
                "{at}: {value} is not one of {}",
                Value::from(allowed.to_vec())
            ));
        }
    }
    match value {
        Value::Object(map) => {
            for r in s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(r) = r.as_str() {
                    if !map.contains_key(r) {
                        errs.push(format!("{at}: missing required field {r:?}"));
                    }
                }
            }
            let props = s.get("properties").and_then(Value::as_object);
            for (k, v) in map {
                let sub = format!("{path}.{k}");
                if let Some(ps) = props.and_then(|p| p.get(k)) {
                    validate(ps, v, &sub, errs);
                } else if let Some(ap) = s.get("additionalProperties") {
                    match ap {
                        Value::Bool(true) => {}
                        Value::Object(_) => validate(ap, v, &sub, errs),
                        _ => errs.push(format!("{sub}: unknown field")),
                    }
                } else if s.get("x-kubernetes-preserve-unknown-fields") == Some(&Value::Bool(true))
                {
                } else {
                    errs.push(format!(
                        "{sub}: unknown field (the API server would reject or prune it)"
                    ));
                }
            }
        }
        Value::Array(items) => {
            if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
                if (items.len() as u64) < min {
                    errs.push(format!("{at}: fewer than {min} items"));
                }
            }
            if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
                if items.len() as u64 > max {
                    errs.push(format!("{at}: more than {max} items"));
                }
            }
            if let Some(is) = s.get("items") {
                for (i, it) in items.iter().enumerate() {
                    validate(is, it, &format!("{path}[{i}]"), errs);
                }
            }
            match s.get("x-kubernetes-list-type").and_then(Value::as_str) {
                None | Some("atomic") => {}
                Some("set") => {
                    for (i, a) in items.iter().enumerate() {
                        if items[..i].contains(a) {
                            errs.push(format!("{at}[{i}]: duplicate {a} in a set"));
                        }
                    }
                }
                Some("map") => {
                    let keys: Vec<&str> = s
                        .get("x-kubernetes-list-map-keys")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    let tuples: Vec<Vec<&Value>> = items
                        .iter()
                        .map(|it| keys.iter().map(|k| &it[*k]).collect())
                        .collect();
                    for (i, t) in tuples.iter().enumerate() {
                        if tuples[..i].contains(t) {
                            errs.push(format!("{at}[{i}]: duplicate map key"));
                        }
                    }
                }
                Some(other) => errs.push(format!("{at}: unsupported list type {other}")),
            }
        }
        Value::String(text) => {
            let len = text.chars().count() as u64;
            if let Some(min) = s.get("minLength").and_then(Value::as_u64) {
                if len < min {
                    errs.push(format!("{at}: shorter than {min}"));
                }
            }
            if let Some(max) = s.get("maxLength").and_then(Value::as_u64) {
                if len > max {
                    errs.push(format!("{at}: longer than {max}"));
                }
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                match Regex::new(p) {
                    Ok(re) if re.is_match(text) => {}
                    Ok(_) => errs.push(format!("{at}: {text:?} does not match {p:?}")),
                    Err(e) => errs.push(format!("{at}: cannot check pattern {p:?}: {e}")),
                }
            }
            if let Some(f) = s.get("format").and_then(Value::as_str) {
                errs.push(format!(
                    "{at}: string format {f:?} is not checked by this validator"
                ));
            }
        }
        Value::Number(_) => {
            let n = int_of(value);
            if let Some(min) = s.get("minimum").and_then(int_of) {
                if n.is_none_or(|n| n < min) {
                    errs.push(format!("{at}: {value} is below the minimum {min}"));
                }
            }
            if let Some(max) = s.get("maximum").and_then(int_of) {
                if n.is_none_or(|n| n > max) {
                    errs.push(format!("{at}: {value} is above the maximum {max}"));
                }
            }
            let fits = match s.get("format").and_then(Value::as_str) {
                None => None,
                Some("int32") => Some(n.is_some_and(|n| i32::try_from(n).is_ok())),
                Some("int64") => Some(n.is_some_and(|n| i64::try_from(n).is_ok())),
                Some(f) => {
                    errs.push(format!("{at}: number format {f:?} is not supported"));
                    None
                }
            };
            if fits == Some(false) {
                let f = s["format"].as_str().unwrap_or_default();
                errs.push(format!("{at}: {value} is not an {f}"));
            }
        }
        _ => {}
    }
}
