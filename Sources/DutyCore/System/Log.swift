import Logging

/// What a person debugging a feed needs to see, through swift-log: files
/// discovered and let go, rotations, truncations and rewrites recognised,
/// lines quarantined, each poll's duration, and the journal's repairs,
/// reopenings, refusals and failures. All at `debug` (a poll that brought
/// nothing at `trace`), so nothing is printed unless `DUTYDESK_LOG` asks for
/// it; the executable decides where the lines go (stderr, or nowhere while
/// the console owns the terminal).
///
/// Logged only at cold places: once per file, per poll, per refused line or
/// per journal step, never per good line. The loggers are made at first use,
/// which the executable keeps after its `LoggingSystem.bootstrap`.
enum Log {
    static let feed = Logger(label: "dutydesk.feed")
    static let journal = Logger(label: "dutydesk.journal")

    /// Text that came from files (a name, a quoted value) as a log line may
    /// carry it to a terminal: one line, control characters made visible.
    static func shown(_ text: String) -> String {
        Sanitize.isClean(text) ? text : Sanitize.visible(text)
    }

    /// A monotonic duration as "1.234 ms", without Foundation.
    static func milliseconds(since start: UInt64) -> String {
        let micros = (Platform.monotonicNanos() &- start) / 1_000
        return "\(micros / 1_000)." + Timestamp.pad(Int(micros % 1_000), 3) + " ms"
    }
}
