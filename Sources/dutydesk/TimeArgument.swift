import ArgumentParser
import DutyCore

/// An RFC 3339 time given on the command line (`--at`, `--start`, `--from`).
struct TimeArgument: ExpressibleByArgument, Sendable {
    let millis: Millis
    let offsetMinutes: Int16

    init?(argument: String) {
        guard case .success(let t) = Timestamp.parse(argument) else { return nil }
        millis = t.millis
        offsetMinutes = t.offsetMinutes
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
