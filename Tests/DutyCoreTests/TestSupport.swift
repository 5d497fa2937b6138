import Foundation
@testable import DutyCore

/// Paths and helpers shared by the core tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The JSONTestSuite cases as records, kept in the repository
    /// (`Tests/Fixtures/conformance`, outside every target).
    static let conformance = packageRoot.appendingPathComponent("Tests/Fixtures/conformance")

    /// A fresh temporary directory, removed by the caller with `cleanup`.
    static func tempDir(_ name: String = #function) -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutydesk-\(safe)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func cleanup(_ url: URL) { try? FileManager.default.removeItem(at: url) }

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

/// Builders for hand-made records in tests.
enum Line {
    static func event(_ id: String, _ ts: String, status: String = "open", priority: String = "2",
                      town: String = "锦屏街道", extra: String = "") -> String {
        #"{"kind":"event","id":"\#(id)","ts":"\#(ts)","town":"\#(town)","grid":"JP-03-12","domain":"市容环境","priority":\#(priority),"source":"grid","title":"占道经营","status":"\#(status)"\#(extra)}"#
    }

    static func task(_ id: String, _ ts: String, due: String, status: String = "dispatched",
                     unit: String = "锦屏街道综合行政执法中队", event: String = "\"E1\"") -> String {
        #"{"kind":"task","id":"\#(id)","ts":"\#(ts)","event":\#(event),"type":"empowered","unit":"\#(unit)","town":"锦屏街道","due":"\#(due)","status":"\#(status)"}"#
    }

    static func mediation(_ id: String, _ ts: String, tier: String, status: String) -> String {
        #"{"kind":"mediation","id":"\#(id)","ts":"\#(ts)","town":"溪口镇","category":"邻里","tier":"\#(tier)","status":"\#(status)"}"#
    }

    static func alert(_ id: String, _ ts: String, level: String = "warning", status: String = "open") -> String {
        #"{"kind":"alert","id":"\#(id)","ts":"\#(ts)","level":"\#(level)","type":"risk_notice","title":"风险提示","status":"\#(status)"}"#
    }
}
