import Dispatch
import DutyCore
import NIOCore
import PostgresNIO
import Synchronization

/// The ledger's one connection: made on demand (about 2 s to answer), each
/// statement given 5 s before the connection is closed under it, and
/// dropped whenever the database goes away, so the next action connects
/// again rather than waiting on a dead socket.
extension DatabaseLedger {
    /// The connection, connecting first when there is none; learns the role acting.
    func connected() throws -> DatabaseSession {
        if let session { return session }
        let url = self.url
        do {
            let made = try Blocking.run { () async throws -> DatabaseSession in
                try await DatabaseSession.connect(url, connectTimeout: .seconds(Self.connectSeconds))
            }
            session = made
            let role = try statement("reading the role") { s in
                let rows = try await s.connection.query("SELECT current_user::text", logger: s.logger)
                for try await name in rows.decode(String.self) { return name }
                return s.url.user
            }
            operatorIdentity = role
            return made
        } catch {
            drop()
            throw LedgerFault.from(error, url: url, doing: "connecting to the database", timedOut: false)
        }
    }

    /// Runs `body` on the connection, synchronously. A statement with no
    /// answer within `patienceSeconds` has its connection closed (which
    /// fails it); an offline fault drops the connection.
    func statement<T: Sendable>(_ what: String, _ body: @escaping @Sendable (DatabaseSession) async throws -> T) throws -> T {
        let session = try connected()
        let timedOut = Flag()
        let watchdog = DispatchWorkItem {
            timedOut.set()
            Task { await session.close() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.patienceSeconds), execute: watchdog)
        defer { watchdog.cancel() }
        do {
            return try Blocking.run { try await body(session) }
        } catch {
            let fault = LedgerFault.from(error, url: url, doing: what, timedOut: timedOut.isSet)
            if fault.nature == .offline { drop() }
            throw fault
        }
    }

    /// One statement whose rows, if any, are not wanted.
    func execute(_ what: String, _ query: PostgresQuery) throws {
        try statement(what) { s in
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

/// A flag set from the watchdog's thread, read on the ledger's.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
