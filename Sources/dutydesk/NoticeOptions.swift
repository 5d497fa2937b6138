import ArgumentParser
import DutyCore
import DutyDB

#if canImport(Glibc)
import Glibc
#endif

/// What every `dutydesk notice` subcommand shares: the ledger it acts
/// through (the journal, or the shared database with `--db`), who acts, the
/// language of its messages; opening the store as a console would see it
/// (the feeds named, then the journal or the database's log), and saying an
/// action's outcome with the core's own words.
struct NoticeOptions: ParsableArguments {
    @Option(help: "The operator journal the document's records go to (made when missing); its copies go to notices/ beside it.")
    var journal: String?

    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Act through the shared database instead of a journal: postgres://USER:PASSWORD@HOST:PORT/DATABASE (the operator is the database role).",
        valueName: "url"))
    var db: String?

    @Option(help: "With --db: the folder whose notices/ gets the documents' copies (default: the current folder).")
    var documents: String?

    @Option(help: "Operator name written as `by` (default: the login name, as the console).")
    var `operator`: String?

    @Option(help: "Language of messages: zh or en.")
    var lang: Language = .zh

    /// The desk to act at: a store on the console's clock (`DUTYDESK_NOW`
    /// or the wall), with `feeds` ingested and then everything the journal
    /// holds, so a reply finds the document and the preview before the lock
    /// sees what every console did. Exits 2 when a feed or the journal
    /// cannot be read: an action is never taken on a partial picture.
    func desk(feeds: [String]) throws -> ActionDesk {
        DutyDesk.bootstrapLogging()
        let store = Store(clock: try WatchCommand.clock())
        if !feeds.isEmpty {
            let tailer = FeedTailer(paths: feeds)
            var sink = store
            tailer.poll(into: &sink)
            tailer.finish(into: &sink)
            if !tailer.oneShotProblems.isEmpty {
                for problem in tailer.oneShotProblems { Output.error(problem) }
                Output.error(lang == .zh ? "未执行任何操作" : "nothing done")
                throw ExitCode(2)
            }
        }
        let console = "\(Environment.hostName)-\(getpid())"
        let log: any ActionLedger
        switch try ledgerPlace() {
        case .database(let url):
            // The whole log, as a console loads it; the action reads only what comes after.
            log = DatabaseLedger.open(url: url, console: console, documentsFolder: documents ?? ".")
            switch log.poll() {
            case .success(let read): for r in read.records { store.apply(r) }
            case .failure(let failure): try fail(failure)
            }
        case .journal(let journal):
            let file = OperatorJournal(path: journal, console: console)
            log = file
            if let failure = file.preflight() { try fail(failure) }
            if Platform.identity(ofName: journal) != nil {
                // Read under the shared lock; the append reads only what comes after.
                switch file.poll() {
                case .success(let read): for r in read.records { store.apply(r) }
                case .failure(let failure): try fail(failure)
                }
            }
        }
        return ActionDesk(store: store, journal: log, operatorName: Environment.operatorName(`operator`))
    }

    /// Where the records go: `--journal FILE` or `--db URL`, exactly one
    /// (a usage error otherwise, which never quotes the URL).
    enum Place { case journal(String), database(DatabaseURL) }

    func ledgerPlace() throws -> Place {
        switch (journal, db) {
        case (let journal?, nil):
            guard documents == nil else { throw ValidationError("--documents goes with --db; with --journal the copies go beside the journal") }
            return .journal(journal)
        case (nil, let db?): return .database(try DatabaseOptions.parse(db))
        case (nil, nil): throw ValidationError("give --journal FILE or --db URL")
        case (_?, _?): throw ValidationError("give --journal FILE or --db URL, not both")
        }
    }

    /// What a failure names: the journal's path, or the database without its password.
    var placeShown: String {
        if let journal { return Sanitize.path(journal) }
        return db.flatMap { try? DatabaseURL($0).redacted } ?? "database"
    }

    /// The records written, or the core's reason on stderr and the exit
    /// status: 1 when the action does not apply (refused, or the document
    /// changed meanwhile), 2 when the journal cannot be written or the
    /// database cannot be reached.
    func written(_ outcome: JournaledAction.Outcome, _ action: Label) throws -> [Record] {
        let name = action.text(lang)
        switch outcome {
        case .written(let records):
            return records
        case .refused(let refusal):
            Output.error(name + ": " + refusal.message.text(lang))
            throw ExitCode(1)
        case .conflict(let refusal):
            Output.error(name + " ✗ " + refusal.message.text(lang))
            throw ExitCode(1)
        case .failed(let failure), .blocked(let failure):
            try fail(failure)
        case .unavailable(let failure):
            Output.error(name + " ✗ " + failure.text(lang))
            throw ExitCode(2)
        }
    }

    /// A journal (or database) that cannot be opened, read or written: named, exit 2.
    func fail(_ failure: JournalFailure) throws -> Never {
        Output.error(placeShown + ": " + failure.text(lang))
        throw ExitCode(2)
    }

    /// "DOC-2026-S0007 奉综指督〔2026〕7号 已回复": the document as the action left it.
    /// Reply, close, withdraw: the action on the journal, its records' line printed.
    func act(_ action: OperatorAction, _ label: Label, feeds: [String]) throws {
        let records = try written(desk(feeds: feeds).perform(action), label)
        Output.line(line(records))
        Output.flush()
    }

    func line(_ records: [Record]) -> String {
        records.filter { $0.kind == .notice }.map { r -> String in
            guard case .notice(let n) = r.snapshot.body else { return r.id }
            return r.id + " " + n.number + " " + r.snapshot.statusLabel.text(lang)
        }.joined(separator: "\n")
    }
}

extension NoticeType: ExpressibleByArgument {
    public init?(argument: String) { self.init(wire: argument) }
    public static var allValueStrings: [String] { wireNames }
    public var defaultValueDescription: String { wire }
}

/// `--due`: an RFC 3339 time, or `none` when no reply is asked.
enum DueArgument: ExpressibleByArgument {
    case noReply
    case time(Millis)

    init?(argument: String) {
        if argument == "none" { self = .noReply; return }
        guard let t = TimeArgument(argument: argument) else { return nil }
        self = .time(t.millis)
    }

    var millis: Millis? {
        switch self {
        case .noReply: nil
        case .time(let t): t
        }
    }
}
