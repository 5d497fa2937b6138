/// The spans every limit, window and day boundary is built from, in one
/// place, so that "an hour" is written once and a `3_600_000` never has to be
/// read twice to see which span it is.
///
/// Plain `static let`s of integer type with literal values: the compiler
/// initialises them statically and folds them into the ingest's arithmetic
/// (`Timestamp`, `Aggregates`) exactly as it folded the literals they replace.
public enum TimeSpan {
    /// Milliseconds (`Millis`), the unit of every timestamp and aggregate.
    public static let second: Millis = 1_000
    public static let minute: Millis = 60_000
    public static let hour: Millis = 3_600_000
    public static let day: Millis = 86_400_000

    /// The same spans in whole seconds, for the calendar arithmetic of
    /// `Timestamp`, which counts seconds since the epoch.
    public static let secondsPerMinute = 60
    public static let secondsPerHour = 3_600
    public static let secondsPerDay = 86_400

    /// `hours` hours in milliseconds; a fraction is kept to the millisecond
    /// (`--task-limits 0.5` is 30 minutes).
    public static func hours(_ hours: Double) -> Millis { Millis(hours * Double(hour)) }

    /// `minutes` minutes in milliseconds, to the millisecond.
    public static func minutes(_ minutes: Double) -> Millis { Millis(minutes * Double(minute)) }
}
