import Logging
import PostgresNIO

/// One connection to the shared database, opened from a `DatabaseURL`. Every
/// error it throws is a `DatabaseError`: the server's words, the server's
/// place, never the password.
public final class DatabaseSession: Sendable {
    public let url: DatabaseURL
    let connection: PostgresConnection
    let logger: Logger

    private init(url: DatabaseURL, connection: PostgresConnection, logger: Logger) {
        self.url = url; self.connection = connection; self.logger = logger
    }

    /// Connects, or says why not (`connecting to postgres://u:***@h:p/db: password authentication failed …`).
    public static func connect(_ url: DatabaseURL, logger: Logger = Logger(label: "dutydesk.db")) async throws(DatabaseError) -> DatabaseSession {
        let configuration = try url.configuration()
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            return DatabaseSession(url: url, connection: connection, logger: logger)
        } catch {
            throw DatabaseError.from(error, url: url, doing: "connecting to the database")
        }
    }

    public func close() async {
        try? await connection.close()
    }

    /// Runs one statement, discarding rows.
    func execute(_ query: PostgresQuery, doing what: String = "querying the database") async throws(DatabaseError) {
        do {
            try await connection.query(query, logger: logger)
        } catch {
            throw DatabaseError.from(error, url: url, doing: what)
        }
    }

    /// Runs one statement whose first row's first column is an integer (a
    /// count, a version); nil when it returns no row or NULL.
    func integer(_ query: PostgresQuery, doing what: String = "querying the database") async throws(DatabaseError) -> Int64? {
        do {
            let rows = try await connection.query(query, logger: logger)
            for try await value in rows.decode(Int64?.self) { return value }
            return nil
        } catch {
            throw DatabaseError.from(error, url: url, doing: what)
        }
    }

    /// Runs one statement whose first row's first column is text; nil when
    /// it returns no row or NULL.
    func text(_ query: PostgresQuery, doing what: String = "querying the database") async throws(DatabaseError) -> String? {
        do {
            let rows = try await connection.query(query, logger: logger)
            for try await value in rows.decode(String?.self) { return value }
            return nil
        } catch {
            throw DatabaseError.from(error, url: url, doing: what)
        }
    }

    /// `body` inside BEGIN … COMMIT on this connection; rolled back when it throws.
    func transaction<T: Sendable>(doing what: String, _ body: @Sendable (DatabaseSession) async throws -> T) async throws(DatabaseError) -> T {
        do {
            return try await connection.withTransaction(logger: logger) { _ in try await body(self) }
        } catch {
            throw DatabaseError.from(error, url: url, doing: what)
        }
    }
}

extension DatabaseSession {
    /// Connects, runs `body`, and closes the connection whatever happens.
    public static func with<T: Sendable>(_ url: DatabaseURL, _ body: @Sendable (DatabaseSession) async throws -> T) async throws -> T {
        let session = try await connect(url)
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}
