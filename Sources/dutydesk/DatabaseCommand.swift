import ArgumentParser
import DutyCore
import DutyDB

/// `dutydesk db init|status`: the shared database's schema (issue 15).
/// Wiring only: the schema and its steps are DutyDB's.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create or upgrade the shared PostgreSQL schema (init), or show its version and row counts (status).",
        subcommands: [Init.self, Status.self]
    )

    /// Creates or upgrades the schema, in one transaction; running it again changes nothing.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create the schema, or upgrade it to this dutydesk's version (idempotent, one transaction)."
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            DutyDesk.bootstrapLogging()
            let url = try database.url()
            let (from, to) = try DatabaseCommand.blocking {
                try await DatabaseSession.with(url) { try await Schema.migrate($0) }
            }
            Output.line(from == to ? "schema version \(to): up to date" : from == 0 ? "schema version \(to): created" : "schema version \(from) → \(to): upgraded")
            Output.flush()
        }
    }

    /// The schema's version and each table's rows; exit 1 when there is no schema.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Print the schema version and the row count of each table (exit 1 when there is no schema)."
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            DutyDesk.bootstrapLogging()
            let url = try database.url()
            let status = try DatabaseCommand.blocking {
                try await DatabaseSession.with(url) { try await DatabaseStatus.read($0) }
            }
            Output.line("database \(url.redacted)")
            for line in status.lines { Output.line(line) }
            Output.flush()
            if status.version == nil { throw ExitCode(1) }
        }
    }

    /// Runs database work; a database failure is named on stderr (no
    /// password in it) and ends the command with exit 2.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        do {
            return try Blocking.run(body)
        } catch let error as DatabaseError {
            Output.error(error.description)
            throw ExitCode(2)
        }
    }
}
