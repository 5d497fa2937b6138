import ArgumentParser
import DutyCore
import DutyDB
import DutyUI
import Foundation

/// What a console over the shared database follows: where the database is,
/// the town it is limited to (nil: the district), and where its initial
/// load ended (the follower reads `seq >` that).
struct DatabaseFeed {
    let url: DatabaseURL
    let town: String?
    let position: LogMark

    /// Loads the log (or a town's records) into `store` before the screen
    /// starts, saying on stderr how many lines it is loading and how long it
    /// took: a million records take seconds, and a screen that stays blank
    /// meanwhile looks hung; stderr is still the terminal then, and the
    /// screen starts over the loaded state. A database that cannot be
    /// reached ends the command here (exit 2, the reason on stderr).
    static func load(_ url: DatabaseURL, town: String?, into store: Store, language: Language?) throws -> DatabaseFeed {
        let started = Platform.wallClockMillis()
        let roleTown = try DatabaseCommand.blocking {
            try await DatabaseSession.with(url) { session in
                guard try await Schema.version(session) == Schema.latest else {
                    throw DatabaseError("the database's schema is not this dutydesk's (version \(Schema.latest)): run `dutydesk db init` first")
                }
                return try await TownRoles.town(of: session)
            }
        }
        // A town's role sees its town only: `--town` is implied, and another
        // town would show an empty console, so it is refused here.
        if let roleTown, let town, town != roleTown {
            throw DatabaseError("role \(url.user) is \(roleTown)'s: --town \(town) would show nothing (leave --town out, or name \(roleTown))")
        }
        let town = town ?? roleTown
        if let language {
            // Written here, on the main thread (Output's), before the load starts.
            let count = try DatabaseCommand.blocking { try await DatabaseSession.with(url) { try await RecordLog.count(town: town, $0) } }
            Output.error(ConsoleLabels.of("ui", "db_loading").text(language).replacingAll("{count}", with: "\(count)"))
        }
        let position = try DatabaseCommand.blocking {
            try await DatabaseSession.with(url) { try await RecordLog.load(into: store, $0, town: town) }
        }
        if language != nil {
            let tenths = (Platform.wallClockMillis() - started + 50) / 100
            Output.error((language == .zh ? "已载入 \(store.records) 条" : "loaded \(store.records) records") + " (\(tenths / 10).\(tenths % 10) s)")
        }
        return DatabaseFeed(url: url, town: town, position: position)
    }

    /// Files or `--db`, never both; `--town` only with `--db`.
    static func validate(paths: [String], db: String?, town: String?) throws {
        if db != nil {
            guard paths.isEmpty else { throw ValidationError("--db reads the database alone: no feed files") }
        } else {
            if paths.isEmpty { throw ValidationError("give at least one feed file or directory, or --db URL") }
            if town != nil { throw ValidationError("--town goes with --db") }
        }
        try validate(town: town)
    }

    /// `--town` must name one of the district's 12 towns, exactly.
    static func validate(town: String?) throws {
        guard let town else { return }
        guard District.towns.contains(where: { $0.name == town }) else {
            throw ValidationError("--town must be one of: " + District.towns.map(\.name).joined(separator: " "))
        }
    }
}
