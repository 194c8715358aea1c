//! Kernel seccomp audit records (type 1326): parsing the record text from netlink, dmesg, auditd and journal lines.
//!
//! The kernel writes a seccomp record (`__audit_seccomp` in `kernel/auditsc.c`) as
//!
//! ```text
//! audit(SECS.MILLIS:SERIAL): auid=%u uid=%u gid=%u ses=%u [subj=...] pid=%d comm=<untrusted> exe=<untrusted>
//!     sig=%ld arch=%x syscall=%ld compat=%d ip=0x%lx code=0x%x
//! ```
//!
//! `comm` and `exe` go through `audit_log_untrustedstring`: they are `"quoted"` unless they
//! contain a space, a `"`, a control character or a byte >= 0x7f, in which case they are an
//! unquoted upper-case hex dump of the raw bytes. `exe=(null)` means the task has no executable.
//! This module is pure: no I/O.

use serde::Serialize;

/// Longest excerpt (in characters) of offending input quoted in a [`ParseError`].
const QUOTE_MAX: usize = 80;

/// `SECCOMP_RET_ACTION_FULL`: the action part of a seccomp filter return value.
const SECCOMP_RET_ACTION_FULL: u32 = 0xffff_0000;
/// `SECCOMP_RET_DATA`: the data part of a seccomp filter return value.
const SECCOMP_RET_DATA: u32 = 0x0000_ffff;

/// One seccomp audit record (type 1326, `AUDIT_SECCOMP`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeccompRecord {
    /// Seconds since the epoch, from `audit(SECS.MILLIS:SERIAL)`; `None` when the source dropped
    /// the stamp (journald's own audit reader does).
    pub time_secs: Option<u64>,
    /// Milliseconds part of the stamp.
    pub time_millis: Option<u32>,
    /// Audit event serial number.
    pub serial: Option<u64>,
    /// Login uid; 4294967295 means unset.
    pub auid: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    /// Session id; 4294967295 means unset.
    pub ses: Option<u32>,
    /// Thread-group id in the initial pid namespace.
    pub pid: u32,
    /// Task command name, hex-decoded if the kernel hex-encoded it (lossy UTF-8; control
    /// characters are kept as they are).
    pub comm: Option<String>,
    /// Executable path, hex-decoded like `comm`; `None` for `exe=(null)`.
    pub exe: Option<String>,
    /// Signal delivered (0 for none).
    pub sig: u32,
    /// `AUDIT_ARCH_*` value of the syscall, e.g. 0xc000003e for x86_64.
    pub arch: u32,
    /// Syscall number as the kernel's `unsigned long`. The kernel prints it signed (`%ld`): a
    /// negative number such as `syscall=-1` is stored two's-complement (cast to `i64` to get it
    /// back). x32 syscalls carry the `__X32_SYSCALL_BIT` (0x40000000).
    pub syscall: u64,
    /// Whether the syscall came through the compat (32-bit) entry.
    pub compat: Option<bool>,
    /// User-space instruction pointer.
    pub ip: Option<u64>,
    /// Seccomp filter return value (action and data), see [`seccomp_action`].
    pub code: u32,
}

impl SeccompRecord {
    /// Name of the seccomp action in `code`, see [`seccomp_action`].
    pub fn action(&self) -> Option<&'static str> {
        seccomp_action(self.code)
    }

    /// Data part (low 16 bits) of `code`, e.g. the errno of `SECCOMP_RET_ERRNO`.
    pub fn action_data(&self) -> u16 {
        seccomp_action_data(self.code)
    }
}

/// Classification of one log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogLine {
    /// A seccomp record.
    Seccomp(SeccompRecord),
    /// The kernel reports lost or unprinted audit records: `"kauditd_printk_skb: 14 callbacks
    /// suppressed"` (records not printed to the kernel log, `count` = 14), `"audit: audit_lost=5
    /// audit_rate_limit=..."` (`count` = the kernel's running total of lost records, not a delta)
    /// or `"audit: backlog limit exceeded"` and similar (`count` = `None`).
    Loss { what: String, count: Option<u64> },
    /// Anything else.
    Other,
}

/// Why a seccomp record could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("parsing seccomp audit record: missing required field `{field}` in {record:?}")]
    MissingField { field: &'static str, record: String },
    #[error(
        "parsing seccomp audit record: field `{field}` has invalid value {value:?}: {expected}"
    )]
    InvalidValue {
        field: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error(
        "parsing seccomp audit record: unterminated quoted value of field `{field}`: {value:?}"
    )]
    UnterminatedQuote { field: String, value: String },
    #[error(
        "parsing seccomp audit record: malformed timestamp {value:?} (expected audit(SECONDS.MILLIS:SERIAL))"
    )]
    BadTimestamp { value: String },
    #[error(
        "parsing seccomp audit record: interpreted records (ausearch -i) are not supported, use the raw form (ausearch without -i): {line:?}"
    )]
    Interpreted { line: String },
}

