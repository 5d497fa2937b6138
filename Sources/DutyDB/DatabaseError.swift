import PostgresNIO

/// A database failure as the user is told it: the server's own message (and
/// SQLSTATE) or what went wrong on the way, never the password.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The server's SQLSTATE (`28P01` wrong password, `3D000` no such database), when it sent one.
    public let sqlState: String?

    public init(_ text: String, sqlState: String? = nil) {
        description = text
        self.sqlState = sqlState
    }

    /// Turns whatever a database call threw into what may be shown about
    /// `url`: PostgresNIO's own text is generic on purpose and its debug text
    /// carries too much, so the message is built here from the server's
    /// fields, and any occurrence of the password is blotted out anyway.
    static func from(_ error: any Error, url: DatabaseURL, doing what: String) -> DatabaseError {
        if let error = error as? DatabaseError { return error.hiding(url.password) }
        var text: String
        var state: String?
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo, let message = info[.message] {
                state = info[.sqlState]
                text = message
                if let detail = info[.detail] { text += " (\(detail))" }
            } else if let underlying = psql.underlying {
                text = "\(psql.code): \(underlying)"
            } else {
                text = "\(psql.code)"
            }
        } else if let tx = error as? PostgresTransactionError {
            return from(tx.closureError ?? tx.rollbackError ?? tx.beginError ?? tx.commitError ?? DatabaseError("transaction failed"),
                        url: url, doing: what)
        } else {
            text = "\(error)"
        }
        let where_ = url.redacted
        return DatabaseError("\(what) (\(where_)): \(text)", sqlState: state).hiding(url.password)
    }

    func hiding(_ secret: String?) -> DatabaseError {
        guard let secret, !secret.isEmpty, description.contains(secret) else { return self }
        return DatabaseError(description.replacingOccurrences(of: secret, with: "***"), sqlState: sqlState)
    }
}
