//! Diagnostics on stderr, the only place ig talks to the user outside its data: the `log`
//! macros (`ig: warning: ...` and `ig: error: ...` always, info with -v, debug with -vv) and
//! [`note!`] for plain `ig: ...` progress lines. Data never goes here.

use log::{Level, LevelFilter, Log, Metadata, Record};

struct StderrLogger;

impl Log for StderrLogger {
    fn enabled(&self, m: &Metadata<'_>) -> bool {
        m.level() <= log::max_level()
    }
    fn log(&self, r: &Record<'_>) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let prefix = match r.level() {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Debug | Level::Trace => "debug",
        };
        eprintln!("ig: {prefix}: {}", r.args());
    }
    fn flush(&self) {}
}

static LOGGER: StderrLogger = StderrLogger;

pub fn init(verbose: u8) {
    let level = match verbose {
        0 => LevelFilter::Warn,
        1 => LevelFilter::Info,
        _ => LevelFilter::Debug,
    };
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(level);
    }
}

/// A plain progress line for the user: `ig: ...` on stderr.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::diagnostics::emit_note(format_args!($($arg)*))
    };
}
pub(crate) use note;

#[doc(hidden)]
pub fn emit_note(args: std::fmt::Arguments<'_>) {
    eprintln!("ig: {args}");
}
