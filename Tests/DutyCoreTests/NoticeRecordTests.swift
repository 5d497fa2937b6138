import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13: the `notice` 文书 record — its fields, every bad value refused
/// with a reason naming the field, the round trip through the writer, the
/// new event and task vocabulary, and old feeds' alerts still accepted.
@Suite struct NoticeRecordTests {
    static let ts = "2026-11-28T10:00:00+08:00"

    @Test func parsesEveryFieldOfANotice() throws {
        let line = NoticeLine.make("DOC-2026-S0007", Self.ts, to: #"["锦屏街道综合行政执法中队","锦屏街道基层治理中心"]"#,
                                   refs: #"["task:ZF-20261128-0007","notice:DOC-2026-R0001"]"#)
        let r = try TestSupport.parse(line).get()
        #expect(r.kind == .notice && r.id == "DOC-2026-S0007")
        guard case .notice(let n) = r.snapshot.body else { Issue.record("not a notice"); return }
        #expect(n.type == .supervision && n.number == "奉综指督〔2026〕7号" && n.status == .issued)
        #expect(n.to == ["锦屏街道综合行政执法中队", "锦屏街道基层治理中心"])
        #expect(n.refs == ["task:ZF-20261128-0007", "notice:DOC-2026-R0001"])
        #expect(n.due == Timestamp.millis(year: 2026, month: 12, day: 1, hour: 10))
        #expect(n.reply == nil && n.repliedBy == nil)
    }

    @Test func aNoticeWithoutDueAndARepliedOneParse() throws {
        let bulletin = try TestSupport.parse(NoticeLine.make("B1", Self.ts, type: #""bulletin""#, refs: "[]", due: "null")).get()
        guard case .notice(let b) = bulletin.snapshot.body else { Issue.record("not a notice"); return }
        #expect(b.due == nil && b.refs.isEmpty)
        let replied = NoticeLine.make("S1", Self.ts, status: #""replied""#, extra: #","reply":"已整改","replied_by":"锦屏中队"  "#)
        guard case .notice(let s) = try TestSupport.parse(replied).get().snapshot.body else { Issue.record("not a notice"); return }
        #expect(s.reply == "已整改" && s.repliedBy == "锦屏中队")
    }

    /// Every bad value, and the field its reason names.
    @Test func badValuesAreRefusedNamingTheField() {
        let cases: [(String, String)] = [
            (NoticeLine.make("N", Self.ts, type: #""memo""#), #"field "type": unknown value "memo""#),
            (NoticeLine.make("N", Self.ts, number: #""""#), #"field "number": must not be empty"#),
            (NoticeLine.make("N", Self.ts, number: "7"), #"field "number": expected a string"#),
            (NoticeLine.make("N", Self.ts, title: "null"), #"field "title""#),
            (NoticeLine.make("N", Self.ts, to: "[]"), #"field "to": must name at least one addressee"#),
            (NoticeLine.make("N", Self.ts, to: #""锦屏""#), #"field "to": expected an array of strings"#),
            (NoticeLine.make("N", Self.ts, to: #"["a",1]"#), #"field "to": item 2 expected a string, got number"#),
            (NoticeLine.make("N", Self.ts, to: #"["a",""]"#), #"field "to": item 2 must not be empty"#),
            (NoticeLine.make("N", Self.ts, refs: #"["ZF-1"]"#), #"field "refs": item 1 "ZF-1" is not kind:id"#),
            (NoticeLine.make("N", Self.ts, refs: #"["memo:1"]"#), #"field "refs": item 1"#),
            (NoticeLine.make("N", Self.ts, refs: #"["task:"]"#), #"field "refs": item 1"#),
            (NoticeLine.make("N", Self.ts, refs: "null"), #"field "refs": expected an array of strings, got null"#),
            (NoticeLine.make("N", Self.ts, body: #""""#), #"field "body": must not be empty"#),
            (NoticeLine.make("N", Self.ts, due: #""2026-12-01""#), #"field "due""#),
            (NoticeLine.make("N", Self.ts, due: "3"), #"field "due": expected an RFC 3339 timestamp string"#),
            (NoticeLine.make("N", Self.ts, status: #""open""#), #"field "status": unknown value "open""#),
            (NoticeLine.make("N", Self.ts, status: #""replied""#), #"missing field "reply""#),
            (NoticeLine.make("N", Self.ts, status: #""replied""#, extra: #","reply":"好""#), #"missing field "replied_by""#),
            (NoticeLine.make("N", Self.ts, extra: #","reply":7"#), #"field "reply": expected a string or null"#),
            (NoticeLine.make("N", Self.ts, extra: #","replied_by":"a","replied_by":"b""#), #"duplicate key "replied_by""#),
            (NoticeLine.make("N", Self.ts, extra: #","replie\u0064_by":"a","replied_by":"b""#), #"duplicate key "replied_by""#),
        ]
        for (line, reason) in cases {
            let e = TestSupport.error(line)
            #expect(e?.message.contains(reason) == true, "\(line) → \(e?.message ?? "accepted")")
        }
        for field in ["type", "number", "title", "to", "refs", "body", "due", "status"] {
            let line = NoticeLine.make("N", Self.ts).replacingOccurrences(of: #","\#(field)":"#, with: #","x_\#(field)":"#)
            #expect(TestSupport.error(line)?.message == #"missing field "\#(field)" (required for notice)"#, "\(field)")
        }
    }

    @Test func aNoticeWritesBackAsItParses() throws {
        for line in [NoticeLine.make("S1", Self.ts, to: #"["a\"b","c\n"]"#),
                     NoticeLine.make("B1", Self.ts, type: #""bulletin""#, refs: "[]", due: "null", status: #""closed""#),
                     NoticeLine.make("S2", Self.ts, status: #""replied""#, extra: #","reply":"已整改","replied_by":"锦屏中队""#)] {
            let r = try TestSupport.parse(line).get()
            #expect(RecordWriter.line(r) == line)
            #expect(try TestSupport.parse(RecordWriter.line(r)).get() == r)
        }
    }

    /// Two records differing only in the spacing of the lists are one
    /// snapshot (a duplicate), not a conflict.
    @Test func listsCompareByValueNotSpacing() {
        let store = TestSupport.store([NoticeLine.make("S1", Self.ts, to: #"["a","b"]"#),
                                       NoticeLine.make("S1", Self.ts, to: #"[ "a" , "\u0062" ]"#)])
        #expect(store.duplicates == 1 && store.conflicts == 0)
    }

    @Test func petitionSatisfiedAndGeneralAreVocabulary() throws {
        let e = try TestSupport.parse(Line.event("E1", Self.ts, source: "petition", extra: #","satisfied":true"#)).get()
        guard case .event(let body) = e.snapshot.body else { Issue.record("not an event"); return }
        #expect(body.source == .petition && body.satisfied == true)
        #expect(RecordWriter.line(e) == Line.event("E1", Self.ts, source: "petition", extra: #","satisfied":true"#))
        let no = try TestSupport.parse(Line.event("E2", Self.ts, extra: #","satisfied":false"#)).get()
        if case .event(let b) = no.snapshot.body { #expect(b.satisfied == false) }
        if case .event(let b) = try TestSupport.parse(Line.event("E3", Self.ts, extra: #","satisfied":null"#)).get().snapshot.body {
            #expect(b.satisfied == nil)
        }
        #expect(TestSupport.error(Line.event("E4", Self.ts, extra: #","satisfied":"yes""#))?.message
                == #"field "satisfied": expected true, false or null, got string"#)
        #expect(TestSupport.error(Line.event("E5", Self.ts, extra: #","satisfied":true,"satisfied":false"#))?.message
                == #"duplicate key "satisfied""#)
        let general = Line.task("T1", Self.ts, due: "2026-11-29T10:00:00+08:00").replacingOccurrences(of: "empowered", with: "general")
        guard case .task(let t) = try TestSupport.parse(general).get().snapshot.body else { Issue.record("not a task"); return }
        #expect(t.type == .general && !t.type.isEnforcement && TaskType.joint.isEnforcement)
        for (key, zh) in [("event.source.petition", "信访转办"), ("task.type.general", "一般处置"),
                          ("notice.type.supervision", "执法督办单"), ("notice.status.withdrawn", "已撤回"), ("kind.notice", "文书")] {
            #expect(Labels.table[key]?.zh == zh && Labels.table[key]?.en.isEmpty == false, "\(key)")
        }
    }

    /// Old feeds keep working: alerts of the types that are now documents are still alerts.
    @Test func oldAlertsOfDocumentTypesAreStillAccepted() throws {
        for type in ["risk_notice", "supervision", "bulletin"] {
            let line = Line.alert("A1", Self.ts).replacingOccurrences(of: "risk_notice", with: type)
            #expect(try TestSupport.parse(line).get().kind == .alert)
        }
    }
}
