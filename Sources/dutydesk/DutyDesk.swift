import ArgumentParser
import DutyCore
import Logging

/// The `dutydesk` command: wiring only. Every subcommand builds what it needs
/// from the core and UI libraries and hands over.
@main
struct DutyDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dutydesk",
        abstract: "奉化区综合指挥中心 · 值班台 — the duty officer's console of the Fenghua district command center.",
        discussion: """
            Feeds are JSON Lines files of event, task, mediation and alert records \
            (see README.md for the format). Diagnostics go to stderr; set DUTYDESK_LOG=debug for more.
            """,
        subcommands: [DemoCommand.self, WatchCommand.self, ReplayCommand.self, CheckCommand.self, StatsCommand.self, AlertsCommand.self, GenerateCommand.self, RecordCommand.self, NoticeCommand.self, ReportCommand.self, DatabaseCommand.self, PushCommand.self],
        defaultSubcommand: DemoCommand.self
    )

    /// Diagnostics go to stderr, at the level in $DUTYDESK_LOG (warnings
    /// when unset). A screen command (`console`) owns the terminal: a line
    /// on stderr would land in the middle of the screen, so there they go
    /// nowhere unless DUTYDESK_LOG is set and stderr is not a terminal
    /// (`dutydesk watch DIR 2>/tmp/dutydesk.log`). Called once, first thing
    /// in every command's `run`, before anything that logs (loggers keep the
    /// handler they were made with).
    static func bootstrapLogging(console: Bool = false) {
        let asked = Environment.get("DUTYDESK_LOG")
        let level = asked.flatMap { Logger.Level(rawValue: $0) } ?? .warning
        let silent = console && (asked == nil || isatty(2) != 0)
        LoggingSystem.bootstrap { label in
            if silent { return SwiftLogNoOpLogHandler(label) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Reads the environment through one door.
enum Environment {
    static func get(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }

    /// Who acts: `--operator`, else the login name, else 值班员 — the same
    /// for the console and `dutydesk notice`.
    static func operatorName(_ given: String?) -> String {
        given ?? get("USER") ?? get("LOGNAME") ?? "值班员"
    }

    /// This host's name, for the console id in journal records.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "console" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#endif
