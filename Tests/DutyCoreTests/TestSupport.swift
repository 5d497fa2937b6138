import Foundation
@testable import DutyCore

/// Parsing and ingest helpers of the core tests (what other test targets
/// share too lives in DutyTestSupport).
enum TestSupport {
    /// Parses raw bytes as one line.
    static func parse(_ bytes: [UInt8]) -> Result<Snapshot, FeedError> {
        var p = FeedParser()
        return bytes.withUnsafeBytes { p.parse($0) }
    }

    static func parse(_ line: String) -> Result<Record, FeedError> {
        var p = FeedParser()
        return p.parseRecord(line)
    }

    static func error(_ line: String) -> FeedError? {
        if case .failure(let e) = parse(line) { return e }
        return nil
    }

    /// Ingests lines into a store, numbering them like a file.
    static func store(_ lines: [String], clock: Clock = .eventTime) -> Store {
        let store = Store(clock: clock)
        var offset: Int64 = 0
        for (n, line) in lines.enumerated() {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "t.jsonl", lineNumber: n + 1, offset: offset) }
            offset += Int64(line.utf8.count + 1)
        }
        return store
    }
}