/// Parse the text body of a type-1326 record as it arrives on the audit netlink socket:
/// `"audit(1659008985.445:25): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=... pid=2784
/// comm="runc:[2:INIT]" exe="/" sig=0 arch=c000003e syscall=3 compat=0 ip=0x55ec0657bd3b
/// code=0x7ffc0000"`.
///
/// Keys may come in any order, unknown keys are ignored and the `audit(...)` stamp is optional.
/// `pid`, `arch`, `syscall` and `code` are required; `sig` defaults to 0. Surrounding whitespace
/// and NUL bytes are ignored.
pub fn parse_body(body: &str) -> Result<SeccompRecord, ParseError> {
    let body = body.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    let (stamp, rest) = split_stamp(body)?;
    let fields = Fields::parse(rest)?;

    let required = |key: &'static str| {
        fields.get(key).ok_or_else(|| ParseError::MissingField {
            field: key,
            record: quote(body),
        })
    };
    let pid = dec_u32("pid", required("pid")?.text())?;
    let arch = hex_u32("arch", required("arch")?.text())?;
    let syscall = syscall_nr(required("syscall")?.text())?;
    let code = hex_u32("code", required("code")?.text())?;

    let opt_u32 = |key: &'static str| fields.get(key).map(|v| dec_u32(key, v.text())).transpose();
    let sig = opt_u32("sig")?.unwrap_or(0);
    let compat = fields
        .get("compat")
        .map(|v| match v.text() {
            "0" => Ok(false),
            "1" => Ok(true),
            other => Err(invalid("compat", other, "expected 0 or 1")),
        })
        .transpose()?;
    let ip = fields
        .get("ip")
        .map(|v| hex_u64("ip", v.text()))
        .transpose()?;

    Ok(SeccompRecord {
        time_secs: stamp.map(|s| s.secs),
        time_millis: stamp.map(|s| s.millis),
        serial: stamp.map(|s| s.serial),
        auid: opt_u32("auid")?,
        uid: opt_u32("uid")?,
        gid: opt_u32("gid")?,
        ses: opt_u32("ses")?,
        pid,
        comm: fields
            .get("comm")
            .map(|v| untrusted("comm", v))
            .transpose()?
            .flatten(),
        exe: fields
            .get("exe")
            .map(|v| untrusted("exe", v))
            .transpose()?
            .flatten(),
        sig,
        arch,
        syscall,
        compat,
        ip,
        code,
    })
}

/// Classify one line of a log: dmesg (`"[  12.3] audit: type=1326 audit(...): ..."`), `dmesg -T`,
/// `/dev/kmsg`, talosctl dmesg (`"10.5.0.3: kern:  notice: [2022-07-28T11:49:44.873619063Z]:
/// audit: type=1326 ..."`), auditd's audit.log (`"type=SECCOMP msg=audit(1659008985.445:25):
/// auid=..."`, also with a `node=` prefix, the enriched `\x1d` suffix or as `UNKNOWN[1326]`),
/// journalctl/syslog (`"Nov 22 10:00:00 host kernel: audit: type=1326 audit(...): ..."`) and
/// journald's own audit form (`"audit[2784]: SECCOMP auid=..."`, which has no stamp).
///
/// Lines that are not seccomp records are [`LogLine::Other`] (or [`LogLine::Loss`]); malformed
/// seccomp lines are `Err`. `ausearch -i` output (names instead of numbers) is rejected with
/// [`ParseError::Interpreted`].
pub fn parse_line(line: &str) -> Result<LogLine, ParseError> {
    let line = line.trim_end_matches(['\r', '\n']);
    // auditd's enriched log format appends interpreted fields after a 0x1d separator.
    let line = line.split('\x1d').next().unwrap_or(line);

    if let Some((ty, rest)) = record_type(line) {
        // auditd older than the SECCOMP type name writes UNKNOWN[1326].
        if matches!(ty, "1326" | "SECCOMP" | "UNKNOWN[1326]") {
            let rest = rest.trim_start();
            let body = rest.strip_prefix("msg=").unwrap_or(rest);
            return parse_body(body).map(LogLine::Seccomp);
        }
        return Ok(LogLine::Other);
    }
    if let Some(body) = journald_seccomp_body(line) {
        return parse_body(body).map(LogLine::Seccomp);
    }
    Ok(loss(line).unwrap_or(LogLine::Other))
}

