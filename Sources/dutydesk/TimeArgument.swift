import ArgumentParser
import DutyCore

/// An RFC 3339 time given on the command line (`--at`, `--start`, `--from`).
struct TimeArgument: ExpressibleByArgument, Sendable {
    let millis: Millis
    let offsetMinutes: Int16
    /// The text as given: `--help` shows a default as the user would type
    /// it (the synthesised description would be `TimeArgument(millis: …)`).
    let text: String

    init?(argument: String) {
        guard case .success(let t) = Timestamp.parse(argument) else { return nil }
        millis = t.millis
        offsetMinutes = t.offsetMinutes
        text = argument
    }

    var defaultValueDescription: String { text }

    static var defaultCompletionKind: CompletionKind { .default }
}
