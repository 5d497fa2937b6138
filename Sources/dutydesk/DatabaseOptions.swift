import ArgumentParser
import DutyDB

/// `--db URL`, else `$DUTYDESK_DB`: where the shared state lives. Kept as a
/// plain string so that argument-parser never quotes it back in a usage
/// error: the URL may hold a password.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The shared database, postgres://USER:PASSWORD@HOST:PORT/DATABASE (default: $DUTYDESK_DB).",
        valueName: "url"))
    var db: String?

    /// The parsed URL; a usage error (exit 64) when none is given or it does not parse.
    func url() throws -> DatabaseURL {
        guard let text = db ?? Environment.get("DUTYDESK_DB"), !text.isEmpty else {
            throw ValidationError("no database: give --db postgres://USER:PASSWORD@HOST:PORT/DATABASE or set DUTYDESK_DB")
        }
        return try Self.parse(text)
    }

    /// A URL given on the command line; a usage error that never quotes it.
    static func parse(_ text: String) throws -> DatabaseURL {
        do {
            return try DatabaseURL(text)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