/// Seccomp action name of a filter return value `code` (`SECCOMP_RET_ACTION_FULL` bits), or
/// `None` for a value the kernel does not define. The data part is [`seccomp_action_data`].
pub fn seccomp_action(code: u32) -> Option<&'static str> {
    Some(match code & SECCOMP_RET_ACTION_FULL {
        0x8000_0000 => "SECCOMP_RET_KILL_PROCESS",
        0x0000_0000 => "SECCOMP_RET_KILL_THREAD",
        0x0003_0000 => "SECCOMP_RET_TRAP",
        0x0005_0000 => "SECCOMP_RET_ERRNO",
        0x7fc0_0000 => "SECCOMP_RET_USER_NOTIF",
        0x7ff0_0000 => "SECCOMP_RET_TRACE",
        0x7ffc_0000 => "SECCOMP_RET_LOG",
        0x7fff_0000 => "SECCOMP_RET_ALLOW",
        _ => return None,
    })
}

/// Data part (`SECCOMP_RET_DATA`, low 16 bits) of a filter return value, e.g. the errno of
/// `SECCOMP_RET_ERRNO`. Recent kernels log only the action, so this is usually 0.
pub fn seccomp_action_data(code: u32) -> u16 {
    // Masked to 16 bits, so the conversion cannot fail.
    u16::try_from(code & SECCOMP_RET_DATA).unwrap_or(u16::MAX)
}

#[derive(Debug, Clone, Copy)]
struct Stamp {
    secs: u64,
    millis: u32,
    serial: u64,
}

/// Split off a leading `audit(SECS.MILLIS:SERIAL):` stamp, if any.
fn split_stamp(body: &str) -> Result<(Option<Stamp>, &str), ParseError> {
    let Some(after) = body.strip_prefix("audit(") else {
        return Ok((None, body));
    };
    let bad = || ParseError::BadTimestamp {
        value: quote(body.split(')').next().unwrap_or(body)),
    };
    let close = after.find(')').ok_or_else(bad)?;
    let inner = &after[..close];
    if inner.contains('/') || inner.contains(' ') {
        // ausearch -i: "audit(07/28/2022 11:49:44.873:25) : ..."
        return Err(ParseError::Interpreted { line: quote(body) });
    }
    let (time, serial) = inner.split_once(':').ok_or_else(bad)?;
    let (secs, millis) = time.split_once('.').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(secs) || !digits(millis) || !digits(serial) {
        return Err(bad());
    }
    let stamp = Stamp {
        secs: secs.parse().map_err(|_| bad())?,
        millis: millis.parse().map_err(|_| bad())?,
        serial: serial.parse().map_err(|_| bad())?,
    };
    let rest = after[close + 1..].trim_start();
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    Ok((Some(stamp), rest))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value<'a> {
    Quoted(&'a str),
    Bare(&'a str),
}

impl<'a> Value<'a> {
    fn text(&self) -> &'a str {
        match *self {
            Value::Quoted(s) | Value::Bare(s) => s,
        }
    }
}

/// `key=value` pairs of a record body, in order.
struct Fields<'a>(Vec<(&'a str, Value<'a>)>);

impl<'a> Fields<'a> {
    fn parse(s: &'a str) -> Result<Self, ParseError> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        // Only ASCII bytes are used as delimiters, so every slice index is a char boundary.
        while i < b.len() {
            if b[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
                i += 1;
            }
            if i >= b.len() || b[i] != b'=' {
                // A word without '=', e.g. the "(enforce)" of AppArmor's "subj=docker-default (enforce)".
                continue;
            }
            let key = &s[start..i];
            i += 1;
            if b.get(i) == Some(&b'"') {
                let vstart = i + 1;
                let Some(len) = b[vstart..].iter().position(|&c| c == b'"') else {
                    return Err(ParseError::UnterminatedQuote {
                        field: quote(key),
                        value: quote(&s[i..]),
                    });
                };
                out.push((key, Value::Quoted(&s[vstart..vstart + len])));
                i = vstart + len + 1;
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                out.push((key, Value::Bare(&s[vstart..i])));
            }
        }
        Ok(Fields(out))
    }

    /// First value of `key`.
    fn get(&self, key: &str) -> Option<Value<'a>> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// Decode an `audit_log_untrustedstring` value: `"quoted"`, hex-encoded raw bytes, or `(null)`.
fn untrusted(field: &'static str, v: Value<'_>) -> Result<Option<String>, ParseError> {
    match v {
        Value::Quoted(s) => Ok(Some(s.to_owned())),
        Value::Bare("(null)") => Ok(None),
        Value::Bare(s) => {
            let expected = "expected a \"quoted\" string, an even-length hex string or (null)";
            if s.is_empty() {
                return Err(invalid(field, s, expected));
            }
            let bytes = hex::decode(s).map_err(|_| invalid(field, s, expected))?;
            Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
        }
    }
}

fn invalid(field: &'static str, value: &str, expected: &'static str) -> ParseError {
    ParseError::InvalidValue {
        field,
        value: quote(value),
        expected,
    }
}

fn all_digits(s: &str, radix: u32) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_digit(radix))
}

