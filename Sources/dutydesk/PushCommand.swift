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
        let url = try database.url()
        let (session, committed) = try DatabaseCommand.blocking { () async throws -> (DatabaseSession, [FileIdentity: FilePosition]) in
            let session = try await DatabaseSession.connect(url)
            do {
                guard try await Schema.version(session) == Schema.latest else {
                    throw DatabaseError("the database's schema is not this dutydesk's (version \(Schema.latest)): run `dutydesk db init` first")
                }
                return (session, try await RecordLog.positions(session))
            } catch {
                await session.close()
                throw error
            }
        }
        defer { try? Blocking.run { await session.close() } }
        let pusher = Pusher(session: session, sink: PushSink(committed: committed, batchLines: batch))
        let tailer = FeedTailer(paths: paths)
        pusher.pass { tailer.poll(into: &$0) }
        if !follow {
            pusher.pass { tailer.finish(into: &$0) }
            for problem in tailer.oneShotProblems { Output.error(problem) }
            Output.line(pusher.total.line)
            Output.flush()
            if let failure = pusher.failure { Output.error(failure.description); throw ExitCode(2) }
            if !tailer.oneShotProblems.isEmpty { throw ExitCode(2) }
            return
        }
        Output.line(pusher.total.line)
        Output.flush()
        if let failure = pusher.failure { Output.error(failure.description); throw ExitCode(2) }
        var last = pusher.total
        tailer.start(interval: .milliseconds(poll), queue: .main) { tailer in
            pusher.pass { tailer.poll(into: &$0) }
            if let failure = pusher.failure {
                Output.error(failure.description + " — stopped; a new push resumes at the committed positions")
                Output.flush()
                Glibc.exit(2)
            }
            if pusher.total != last {
                last = pusher.total
                Output.line(pusher.total.line)
                Output.flush()
            }
        }
        dispatchMain()
    }
}

/// Runs tailer passes into the sink and commits what they gather: every
/// `batch` lines during a pass, and the rest at its end. The first failure
/// stops all further commits (what was not committed is read again by the
/// next push).
final class Pusher {
    let session: DatabaseSession
    let sink: PushSink
    private(set) var total = PushCounts()
    private(set) var failure: DatabaseError?

    init(session: DatabaseSession, sink: PushSink) {
        self.session = session
        self.sink = sink
        sink.onFull = { [unowned self] _ in self.commit() }
    }

    func pass(_ read: (inout PushSink) -> Void) {
        guard failure == nil else { return }
        sink.newPoll()
        // A local reference: the tailer holds it inout while `onFull`
        // commits through `self.sink` (one object, two accesses).
        var reader = sink
        read(&reader)
        commit()
    }

    private func commit() {
        guard failure == nil else { return }
        let batch = sink.take()
        guard !batch.isEmpty else { return }
        let session = self.session
        do {
            total += try Blocking.run { try await RecordLog.commit(batch, session) }
            sink.committed(batch)
        } catch let error as DatabaseError {
            failure = error
        } catch {
            failure = DatabaseError("\(error)")
        }
    }
}
