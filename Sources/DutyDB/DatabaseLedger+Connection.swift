import Dispatch
import DutyCore
import NIOCore
import PostgresNIO
import Synchronization

/// The ledger's one connection: made on demand (about 2 s to answer), each
/// statement given a bounded time (5 s; BEGIN on a kept connection 1 s,
/// since a connection whose server was stopped may never fail its query),
/// and dropped whenever the database goes away, so the next action connects
/// again rather than waiting on a dead socket.
extension DatabaseLedger {
    /// The connection, connecting first when there is none; learns the role acting.
    func connected() throws -> DatabaseSession {
        if let session { return session }
        let url = self.url
        do {
            let made = try Self.waiting(Int(Self.connectSeconds) + 1) { () async throws -> DatabaseSession in
                try await DatabaseSession.connect(url, connectTimeout: .seconds(Self.connectSeconds))
            }
            session = made
            let (role, echoes) = try statement("reading the role") { s in
                let rows = try await s.connection.query(
                    "SELECT current_user::text, has_table_privilege('record_echoes', 'SELECT')", logger: s.logger)
                for try await row in rows.decode((String, Bool).self) { return row }
                return (s.url.user, false)
            }
            operatorIdentity = role
            readsEchoes = echoes
            return made
        } catch {
            drop()
            throw LedgerFault.from(error, url: url, doing: "connecting to the database", timedOut: false)
        }
    }

    /// Runs `body` on the connection, synchronously. A statement with no
    /// answer within `patience` seconds is given up as offline; an offline
    /// fault drops the connection.
    func statement<T: Sendable>(_ what: String, patience: Int = DatabaseLedger.patienceSeconds,
                                _ body: @escaping @Sendable (DatabaseSession) async throws -> T) throws -> T {
        let session = try connected()
        do {
            return try Self.waiting(patience) { try await body(session) }
        } catch {
            let fault = LedgerFault.from(error, url: url, doing: what, timedOut: error is NoAnswer)
            if fault.nature == .offline { drop() }
            throw fault
        }
    }

    /// `Blocking.run` that gives up after `seconds`: a connection whose
    /// server vanished may never fail its pending query, and the operator
    /// must hear 数据库离线 now. The abandoned work is cancelled and its
    /// connection dropped by the caller.
    static func waiting<T: Sendable>(_ seconds: Int, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            done.signal()
        }
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else {
            task.cancel()
            throw NoAnswer()
        }
        return try result.withLock { $0! }.get()
    }

    /// One statement whose rows, if any, are not wanted.
    func execute(_ what: String, _ query: PostgresQuery, patience: Int = DatabaseLedger.patienceSeconds) throws {
        try statement(what, patience: patience) { s in
            let rows = try await s.connection.query(query, logger: s.logger)
            for try await _ in rows {}
        }
    }

    /// Forgets the connection (closing it, if it is still open).
    func drop() {
        guard let gone = session else { return }
        session = nil
        Task { await gone.close() }
    }
}

/// No answer in the time allowed.
struct NoAnswer: Error {}