fn dec_u32(field: &'static str, v: &str) -> Result<u32, ParseError> {
    if !all_digits(v, 10) {
        return Err(invalid(field, v, "expected a decimal number"));
    }
    v.parse()
        .map_err(|_| invalid(field, v, "decimal number out of range"))
}

/// Hex with or without a `0x` prefix.
fn hex_u64(field: &'static str, v: &str) -> Result<u64, ParseError> {
    let digits = v
        .strip_prefix("0x")
        .or_else(|| v.strip_prefix("0X"))
        .unwrap_or(v);
    if !all_digits(digits, 16) {
        return Err(invalid(field, v, "expected a hexadecimal number"));
    }
    u64::from_str_radix(digits, 16)
        .map_err(|_| invalid(field, v, "hexadecimal number out of range"))
}

fn hex_u32(field: &'static str, v: &str) -> Result<u32, ParseError> {
    u32::try_from(hex_u64(field, v)?)
        .map_err(|_| invalid(field, v, "hexadecimal number out of range"))
}

/// `syscall=%ld`: decimal, possibly negative.
fn syscall_nr(v: &str) -> Result<u64, ParseError> {
    let expected = "expected a decimal syscall number";
    match v.strip_prefix('-') {
        Some(abs) if all_digits(abs, 10) => v
            .parse::<i64>()
            // Two's complement, the kernel's unsigned long.
            .map(|n| n as u64)
            .map_err(|_| invalid("syscall", v, "decimal number out of range")),
        Some(_) => Err(invalid("syscall", v, expected)),
        None if all_digits(v, 10) => v
            .parse::<u64>()
            .map_err(|_| invalid("syscall", v, "decimal number out of range")),
        None => Err(invalid("syscall", v, expected)),
    }
}

/// The value of the first `type=` word of a line (at the start or after whitespace or `;`) and
/// the text after it.
fn record_type(line: &str) -> Option<(&str, &str)> {
    let (idx, _) = line.match_indices("type=").find(|&(idx, _)| {
        line[..idx]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == ';')
    })?;
    let after = &line[idx + "type=".len()..];
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    Some((&after[..end], &after[end..]))
}

/// journald's audit reader writes `audit[PID]: SECCOMP auid=...` (or `audit: SECCOMP ...`); the
/// body follows the `SECCOMP` word.
fn journald_seccomp_body(line: &str) -> Option<&str> {
    let word = |rest: &str| -> Option<usize> {
        let after = rest.strip_prefix("SECCOMP")?;
        after
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
            .then_some(rest.len() - after.len())
    };
    for (idx, _) in line.match_indices("audit") {
        let rest = &line[idx + "audit".len()..];
        let rest = if let Some(r) = rest.strip_prefix('[') {
            let digits = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            let Some(after) = r[digits..].strip_prefix(']').filter(|_| digits > 0) else {
                continue;
            };
            after
        } else {
            rest
        };
        let Some(rest) = rest.strip_prefix(": ") else {
            continue;
        };
        if let Some(n) = word(rest) {
            return Some(&rest[n..]);
        }
    }
    None
}

/// Kernel messages about lost or unprinted audit records.
fn loss(line: &str) -> Option<LogLine> {
    // "kauditd_printk_skb: 14 callbacks suppressed" (printk rate limit of audit records) and
    // "audit_log_start: 3 callbacks suppressed" (of the backlog warnings).
    if let Some(idx) = line.find(" callbacks suppressed") {
        let head = &line[..idx];
        let num_start = head.rfind(' ').map_or(0, |i| i + 1);
        let func = head[..num_start].trim_end().strip_suffix(':')?;
        // The last word: split at any whitespace, multi-byte ones (U+0085) included.
        let func = func.rsplit(char::is_whitespace).next().unwrap_or(func);
        if func.starts_with("kauditd") || func.starts_with("audit") {
            return Some(LogLine::Loss {
                what: format!("{func}: callbacks suppressed"),
                count: head[num_start..].parse().ok(),
            });
        }
        return None;
    }
    let msg = line[line.find("audit: ")? + "audit: ".len()..].trim();
    if let Some(rest) = msg.strip_prefix("audit_lost=") {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        return Some(LogLine::Loss {
            what: "audit_lost".to_owned(),
            count: rest[..end].parse().ok(),
        });
    }
    let is_loss = msg.starts_with("audit_backlog=")
        || msg.ends_with("limit exceeded")
        || msg.ends_with("queue overflow")
        || msg.starts_with("out of memory in audit_");
    is_loss.then(|| LogLine::Loss {
        what: msg.to_owned(),
        count: None,
    })
}

