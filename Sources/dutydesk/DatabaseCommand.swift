import ArgumentParser
import Foundation
import DutyCore
import DutyDB

/// `dutydesk db init|status`: the shared database's schema (issue 15).
/// Wiring only: the schema and its steps are DutyDB's.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create or upgrade the shared PostgreSQL schema (init), or show its version and row counts (status).",
        subcommands: [Init.self, Status.self, Grant.self]
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

    /// Makes or updates a town's or the district's login role (schema step 3).
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Create or update a login role for a town's operators (--town) or the district's (--district); idempotent.",
            discussion: "The role reads and writes only what PostgreSQL lets its group: a town role only its town's records. The password is read from a file, never from the command line, and never printed."
        )

        @Argument(help: ArgumentHelp("The login role to create or update.", valueName: "role"))
        var role: String

        @Option(help: ArgumentHelp("The town whose records the role may read and write (one of the district's 12).", valueName: "town"))
        var town: String?

        @Flag(help: "A role of the district center: every record.")
        var district = false

        @Option(help: ArgumentHelp("A file whose first line is the role's new password (without it the password is left as it is).", valueName: "file"))
        var passwordFile: String?

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            switch (town, district) {
            case (nil, false): throw ValidationError("give --town TOWN or --district")
            case (.some, true): throw ValidationError("give --town TOWN or --district, not both")
            default: break
            }
            // A wrong town or role name is named here, with this command's usage.
            do {
                _ = try RoleGrant(role: role, scope: town.map(RoleGrant.Scope.town) ?? .district, password: nil)
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() throws {
            DutyDesk.bootstrapLogging()
            let url = try database.url()
            var password: String?
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    Output.error("\(passwordFile): cannot read the password file")
                    throw ExitCode(2)
                }
                password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            }
            let grant: RoleGrant
            do {
                grant = try RoleGrant(role: role, scope: town.map(RoleGrant.Scope.town) ?? .district, password: password)
            } catch {
                Output.error("\(passwordFile ?? ""): \(error.description)")   // the names passed validate(): the file is empty
                throw ExitCode(2)
            }
            let outcome = try DatabaseCommand.blocking {
                try await DatabaseSession.with(url) { try await grant.apply($0) }
            }
            let scope = town.map { "town \($0)" } ?? "district"
            let secret = outcome.passwordSet ? "password set" : outcome.created ? "no password" : "password unchanged"
            Output.line("role \(role): \(scope) (\(outcome.created ? "created" : "updated"), \(secret))")
            Output.flush()
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
