import ArgumentParser
import Dispatch
import DutyCore
import DutyDB
#if canImport(Glibc)
import Glibc
#endif

/// `dutydesk push FILE_OR_DIR... --db URL [--follow]`: tails feed files with
/// the same tailer and validation as every other command and commits their
/// lines into the shared database, each batch with its files' positions in
/// one transaction, so a push killed at any moment and started again neither
/// loses nor repeats a line. Wiring only: the batching and the SQL are DutyDB's.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write feed files' records into the shared database (exactly once; --follow keeps tailing)."
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Keep tailing the feeds, committing new lines every poll.")
    var follow = false

    @Option(help: "Poll interval in milliseconds, with --follow.")
    var poll: Int = 500

    @Option(help: ArgumentHelp("Lines per transaction.", visibility: .hidden))
    var batch: Int = 10_000

    @Argument(help: "Feed files or directories of *.jsonl.")
    var paths: [String]

    func validate() throws {
        guard poll >= 10 && poll <= TimeSpan.minute else { throw ValidationError("--poll must be 10…\(TimeSpan.minute) ms") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        Self.unblockEndingSignals()
        let url = try database.url()
        let (session, committed): (DatabaseSession, [FileIdentity: FilePosition])
        do {
            (session, committed) = try Pusher.open(url)
        } catch {
            Output.error(error.description)
            throw ExitCode(2)
        }
        let pusher = Pusher(url: url, session: session, committed: committed, paths: paths, batchLines: batch)
        defer { pusher.close() }
        pusher.pass()
        if !follow {
            pusher.pass(finishing: true)
            for problem in pusher.tailer.oneShotProblems { Output.error(problem) }
            Output.line(pusher.total.line)
            Output.flush()
            if let failure = pusher.failure { Output.error(failure.description); throw ExitCode(2) }
            if !pusher.tailer.oneShotProblems.isEmpty { throw ExitCode(2) }
            return
        }
        Output.line(pusher.total.line)
        Output.flush()
        try followOn(pusher)
    }

    /// A push follows until it is told to stop: SIGTERM, SIGINT and SIGHUP
    /// must end it even when started with them blocked (a parent's mask is
    /// inherited; a test runner's blocks them), as nothing here handles them.
    /// Done first, so every thread started later inherits it.
    static func unblockEndingSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Polls for ever. When the database goes away: says so once, retries
    /// with backoff, and once back starts over from the committed positions.
    private func followOn(_ pusher: Pusher) throws {
        var last = pusher.total
        var backoff = Backoff()
        var offline = false
        while true {
            if let failure = pusher.failure {
                guard Pusher.isOffline(failure) else {
                    Output.error(failure.description + " — stopped; a new push resumes at the committed positions")
                    throw ExitCode(2)
                }
                if !offline {
                    offline = true
                    Output.error("数据库离线 database offline: \(failure.description) — retrying every \(Backoff.first)…\(Int(Backoff.longest)) s")
                }
                usleep(UInt32(backoff.take() * 1_000_000))
                do {
                    try pusher.reconnect()
                } catch where Pusher.isOffline(error) {
                    continue
                } catch {
                    Output.error(error.description + " — stopped; a new push resumes at the committed positions")
                    throw ExitCode(2)
                }
                offline = false
                backoff.reset()
                Output.error("数据库已恢复 database back: resuming at the committed positions")
            }
            pusher.pass()
            if pusher.failure == nil, pusher.total != last {
                last = pusher.total
                Output.line(pusher.total.line)
                Output.flush()
            }
            if pusher.failure == nil { usleep(UInt32(poll) * 1000) }
        }
    }
}
