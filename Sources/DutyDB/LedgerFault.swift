import PostgresNIO

/// Why a ledger's statement failed, sorted by what the operator is told:
/// `offline` (no connection, the server going away, no answer in time: the
/// action is refused as 数据库离线 and the next one simply tries again) or
/// `refused` (the server answered no: a constraint, a permission, a
/// row-level policy; its SQLSTATE and constraint kept to tell a lost race
/// from the rest). Never holds the password.
struct LedgerFault: Error {
    enum Nature { case offline, refused }
    let nature: Nature
    let detail: String
    let sqlState: String?
    let constraint: String?

    static func offline(_ detail: String) -> LedgerFault {
        LedgerFault(nature: .offline, detail: detail, sqlState: nil, constraint: nil)
    }

    /// A unique violation (23505): another console's row won.
    var isUniqueViolation: Bool { sqlState == "23505" }

    /// Sorts whatever a statement threw. SQLSTATE class 08 (connection
    /// exception) and 57P (the server shutting down or starting) are the
    /// database going away; an error without a server's answer is too.
    static func from(_ error: any Error, url: DatabaseURL, doing what: String, timedOut: Bool) -> LedgerFault {
        if let fault = error as? LedgerFault { return fault }
        if timedOut { return .offline("\(what) (\(url.redacted)): no answer in time") }
        var constraint: String?
        if let psql = error as? PSQLError { constraint = psql.serverInfo?[.constraintName] }
        let shown = DatabaseError.from(error, url: url, doing: what)
        guard let state = shown.sqlState, !state.hasPrefix("08"), !state.hasPrefix("57P") else {
            return .offline(shown.description)
        }
        return LedgerFault(nature: .refused, detail: shown.description, sqlState: state, constraint: constraint)
    }
}
