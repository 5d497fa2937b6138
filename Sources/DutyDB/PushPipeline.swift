import Dispatch
import Synchronization

/// Commits `push`'s batches one behind the reading: while the server writes
/// batch k, the caller's thread validates and gathers batch k+1.
///
/// Why: the two halves use different cores (the tailer and parser here, the
/// server's backend there), so a push that waited for each commit before
/// reading on left one of them idle for the other's whole share. One batch in
/// flight at most: memory stays two batches, and batches still commit in
/// reading order, each with its positions, so exactly-once is unchanged
/// (a batch read but never started is read again from the committed
/// positions, as a killed push's is).
///
/// Used from one thread (the pusher's); the commit runs as a task of its own.
public final class PushPipeline {
    public typealias Outcome = (batch: PushBatch, result: Result<PushCounts, DatabaseError>)

    private let session: DatabaseSession
    private var inFlight: Commit?

    public init(session: DatabaseSession) { self.session = session }

    /// Whether a batch is being committed.
    public var busy: Bool { inFlight != nil }

    /// Starts committing `batch`. Call `settle()` first: one batch at a time.
    public func start(_ batch: PushBatch) {
        precondition(inFlight == nil, "a push batch is still in flight: settle() it first")
        let commit = Commit(), session = self.session
        inFlight = commit
        Task {
            let result: Result<PushCounts, DatabaseError>
            do throws(DatabaseError) { result = .success(try await RecordLog.commit(batch, session)) } catch { result = .failure(error) }
            commit.outcome.withLock { $0 = (batch, result) }
            commit.done.signal()
        }
    }

    /// Waits for the batch in flight, if any, and returns how it ended.
    public func settle() -> Outcome? {
        guard let commit = inFlight else { return nil }
        commit.done.wait()
        inFlight = nil
        return commit.outcome.withLock { $0 }
    }

    /// One commit's outcome and its signal, shared with its task.
    private final class Commit: Sendable {
        let outcome = Mutex<Outcome?>(nil)
        let done = DispatchSemaphore(value: 0)
    }
}
