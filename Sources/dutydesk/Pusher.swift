import DutyCore
import DutyDB

/// Runs tailer passes into a `PushSink` and commits what they gather: every
/// `batch` lines during a pass, and the rest at its end. The first failure
/// stops all further commits; what was not committed is read again, either
/// by the next push or, with `--follow`, after `reconnect()`, which starts
/// over from the positions the database holds (as a restarted push does):
/// a batch whose COMMIT was lost with the connection is found there or not,
/// never guessed.
final class Pusher {
    let url: DatabaseURL
    let paths: [String]
    let batchLines: Int
    private var session: DatabaseSession
    private var pipeline: PushPipeline
    private var sink: PushSink
    private(set) var tailer: FeedTailer
    private(set) var total = PushCounts()
    private(set) var failure: DatabaseError?

    init(url: DatabaseURL, session: DatabaseSession, committed: [FileIdentity: FilePosition], paths: [String], batchLines: Int) {
        self.url = url; self.session = session; self.paths = paths; self.batchLines = batchLines
        pipeline = PushPipeline(session: session)
        sink = PushSink(committed: committed, batchLines: batchLines)
        tailer = FeedTailer(paths: paths)
        wire()
    }

    private func wire() {
        sink.onFull = { [unowned self] _ in self.commit() }
    }

    /// Opens a session on a database with this dutydesk's schema, and the positions committed there.
    static func open(_ url: DatabaseURL) throws(DatabaseError) -> (DatabaseSession, [FileIdentity: FilePosition]) {
        do {
            return try Blocking.run { () async throws -> (DatabaseSession, [FileIdentity: FilePosition]) in
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
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError("\(error)")
        }
    }

    /// One poll of the feeds (or, `finishing`, the held last lines), committed.
    func pass(finishing: Bool = false) {
        guard failure == nil else { return }
        // A local reference: the tailer holds it inout while `onFull`
        // commits through `self.sink` (one object, two accesses).
        var reader = sink
        if finishing { tailer.finish(into: &reader) } else { tailer.poll(into: &reader) }
        commit()
        settle()
    }

    /// Hands the gathered batch to the pipeline, once the one before it is
    /// settled: the tailer reads on while it commits.
    private func commit() {
        let batch = sink.take()
        settle()
        // After a failure the rest is dropped: it is read again from the committed positions.
        guard failure == nil, !batch.isEmpty else { return }
        pipeline.start(batch)
    }

    /// Waits for the batch in flight and counts it, or keeps its failure.
    private func settle() {
        guard let (batch, result) = pipeline.settle() else { return }
        switch result {
        case .success(let counts):
            total += counts
            sink.committed(batch)
        case .failure(let error):
            if failure == nil { failure = error }
        }
    }

    /// Connects again and starts over from the positions the database holds:
    /// a new sink and a new tailer, which reads the files from their start
    /// and skips what is committed. Throws (and stays failed) while the
    /// database is still away.
    func reconnect() throws(DatabaseError) {
        let old = session
        try? Blocking.run { await old.close() }
        let (session, committed) = try Self.open(url)
        self.session = session
        pipeline = PushPipeline(session: session)
        sink = PushSink(committed: committed, batchLines: batchLines)
        tailer = FeedTailer(paths: paths)
        wire()
        failure = nil
    }

    func close() {
        settle()
        let session = self.session
        try? Blocking.run { await session.close() }
    }

    /// Whether `error` means the server is away (connection refused, closed,
    /// shut down, starting up) rather than something a retry cannot mend.
    static func isOffline(_ error: DatabaseError) -> Bool {
        guard let state = error.sqlState else { return true }
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03", "53300"].contains(state)
    }
}

/// The delays between reconnection attempts: 0.5 s, doubling, at most 10 s.
struct Backoff {
    static let first = 0.5, longest = 10.0
    private(set) var next = Backoff.first

    mutating func take() -> Double {
        defer { next = min(next * 2, Self.longest) }
        return next
    }

    mutating func reset() { next = Self.first }
}
