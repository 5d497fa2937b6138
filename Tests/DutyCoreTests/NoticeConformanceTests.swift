import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The JSONTestSuite cases (`Tests/Fixtures/conformance`) wrapped into
/// `notice` records (issue 13): each case that an event record carries in
/// `title` (or in the extra `x_case` after it) is carried in the notice's
/// `body` the same way, and `y_array_*` cases whose items are all non-empty
/// strings become its `to`. Every reject line stays refused; every accept
/// line is accepted (when its string is not empty: `body` must not be), and
/// a string case decodes to the same text in `body` as in the event's `title`.
@Suite struct NoticeConformanceTests {
    static let head = Array(#"{"kind":"notice","id":"N1","ts":"2026-11-28T09:00:00+08:00","type":"bulletin","number":"奉综指通〔2026〕第1期","title":"t","to":["锦屏街道"],"refs":[],"#.utf8)
    static let titleKey = Array(#""title":"#.utf8)
    static let tail = Array(#","status":"open"}"#.utf8)

    /// The notice made of an event line of the suite, or nil when the line
    /// is not of the wrapped form (a case that breaks the record around it).
    static func notice(_ line: [UInt8]) -> [UInt8]? {
        guard line.count > tail.count, Array(line.suffix(tail.count)) == tail,
              let at = firstRange(of: titleKey, in: line) else { return nil }
        let value = line[(at + titleKey.count)..<(line.count - tail.count)]
        return head + Array(#""body":"#.utf8) + value + Array(#","due":null,"status":"issued"}"#.utf8)
    }

    static func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
        return nil
    }

    static func lines(_ name: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: Fixtures.conformance.appendingPathComponent(name))
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { Array($0) }
    }

    @Test func everyRejectCaseInANoticeIsRefused() throws {
        var wrapped = 0
        for (n, line) in try Self.lines("reject.jsonl").enumerated() {
            guard let notice = Self.notice(line) else { continue }
            wrapped += 1
            if case .success = TestSupport.parse(notice) { Issue.record("reject.jsonl:\(n + 1) accepted as a notice") }
        }
        #expect(wrapped > 150, "\(wrapped) cases wrapped")
    }

    @Test func everyAcceptCaseInANoticeReadsAsInTheEvent() throws {
        var wrapped = 0
        for (n, line) in try Self.lines("accept.jsonl").enumerated() {
            guard let notice = Self.notice(line) else { continue }
            wrapped += 1
            guard case .success(let event) = TestSupport.parse(line), case .event(let e) = event.body else {
                Issue.record("accept.jsonl:\(n + 1) refused as an event"); continue
            }
            let result = TestSupport.parse(notice)
            if e.title.isEmpty {
                #expect(result.failureMessage == #"field "body": must not be empty"#, "accept.jsonl:\(n + 1)")
                continue
            }
            guard case .success(let s) = result, case .notice(let b) = s.body else {
                Issue.record("accept.jsonl:\(n + 1) refused as a notice: \(result)"); continue
            }
            #expect(b.body == e.title, "accept.jsonl:\(n + 1)")
        }
        #expect(wrapped == 88)
    }

    /// The suite's arrays as `to`: those of non-empty strings are addressees,
    /// every other array is refused naming `to` and the item.
    @Test func arrayCasesAsAddressees() throws {
        let cases: [(String, [String]?)] = [
            (#"["a"]"#, ["a"]), (#"[ "a" , "\u0062" ]"#, ["a", "b"]), (#"["é\n", "\"", "\\"]"#, ["é\n", "\"", "\\"]),
            (#"[""]"#, nil), (#"[1]"#, nil), (#"[null]"#, nil), (#"[[]]"#, nil), (#"[{}]"#, nil), (#"["a",false]"#, nil),
        ]
        for (to, want) in cases {
            let line = NoticeLine.make("N1", "2026-11-28T09:00:00+08:00", to: to)
            switch (TestSupport.parse(line), want) {
            case (.success(let r), let want?):
                if case .notice(let n) = r.snapshot.body { #expect(n.to == want, "\(to)") }
            case (.failure(let e), nil):
                #expect(e.message.hasPrefix(#"field "to": item "#), "\(to): \(e.message)")
            case (let got, _):
                Issue.record("\(to): \(got)")
            }
        }
    }
}

private extension Result where Failure == FeedError {
    var failureMessage: String? { if case .failure(let e) = self { return e.message }; return nil }
}
