import DutyCore
import PostgresNIO

extension RecordLog {
    /// How many lines a load will bring (records, plus echoes for the
    /// district): said before a long load, so the wait has a size.
    public static func count(town: String?, _ session: DatabaseSession) async throws(DatabaseError) -> Int64 {
        if let town {
            return try await session.integer("SELECT count(*) FROM records WHERE dutydesk_town_sees(\(town), kind, towns)", doing: "counting the record log") ?? 0
        }
        let echoes = try await LogAccess.of(session).echoes
        return try await session.integer(echoes ? "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM record_echoes)"
                                                : "SELECT count(*) FROM records", doing: "counting the record log") ?? 0
    }

    /// Streams the lines of the records (and their echoes) whose ts lies in
    /// `from`…`to` (ms, both included, as `dutydesk record` cuts files), in
    /// seq order, to `body` in blocks of about `blockBytes`, each line
    /// followed by "\n": a recording `dutydesk replay` plays. Returns the
    /// number of lines.
    public static func period(from: Millis?, to: Millis?, _ session: DatabaseSession, blockBytes: Int = 1 << 16,
                              _ body: @Sendable ([UInt8]) throws -> Void) async throws -> Int {
        // ts_exact is µs: [from·1000, (to+1)·1000) holds every instant of those milliseconds.
        let lo = from.map { $0 * 1000 } ?? .min
        let hi = to.map { ($0 + 1) * 1000 } ?? .max
        let echoes = try await LogAccess.of(session).echoes
        do {
            let rows = try await session.connection.query(echoes ? """
                SELECT line FROM (SELECT seq, line FROM records WHERE ts_exact >= \(lo) AND ts_exact < \(hi)
                                  UNION ALL
                                  SELECT seq, line FROM record_echoes WHERE ts_exact >= \(lo) AND ts_exact < \(hi)) AS log
                ORDER BY seq
                """ : "SELECT line FROM records WHERE ts_exact >= \(lo) AND ts_exact < \(hi) ORDER BY seq", logger: session.logger)
            var block: [UInt8] = []
            block.reserveCapacity(blockBytes + 4096)
            var count = 0
            for try await line in rows.decode(String.self) {
                block.append(contentsOf: line.utf8)
                block.append(0x0A)
                count += 1
                if block.count >= blockBytes {
                    try body(block)
                    block.removeAll(keepingCapacity: true)
                }
            }
            if !block.isEmpty { try body(block) }
            return count
        } catch let error as PSQLError {
            throw DatabaseError.from(error, url: session.url, doing: "reading the record log")
        }
    }
}
