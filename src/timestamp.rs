//! One date codec (the `time` crate): RFC 3339 in UTC with nanoseconds for what ig prints,
//! and RFC 3339 with any offset for what users type.

use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::OffsetDateTime;

/// `2022-07-28T11:49:45.445000000Z`: always nine digits of fraction, always `Z`.
const UTC_NANOS: &[BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z"
);

/// A time in nanoseconds since the UNIX epoch as RFC 3339 in UTC with nanoseconds.
pub fn rfc3339(ns: u64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| t.format(UTC_NANOS).ok())
        // Unreachable for a u64 of nanoseconds (year 2554 at most); never panic on it.
        .unwrap_or_else(|| format!("@{ns}ns"))
}

/// Seconds since the UNIX epoch of an RFC 3339 time (`2026-11-22T10:00:00Z`,
/// `2026-11-22 10:00:00+01:00`, fractions allowed); `None` if it is not one.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let normalized = match s.split_once(' ') {
        Some((date, rest)) => format!("{date}T{rest}"),
        None => s.to_string(),
    };
    OffsetDateTime::parse(&normalized, &Rfc3339)
        .ok()
        .map(OffsetDateTime::unix_timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_with_nanoseconds() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            rfc3339(1_659_008_985_445_000_000),
            "2022-07-28T11:49:45.445000000Z"
        );
    }

    #[test]
    fn parses_offsets_and_rejects_nonsense() {
        assert_eq!(parse_rfc3339("2022-07-28T11:49:45Z"), Some(1_659_008_985));
        assert_eq!(
            parse_rfc3339("2022-07-28 13:49:45+02:00"),
            Some(1_659_008_985)
        );
        assert_eq!(parse_rfc3339("2022-07-28T11:49:45.5Z"), Some(1_659_008_985));
        assert_eq!(parse_rfc3339("2022-13-01T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("yesterday"), None);
    }
}