/// `s` truncated to [`QUOTE_MAX`] characters for error messages.
fn quote(s: &str) -> String {
    match s.char_indices().nth(QUOTE_MAX) {
        Some((idx, _)) => format!("{}…", &s[..idx]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"audit(1659008985.445:25): auid=4294967295 uid=0 gid=0 ses=4294967295 subj=... pid=2784 comm="runc:[2:INIT]" exe="/" sig=0 arch=c000003e syscall=3 compat=0 ip=0x55ec0657bd3b code=0x7ffc0000"#;
    const TAIL: &str = r#"auid=4294967295 uid=0 gid=0 ses=4294967295 subj=... pid=2784 comm="runc:[2:INIT]" exe="/" sig=0 arch=c000003e syscall=3 compat=0 ip=0x55ec0657bd3b code=0x7ffc0000"#;

    fn expected() -> SeccompRecord {
        SeccompRecord {
            time_secs: Some(1659008985),
            time_millis: Some(445),
            serial: Some(25),
            auid: Some(4294967295),
            uid: Some(0),
            gid: Some(0),
            ses: Some(4294967295),
            pid: 2784,
            comm: Some("runc:[2:INIT]".into()),
            exe: Some("/".into()),
            sig: 0,
            arch: 0xc000003e,
            syscall: 3,
            compat: Some(false),
            ip: Some(0x55ec0657bd3b),
            code: 0x7ffc0000,
        }
    }

    fn seccomp(line: &str) -> SeccompRecord {
        match parse_line(line) {
            Ok(LogLine::Seccomp(r)) => r,
            other => panic!("{line:?} -> {other:?}"),
        }
    }

    #[test]
    fn netlink_body() {
        assert_eq!(parse_body(BODY).unwrap(), expected());
        // NUL-terminated and newline-terminated bodies.
        assert_eq!(parse_body(&format!("{BODY}\0")).unwrap(), expected());
        assert_eq!(parse_body(&format!("{BODY}\n")).unwrap(), expected());
        let r = parse_body(BODY).unwrap();
        assert_eq!(r.action(), Some("SECCOMP_RET_LOG"));
        assert_eq!(r.action_data(), 0);
    }

    #[test]
    fn real_record_from_linux_6_18() {
        // Received on the audit multicast group from Linux 6.18 (no LSM, so no subj=), audit disabled
        // and no auditd; the kernel log showed the same text after "audit: type=1326 ".
        let body = r#"audit(1795389240.031:2): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=3210 comm="mkdir" exe="/bin/busybox" sig=0 arch=c000003e syscall=83 compat=0 ip=0x47b567 code=0x7ffc0000"#;
        let r = parse_body(body).unwrap();
        assert_eq!(r.pid, 3210);
        assert_eq!(
            (r.time_secs, r.time_millis, r.serial),
            (Some(1795389240), Some(31), Some(2))
        );
        assert_eq!(r.ip, Some(0x47b567));
        assert_eq!(r.comm.as_deref(), Some("mkdir"));
        assert_eq!(r.exe.as_deref(), Some("/bin/busybox"));
        assert_eq!((r.arch, r.syscall), (0xc000003e, 83));
        assert_eq!(r.action(), Some("SECCOMP_RET_LOG"));
    }

    #[test]
    fn real_record_with_hex_exe() {
        // From this kernel: busybox copied to "/tmp/a b/mkdir" inside the container; the path is
        // the one seen from the container's root.
        let body = "audit(1795389404.699:43213): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=6703 comm=\"mkdir\" exe=2F746D702F6120622F6D6B646972 sig=0 arch=c000003e syscall=83 compat=0 ip=0x47b567 code=0x7ffc0000";
        let r = parse_body(body).unwrap();
        assert_eq!(r.exe.as_deref(), Some("/tmp/a b/mkdir"));
        assert_eq!(r.serial, Some(43213));
    }

    #[test]
    fn log_line_formats() {
        let lines = [
            format!("[   12.345678] audit: type=1326 {BODY}"),
            format!("[Thu Jul 28 11:49:44 2022] audit: type=1326 {BODY}"),
            format!("10.5.0.3: kern:  notice: [2022-07-28T11:49:44.873619063Z]: audit: type=1326 {BODY}"),
            format!("type=SECCOMP msg={BODY}"),
            format!("node=host1 type=SECCOMP msg={BODY}\n"),
            format!("type=UNKNOWN[1326] msg={BODY}"),
            format!("type=SECCOMP msg={BODY}\x1dAUID=\"unset\" UID=\"root\" ARCH=x86_64 SYSCALL=close"),
            format!("Nov 22 10:00:00 host kernel: audit: type=1326 {BODY}"),
            format!("5,1234,12345678,-;audit: type=1326 {BODY}"),
            format!("kern  :notice: [  12.345678] audit: type=1326 {BODY}\r\n"),
        ];
        for line in &lines {
            assert_eq!(seccomp(line), expected(), "{line:?}");
        }
    }

    #[test]
    fn journald_audit_form_has_no_stamp() {
        let want = SeccompRecord {
            time_secs: None,
            time_millis: None,
            serial: None,
            ..expected()
        };
        assert_eq!(
            seccomp(&format!("Jul 28 11:49:44 host audit[2784]: SECCOMP {TAIL}")),
            want
        );
        assert_eq!(
            seccomp(&format!("Jul 28 11:49:44 host audit: SECCOMP {TAIL}")),
            want
        );
        assert_eq!(parse_body(TAIL).unwrap(), want);
    }

    #[test]
    fn keys_in_any_order_and_optional() {
        let r = parse_body("code=0x80000000 syscall=59 arch=c000003e pid=7").unwrap();
        assert_eq!(r.pid, 7);
        assert_eq!(r.sig, 0);
        assert_eq!(r.syscall, 59);
        assert_eq!(r.comm, None);
        assert_eq!(r.exe, None);
        assert_eq!(r.auid, None);
        assert_eq!(r.compat, None);
        assert_eq!(r.ip, None);
        assert_eq!(r.action(), Some("SECCOMP_RET_KILL_PROCESS"));
    }

    #[test]
    fn apparmor_subj_with_space_and_selinux_subj() {
        let body = r#"audit(1.002:3): auid=1000 uid=0 gid=0 ses=2 subj=docker-default (enforce) pid=5 comm="sh" exe="/bin/sh" sig=31 arch=c000003e syscall=101 compat=0 ip=0x7f code=0x0"#;
        let r = parse_body(body).unwrap();
        assert_eq!(
            (r.time_secs, r.time_millis, r.serial),
            (Some(1), Some(2), Some(3))
        );
        assert_eq!((r.pid, r.sig, r.syscall, r.code), (5, 31, 101, 0));
        assert_eq!(r.action(), Some("SECCOMP_RET_KILL_THREAD"));
        let body = "pid=5 subj=system_u:system_r:container_t:s0:c1,c2 arch=c000003e syscall=1 code=0x50001";
        let r = parse_body(body).unwrap();
        assert_eq!(r.action(), Some("SECCOMP_RET_ERRNO"));
        assert_eq!(r.action_data(), 1);
    }

    #[test]
    fn hex_encoded_comm_and_exe() {
        // "my app" (space) and "a\x1bb" (ESC), "/tmp/x y" (space in path), lower-case hex too.
        let body =
            "pid=1 comm=6D7920617070 exe=2F746D702F782079 arch=c000003e syscall=0 code=0x7ffc0000";
        let r = parse_body(body).unwrap();
        assert_eq!(r.comm.as_deref(), Some("my app"));
        assert_eq!(r.exe.as_deref(), Some("/tmp/x y"));
        let r = parse_body("pid=1 comm=611b62 arch=c000003e syscall=0 code=0x7ffc0000").unwrap();
        assert_eq!(r.comm.as_deref(), Some("a\u{1b}b"));
        // A double quote forces hex too: comm a"b.
        let r = parse_body("pid=1 comm=612262 arch=c000003e syscall=0 code=0").unwrap();
        assert_eq!(r.comm.as_deref(), Some("a\"b"));
        // Non-UTF-8 bytes are decoded lossily.
        let r = parse_body("pid=1 comm=FF41 arch=c000003e syscall=0 code=0").unwrap();
        assert_eq!(r.comm.as_deref(), Some("\u{fffd}A"));
        // UTF-8 is hex-encoded by the kernel (bytes >= 0x7f) and decoded back.
        let r = parse_body("pid=1 comm=C3A9 arch=c000003e syscall=0 code=0").unwrap();
        assert_eq!(r.comm.as_deref(), Some("é"));
        // A quoted value can contain '=' and look like other keys.
        let r = parse_body(r#"pid=1 comm="pid=2" arch=c000003e syscall=0 code=0"#).unwrap();
        assert_eq!((r.pid, r.comm.as_deref()), (1, Some("pid=2")));
    }

    #[test]
    fn exe_null() {
        let r =
            parse_body("pid=1 comm=\"kworker\" exe=(null) arch=c000003e syscall=0 code=0").unwrap();
        assert_eq!(r.exe, None);
        assert_eq!(r.comm.as_deref(), Some("kworker"));
    }

    #[test]
    fn compat_i386_and_x32() {
        let r = parse_body("pid=9 comm=\"a.out\" sig=0 arch=40000003 syscall=39 compat=1 ip=0xf7f0 code=0x7ffc0000").unwrap();
        assert_eq!((r.arch, r.syscall, r.compat), (0x40000003, 39, Some(true)));
        let r = parse_body(
            "pid=9 sig=0 arch=c000003e syscall=1073742096 compat=0 ip=0x1 code=0x7ffc0000",
        )
        .unwrap();
        assert_eq!(r.syscall, 0x4000_0000 | 272);
        assert_eq!(r.compat, Some(false));
    }

    #[test]
    fn negative_syscall() {
        let r = parse_body("pid=9 arch=c000003e syscall=-1 code=0x50026").unwrap();
        assert_eq!(r.syscall as i64, -1);
        assert_eq!(r.action_data(), 38);
    }

    #[test]
    fn malformed() {
        let err = parse_body("auid=0 comm=\"x\" arch=c000003e syscall=0 code=0").unwrap_err();
        assert!(
            matches!(err, ParseError::MissingField { field: "pid", .. }),
            "{err}"
        );
        assert!(err.to_string().contains("`pid`"), "{err}");

        for (body, field, bad) in [
            (
                "pid=1 comm=6D792 arch=c000003e syscall=0 code=0",
                "comm",
                "6D792",
            ),
            ("pid=1 comm=ZZ arch=c000003e syscall=0 code=0", "comm", "ZZ"),
            (
                "pid=1 exe=/bin/sh arch=c000003e syscall=0 code=0",
                "exe",
                "/bin/sh",
            ),
            ("pid=1 arch=x86_64 syscall=0 code=0", "arch", "x86_64"),
            ("pid=1 arch=c000003e syscall=0 code=0xfoo", "code", "0xfoo"),
            (
                "pid=1 arch=c000003e syscall=0 code=0x1ffffffff",
                "code",
                "0x1ffffffff",
            ),
            ("pid=-1 arch=c000003e syscall=0 code=0", "pid", "-1"),
            ("pid=1 arch=c000003e syscall=read code=0", "syscall", "read"),
            (
                "pid=1 arch=c000003e syscall=0 code=0 compat=2",
                "compat",
                "2",
            ),
            ("pid=1 arch=c000003e syscall=0 code=0 ip=zz", "ip", "zz"),
            (
                "pid=1 uid=root arch=c000003e syscall=0 code=0",
                "uid",
                "root",
            ),
        ] {
            match parse_body(body) {
                Err(e @ ParseError::InvalidValue { .. }) => {
                    let msg = e.to_string();
                    assert!(msg.contains(&format!("`{field}`")), "{msg}");
                    assert!(msg.contains(&format!("{bad:?}")), "{msg}");
                }
                other => panic!("{body:?} -> {other:?}"),
            }
        }

        let err = parse_body("pid=1 comm=\"abc arch=c000003e").unwrap_err();
        assert!(matches!(err, ParseError::UnterminatedQuote { .. }), "{err}");
        assert!(err.to_string().contains("`comm`"), "{err}");

        for bad in [
            "audit(1659008985.445): pid=1",
            "audit(x.1:2): pid=1",
            "audit(1.2:3 pid=1",
        ] {
            assert!(
                matches!(parse_body(bad), Err(ParseError::BadTimestamp { .. })),
                "{bad}"
            );
        }

        // Long values are truncated in the message.
        let long = "A".repeat(1001);
        let err = parse_body(&format!("pid=1 comm={long} arch=0 syscall=0 code=0")).unwrap_err();
        assert!(err.to_string().len() < 300, "{err}");
        assert!(err.to_string().contains('…'), "{err}");

        // Malformed seccomp log lines are errors, not Other.
        assert!(parse_line(
            "[ 1.0] audit: type=1326 audit(1.2:3): uid=0 arch=c000003e syscall=1 code=0"
        )
        .is_err());
    }

    #[test]
    fn ausearch_interpreted_is_rejected_with_hint() {
        let line = "type=SECCOMP msg=audit(07/28/2022 11:49:44.873:25) : auid=unset uid=root gid=root ses=unset pid=2784 comm=runc:[2:INIT] exe=/ sig=SIG0 arch=x86_64 syscall=close compat=0 ip=0x55ec0657bd3b code=log";
        let err = parse_line(line).unwrap_err();
        assert!(matches!(err, ParseError::Interpreted { .. }), "{err}");
        assert!(err.to_string().contains("ausearch"), "{err}");
    }

    #[test]
    fn other_lines() {
        for line in [
            "",
            "[    0.000000] Linux version 6.18.44",
            "[   3.1] audit: type=1400 audit(1.2:3): apparmor=\"DENIED\" operation=\"open\"",
            "type=SYSCALL msg=audit(1659008985.445:25): arch=c000003e syscall=3 success=yes",
            "[   0.5] audit: initializing netlink subsys (disabled)",
            "type=13260 msg=audit(1.2:3): pid=1",
            "Nov 22 10:00:00 host systemd[1]: Started foo.service",
            "[ 1.0] usb 1-1: 3 callbacks suppressed",
        ] {
            assert_eq!(parse_line(line), Ok(LogLine::Other), "{line:?}");
        }
    }

    /// Found by the audit_line fuzz target: a multi-byte whitespace (U+0085) before the
    /// function name of a "callbacks suppressed" line split the string inside a character.
    #[test]
    fn a_multibyte_space_before_a_suppressed_callback_is_no_panic() {
        assert_eq!(
            parse_line("x\u{85}kauditd_printk_skb: 3 callbacks suppressed"),
            Ok(LogLine::Loss {
                what: "kauditd_printk_skb: callbacks suppressed".into(),
                count: Some(3),
            })
        );
        assert_eq!(
            parse_line("\u{85}_skb: gid17038 callbacks suppressed 34"),
            Ok(LogLine::Other)
        );
    }

    #[test]
    fn loss_lines() {
        let cases = [
            (
                "[ 99.1] kauditd_printk_skb: 14 callbacks suppressed",
                "kauditd_printk_skb: callbacks suppressed",
                Some(14),
            ),
            (
                "Nov 22 10:00:00 host kernel: kauditd_printk_skb: 3 callbacks suppressed",
                "kauditd_printk_skb: callbacks suppressed",
                Some(3),
            ),
            (
                "[ 1.0] audit_log_start: 34 callbacks suppressed",
                "audit_log_start: callbacks suppressed",
                Some(34),
            ),
            (
                "[ 1.0] audit: audit_lost=5 audit_rate_limit=0 audit_backlog_limit=64",
                "audit_lost",
                Some(5),
            ),
            (
                "[ 1.0] audit: backlog limit exceeded",
                "backlog limit exceeded",
                None,
            ),
            (
                "[ 1.0] audit: rate limit exceeded",
                "rate limit exceeded",
                None,
            ),
            (
                "[ 1.0] audit: kauditd hold queue overflow",
                "kauditd hold queue overflow",
                None,
            ),
            (
                "[ 1.0] audit: audit_backlog=8193 > audit_backlog_limit=8192",
                "audit_backlog=8193 > audit_backlog_limit=8192",
                None,
            ),
        ];
        for (line, what, count) in cases {
            assert_eq!(
                parse_line(line),
                Ok(LogLine::Loss {
                    what: what.into(),
                    count
                }),
                "{line:?}"
            );
        }
    }

    #[test]
    fn actions() {
        assert_eq!(seccomp_action(0x0000_0000), Some("SECCOMP_RET_KILL_THREAD"));
        assert_eq!(
            seccomp_action(0x8000_0000),
            Some("SECCOMP_RET_KILL_PROCESS")
        );
        assert_eq!(seccomp_action(0x0003_0005), Some("SECCOMP_RET_TRAP"));
        assert_eq!(seccomp_action(0x0005_0001), Some("SECCOMP_RET_ERRNO"));
        assert_eq!(seccomp_action(0x7fc0_0000), Some("SECCOMP_RET_USER_NOTIF"));
        assert_eq!(seccomp_action(0x7ff0_0000), Some("SECCOMP_RET_TRACE"));
        assert_eq!(seccomp_action(0x7ffc_0000), Some("SECCOMP_RET_LOG"));
        assert_eq!(seccomp_action(0x7fff_0000), Some("SECCOMP_RET_ALLOW"));
        assert_eq!(seccomp_action(0x0004_0000), None);
        assert_eq!(seccomp_action(0x7ffe_0000), None);
        assert_eq!(seccomp_action_data(0x0005_0026), 38);
    }
}
