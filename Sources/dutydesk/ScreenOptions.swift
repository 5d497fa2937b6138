import ArgumentParser
import DutyCore
import Foundation
import DutyTerminal
import DutyUI

/// Options every screen command shares.
struct ScreenOptions: ParsableArguments {
    @Option(help: "Theme name: default, light, high-contrast, mono (or a NAME.toml in $DUTYDESK_THEMES).")
    var theme: String = "default"

    @Option(help: "A theme file (TOML) to use instead of a named theme.")
    var themeFile: String?

    @Option(help: "Language of labels: zh or en (L switches while running).")
    var lang: Language = .zh

    @Flag(help: "Do not capture the mouse (click to select, wheel to scroll).")
    var noMouse = false

    @Option(help: "Operator name written as `by` in every action (default: the login name).")
    var `operator`: String?

    @Option(help: "Task time limits in hours for P1,P2,P3,P4 (due = dispatch + limit).")
    var taskLimits: String = TaskTimeLimits.standard.hoursText

    @Option(help: "The operator journal (JSON Lines). watch: default operator-journal.jsonl in the first feed directory; demo: a scratch file in a temporary directory.")
    var journal: String?

    @Flag(help: "demo and replay: keep the scratch folder (generated day, scratch journal) on exit and say where it is.")
    var keepScratch = false

    /// The themes `t` cycles through, the chosen one first. NO_COLOR or a
    /// terminal without colour gets mono, so symbols and attributes carry meaning.
    func loadThemes() throws -> [Theme] {
        let locator = ThemeLocator.standard()
        var first: Theme
        do {
            first = try locator.load(name: theme, file: themeFile)
        } catch {
            throw ValidationError(Sanitize.lines("\(error)"))   // names a theme file
        }
        if TerminalCapabilities.noColorRequested { first = BuiltinThemes.mono }
        var themes = [first]
        for name in ["default", "light", "high-contrast", "mono"] where name != first.name {
            if let t = try? locator.load(name: name) { themes.append(t) }
        }
        return themes
    }

    /// Refuses clearly, before touching the terminal, when there is no screen.
    func checkTerminal() throws {
        do {
            _ = try TerminalCapabilities.check(output: 1, term: TerminalCapabilities.environmentTerm)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
    }
}

extension ScreenOptions {
    /// Opens the console over a store and its feed; returns only by exiting.
    /// Refuses first (exit 2) when there is no terminal to draw on.
    func openConsole(store: Store, feed: @autoclosure () -> ConsoleSession.Feed, journalPath: String,
                     recorder: RecordingWriter? = nil,
                     scratch: ScratchFolder? = nil) throws -> Never {
        try checkTerminal()
        let themes = try loadThemes()
        _ = DisplayWidth.ensureUTF8Locale()
        // The console runs on the main queue: debug builds check that the
        // store and the journal are only used from there.
        store.confine(to: .main)
        let session = ConsoleSession(store: store, feed: feed(), themes: themes, language: lang)
        let name = Environment.operatorName(`operator`)
        let consoleID = "\(Environment.hostName)-\(getpid())"
        let directory = (journalPath as NSString).deletingLastPathComponent
        let journal = OperatorJournal(path: journalPath, console: consoleID)
        journal.confine(to: .main)
        session.performer = ActionPerformer(
            desk: ActionDesk(store: store, journal: journal, operatorName: name, limits: try limits(), recorder: recorder),
            handoverDirectory: directory.isEmpty ? "." : directory)
        session.recorder = recorder
        session.scratch = scratch
        try session.run(mouse: !noMouse)
    }

    /// `--task-limits 2,4,24,72` as limits (hours may have a fraction: 0.5).
    func limits() throws -> TaskTimeLimits {
        let hours = taskLimits.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard hours.count == 4, hours.allSatisfy({ $0 > 0 && $0 <= 24 * 365 }) else {
            throw ValidationError("--task-limits needs four positive hours for P1,P2,P3,P4, e.g. 2,4,24,72")
        }
        let ms = hours.map { TimeSpan.hours($0) }
        return TaskTimeLimits(p1: ms[0], p2: ms[1], p3: ms[2], p4: ms[3])
    }

    /// The journal for `watch`: `--journal`, else in the first feed
    /// directory (so every console watching it ingests it like any feed).
    func journalPath(feeds: [String]) -> String {
        if let journal { return journal }
        for path in feeds {
            if let info = Platform.stat(path: path), info.isDirectory { return Self.inside(path) }
        }
        // A path not there yet that is not a feed file's name is the folder
        // being waited for: the journal goes in it, as it will once it exists.
        if let first = feeds.first, Platform.stat(path: first) == nil, !FeedFileNames.isFeed(Self.lastComponent(first)) {
            return Self.inside(first)
        }
        let first = feeds.first.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        return Self.inside(first.isEmpty ? "." : first)
    }

    /// `folder/operator-journal.jsonl`, without a doubled slash ("/" stays "/").
    static func inside(_ folder: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + "operator-journal.jsonl"
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The demo's or replay's scratch folder (see `ScratchFolder`); exit 2
    /// with the reason when it cannot be made.
    func makeScratch() throws -> ScratchFolder {
        do {
            return try ScratchFolder.create(keep: keepScratch)
        } catch {
            Output.error("\(error)")
            throw ExitCode(2)
        }
    }
}

extension Language: ExpressibleByArgument {}
