import Dispatch
import DutyCore
import PostgresNIO
import Synchronization

/// Follows the record log after a loaded snapshot, on a connection of its
/// own: `LISTEN dutydesk_records`, and a catch-up `seq > last` after every
/// notification, after every (re)connect, and every `safetyInterval` in
/// case a notification never comes. A notification is only a hint to look;
/// the rows are the data, so a lost notification (a disconnect, a
/// restart) costs at most one safety interval, never a line.
///
/// Batches and status changes are handed to `queue` (the console's main
/// queue, where its store lives); nothing here touches a store. When the
/// database goes away it says `offline(since:reason:)` once, then again with
/// each new reason, and reconnects with backoff (0.5 s doubling to 10 s);
/// back online it catches up from the last seq handed over: nothing lost,
/// nothing twice.
public final class RecordFollower: Sendable {
    public enum Status: Sendable, Equatable {
        case online
        /// Since when (wall clock, ms) and the last reason (no password in it).
        case offline(since: Millis, reason: String)
    }

    public static let channel = "dutydesk_records"

    let url: DatabaseURL
    let town: String?
    let origin: LogMark
    let queue: DispatchQueue
    let safetyInterval: Duration
    /// A read that takes longer is taken for a dead link (a cut network
    /// sends no error for many minutes): the connection is closed, which
    /// fails the read, and the follower says offline and reconnects.
    let readTimeout: Duration
    /// What the role may read, found on each connection (a town's role: its records only).
    private let access = Mutex(LogAccess.full)
    let deliver: @Sendable (LogBatch) -> Void
    let report: @Sendable (Status) -> Void
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// `deliver` and `report` run on `queue`, in the order the follower made them.
    public init(url: DatabaseURL, town: String?, after position: LogMark, queue: DispatchQueue,
                safetyInterval: Duration = .seconds(3), readTimeout: Duration = .seconds(10),
                deliver: @escaping @Sendable (LogBatch) -> Void, report: @escaping @Sendable (Status) -> Void) {
        self.url = url; self.town = town; origin = position; self.queue = queue
        self.safetyInterval = safetyInterval; self.readTimeout = readTimeout; self.deliver = deliver; self.report = report
    }

    public func start() {
        task.withLock { running in
            guard running == nil else { return }
            running = Task { [self] in await follow() }
        }
    }

    public func stop() {
        task.withLock { $0?.cancel(); $0 = nil }
    }

    /// Reconnects until stopped; each connection follows until it fails.
    private func follow() async {
        var position = origin
        var delay = Duration.milliseconds(500)
        var offlineSince: Millis?
        while !Task.isCancelled {
            do {
                let session = try await DatabaseSession.connect(url)
                do {
                    try await session.connection.listen(on: Self.channel) { notifications in
                        // Listening now: whatever commits from here on is either
                        // in this catch-up or notified after it.
                        let readable = try await bounded(session) { try await LogAccess.of($0) }
                        access.withLock { $0 = readable }
                        try await catchUp(&position, session)
                        offlineSince = nil
                        delay = .milliseconds(500)
                        hand(.online)
                        try await followOn(notifications, &position, session)
                    }
                    await session.close()
                } catch {
                    // Not awaited: closing a connection the server dropped may hang too.
                    Task { await session.close() }
                    throw error
                }
            } catch {
                if Task.isCancelled { return }
                let since = offlineSince ?? Platform.wallClockMillis()
                offlineSince = since
                let reason = (error as? DatabaseError)?.description ?? DatabaseError.from(error, url: url, doing: "following the record log").description
                hand(.offline(since: since, reason: reason))
            }
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
        }
    }

    /// Wakes on each notification and each safety tick, and catches up;
    /// throws when the connection fails (the notifications end or a read
    /// fails). `position` moves with every batch handed over, whatever ends
    /// this: the next connection starts from there, never before.
    private func followOn(_ notifications: PostgresNotificationSequence, _ position: inout LogMark,
                          _ session: DatabaseSession) async throws {
        let (wakes, wake) = AsyncThrowingStream<Void, any Error>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let interval = safetyInterval
        // Unstructured, so that leaving here never waits for them: closing the
        // connection (or cancelling) ends both.
        let listener = Task {
            do {
                for try await _ in notifications { wake.yield() }
                wake.finish(throwing: DatabaseError("the database closed the notification stream"))
            } catch {
                wake.finish(throwing: error)
            }
        }
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield()
            }
        }
        defer { listener.cancel(); ticker.cancel(); wake.finish() }
        for try await _ in wakes {
            try await catchUp(&position, session)
        }
    }

    /// Reads and hands over everything after `position`, a page at a time,
    /// until a read brings nothing new; `position` moves past each page as
    /// it is handed over, so a failure later in the loop repeats nothing.
    private func catchUp(_ position: inout LogMark, _ session: DatabaseSession) async throws {
        while !Task.isCancelled {
            let from = position, town = town, readable = access.withLock { $0 }
            let batch = try await bounded(session) { try await RecordLog.read(after: from, town: town, access: readable, $0) }
            if batch.position == position { return }
            if !batch.isEmpty { hand(batch) }
            position = batch.position   // handed over: never read again
        }
    }

    /// Runs one read, giving up on it if it outlasts `readTimeout`: the
    /// connection is closed and the read abandoned, never awaited, since a
    /// query on a connection the server dropped may never return (seen with
    /// postgres-nio 1.33.2 under load: a follower waited for ever and never
    /// said offline).
    private func bounded<T: Sendable>(_ session: DatabaseSession,
                                      _ read: @escaping @Sendable (DatabaseSession) async throws -> T) async throws -> T {
        let limit = readTimeout
        let outcome = Outcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.arm(continuation)
            let work = Task {
                do { outcome.settle(.success(try await read(session))) } catch { outcome.settle(.failure(error)) }
            }
            let watchdog = Task {
                try? await Task.sleep(for: limit)
                guard !Task.isCancelled else { return }
                if outcome.settle(.failure(DatabaseError("no answer from the database for \(limit): connection closed"))) {
                    work.cancel()
                    Task { await session.close() }
                }
            }
            outcome.onSettle { watchdog.cancel() }
        }
    }

    /// The first of a read's result and its watchdog, given once to the waiting caller.
    private final class Outcome<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var result: Result<T, any Error>?
            var settled = false
            var then: (@Sendable () -> Void)?
        }
        private let state = Mutex(State())

        func arm(_ c: CheckedContinuation<T, any Error>) { state.withLock { $0.continuation = c } }

        func onSettle(_ action: @escaping @Sendable () -> Void) {
            let now = state.withLock { s -> Bool in
                if s.settled { return true }
                s.then = action
                return false
            }
            if now { action() }
        }

        /// True when this was the first result (the caller gets it).
        @discardableResult
        func settle(_ result: Result<T, any Error>) -> Bool {
            let taken = state.withLock { s -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?)? in
                guard !s.settled else { return nil }
                s.settled = true
                let c = s.continuation
                s.continuation = nil
                return (c, s.then)
            }
            guard let (continuation, then) = taken else { return false }
            continuation?.resume(with: result)
            then?()
            return true
        }
    }

    private func hand(_ batch: LogBatch) {
        let deliver = deliver
        queue.async { deliver(batch) }
    }

    private func hand(_ status: Status) {
        let report = report
        queue.async { report(status) }
    }
}
