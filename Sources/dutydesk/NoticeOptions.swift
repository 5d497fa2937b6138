import ArgumentParser
import DutyCore

#if canImport(Glibc)
import Glibc
#endif

/// What every `dutydesk notice` subcommand shares: the journal it acts
/// through, who acts, the language of its messages; opening the store as a
/// console would see it (the feeds named, then the journal), and saying an
/// action's outcome with the core's own words.
struct NoticeOptions: ParsableArguments {
    @Option(help: "The operator journal the document's records go to (made when missing); its copies go to notices/ beside it.")
    var journal: String

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
        let log = OperatorJournal(path: journal, console: "\(Environment.hostName)-\(getpid())")
        if let failure = log.preflight() { try fail(failure) }
        if Platform.identity(ofName: journal) != nil {
            // Read under the shared lock; the append reads only what comes after.
            switch log.poll() {
            case .success(let read): for r in read.records { store.apply(r) }
            case .failure(let failure): try fail(failure)
            }
        }
        return ActionDesk(store: store, journal: log, operatorName: Environment.operatorName(`operator`))
    }

    /// The records written, or the core's reason on stderr and the exit
    /// status: 1 when the action does not apply (refused, or the document
    /// changed meanwhile), 2 when the journal cannot be written.
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
        }
    }

    /// A journal that cannot be opened, read or written: named, exit 2.
    func fail(_ failure: JournalFailure) throws -> Never {
        Output.error(Sanitize.path(journal) + ": " + failure.text(lang))
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
