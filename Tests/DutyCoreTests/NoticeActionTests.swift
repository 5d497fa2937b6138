import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13: document numbers (per type per year, no gap, no reuse, upstream
/// numbers joining the series) and the notice actions through `ActionDesk`.
@Suite struct NoticeActionTests {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)

    static func draft(_ type: NoticeType = .supervision, to: [String] = ["锦屏街道综合行政执法中队"]) -> OperatorActions.NoticeDraft {
        OperatorActions.NoticeDraft(type: type, title: "关于督促限期办结的督办单", to: to, refs: ["task:ZF-20261128-0001"],
                                    body: "请立即组织处置。", due: type == .bulletin ? nil : now + 3 * TimeSpan.day)
    }

    static func desk(_ store: Store, _ path: String, console: String = "a", by: String = "王磊") -> ActionDesk {
        ActionDesk(store: store, journal: OperatorJournal(path: path, console: console), operatorName: by)
    }

    static func notice(_ o: JournaledAction.Outcome) -> (id: String, body: NoticeBody)? {
        guard case .written(let records) = o, let r = records.first, case .notice(let n) = r.snapshot.body else { return nil }
        return (r.id, n)
    }

    @Test func numbersFormatAndParsePerType() {
        #expect(NoticeNumbering.format(.riskNotice, year: 2026, 8) == "奉综指提〔2026〕8号")
        #expect(NoticeNumbering.format(.supervision, year: 2026, 7) == "奉综指督〔2026〕7号")
        #expect(NoticeNumbering.format(.bulletin, year: 2026, 12) == "奉综指通〔2026〕第12期")
        for type in NoticeType.allCases {
            let p = NoticeNumbering.parse(NoticeNumbering.format(type, year: 2027, 31))
            #expect(p?.type == type && p?.year == 2027 && p?.n == 31)
        }
        for bad in ["奉综指督〔2026〕第7期", "奉综指通〔2026〕12号", "奉综指督〔26〕7号", "奉综指督〔2026〕号", "督办7号", "奉综指督〔2026〕-1号"] {
            #expect(NoticeNumbering.parse(bad) == nil, "\(bad)")
        }
    }

    /// Numbers in upstream notices join the series: the next is the highest
    /// of its type and year + 1, whatever other types or years hold.
    @Test func upstreamNumbersJoinTheSeries() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let store = TestSupport.store([
            NoticeLine.make("UP-1", "2026-03-01T10:00:00+08:00", number: #""奉综指督〔2026〕7号""#),
            NoticeLine.make("UP-2", "2026-03-02T10:00:00+08:00", number: #""奉综指督〔2025〕30号""#),
            NoticeLine.make("UP-3", "2026-03-03T10:00:00+08:00", type: #""risk_notice""#, number: #""奉综指提〔2026〕12号""#),
            NoticeLine.make("UP-4", "2026-03-04T10:00:00+08:00", number: #""督办〔2026〕99号""#),
        ], clock: .fixed(Self.now))
        let desk = Self.desk(store, dir.appendingPathComponent("journal.jsonl").path)
        let s = try #require(Self.notice(desk.perform(.issueNotice(Self.draft()))))
        #expect(s.body.number == "奉综指督〔2026〕8号" && s.id == "DOC-2026-S0008" && s.body.status == .issued)
        let b = try #require(Self.notice(desk.perform(.issueNotice(Self.draft(.bulletin)))))
        #expect(b.body.number == "奉综指通〔2026〕第1期" && b.body.due == nil)
    }

    /// Two consoles (threads, each with its own store and journal on one
    /// file) issue 督办单 20 times each, at once: numbers 1…40, no gap, no duplicate.
    @Test func racingConsolesNumberWithoutGapOrDuplicate() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let desks = [Self.desk(Store(clock: .fixed(Self.now)), path, console: "a", by: "王磊"),
                     Self.desk(Store(clock: .fixed(Self.now)), path, console: "b", by: "李娜")]
        let box = Box(desks)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            for _ in 0..<20 { box.add(box.desks[i].perform(.issueNotice(Self.draft()))) }
        }
        #expect(box.all.allSatisfy { Self.notice($0) != nil })
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let notices = lines.compactMap { line -> (id: String, n: Int?)? in
            guard case .success(let r) = TestSupport.parse(String(line)), case .notice(let n) = r.snapshot.body else { return nil }
            return (r.id, NoticeNumbering.parse(n.number)?.n)
        }
        #expect(notices.compactMap(\.n).sorted() == Array(1...40))
        #expect(Set(notices.map(\.id)).count == 40)
    }

    @Test func replyCloseAndWithdrawFollowTheStatus() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let store = Store(clock: .fixed(Self.now))
        let desk = Self.desk(store, dir.appendingPathComponent("journal.jsonl").path)
        let s = try #require(Self.notice(desk.perform(.issueNotice(Self.draft()))))
        #expect(desk.perform(.replyNotice(notice: s.id, reply: "", repliedBy: "锦屏中队")) == .refused(ActionRefusal(.noReply)))
        let replied = try #require(Self.notice(desk.perform(.replyNotice(notice: s.id, reply: "已办结", repliedBy: "锦屏中队"))))
        #expect(replied.body.status == .replied && replied.body.reply == "已办结" && replied.body.repliedBy == "锦屏中队")
        #expect(OperatorAction.replyNotice(notice: s.id, reply: "x", repliedBy: "y").refusal(in: store)?.code == .noticeNotIssued)
        #expect(Self.notice(desk.perform(.closeNotice(notice: s.id)))?.body.status == .closed)
        let refused = OperatorAction.withdrawNotice(notice: s.id, reason: "误发").refusal(in: store)
        #expect(refused?.code == .noticeFinished && refused?.message.zh == "文书状态为已办结，不能再操作"
                && refused?.message.en == "notice is closed: no further action")

        let w = try #require(Self.notice(desk.perform(.issueNotice(Self.draft()))))
        #expect(w.body.number == "奉综指督〔2026〕2号")
        #expect(desk.perform(.withdrawNotice(notice: w.id, reason: "")) == .refused(ActionRefusal(.noReason)))
        guard case .written(let records) = desk.perform(.withdrawNotice(notice: w.id, reason: "误发")) else {
            Issue.record("not written"); return
        }
        #expect(records.first?.snapshot.note == "误发")
        // A withdrawn number stays taken.
        #expect(Self.notice(desk.perform(.issueNotice(Self.draft())))?.body.number == "奉综指督〔2026〕3号")
        #expect(desk.perform(.closeNotice(notice: "DOC-none")) == .refused(ActionRefusal(.notFound)))
    }

    @Test func draftsAreCheckedBeforeAnyNumberIsTaken() {
        let store = Store(clock: .fixed(Self.now))
        #expect(OperatorAction.issueNotice(Self.draft(to: [])).refusal(in: store)?.code == .noAddressee)
        var d = Self.draft()
        d.body = ""
        #expect(OperatorAction.issueNotice(d).refusal(in: store)?.code == .noNoticeText)
        d = Self.draft()
        d.refs = ["ZF-1"]
        let bad = OperatorAction.issueNotice(d).refusal(in: store)
        #expect(bad?.code == .badRef && bad?.message.en == #"item concerned "ZF-1" is not kind:id"#)
    }

    /// `stats` counts notices by type and status, and the replies overdue:
    /// issued, with a due before now (none asked, replied, withdrawn: never).
    @Test func statsCountNoticesAndOverdueReplies() {
        let lines = [
            NoticeLine.make("S1", "2026-11-20T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#),
            NoticeLine.make("S2", "2026-11-27T10:00:00+08:00", due: #""2026-11-30T10:00:00+08:00""#),
            NoticeLine.make("R1", "2026-11-20T10:00:00+08:00", type: #""risk_notice""#, due: #""2026-11-25T10:00:00+08:00""#,
                            status: #""withdrawn""#),
            NoticeLine.make("R2", "2026-11-20T10:00:00+08:00", type: #""risk_notice""#, due: #""2026-11-25T10:00:00+08:00""#,
                            status: #""replied""#, extra: #","reply":"好","replied_by":"u""#),
            NoticeLine.make("B1", "2026-11-05T10:00:00+08:00", type: #""bulletin""#, due: "null"),
            // S1 replied later: no longer overdue.
            NoticeLine.make("S3", "2026-11-20T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#),
            NoticeLine.make("S3", "2026-11-24T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#, status: #""replied""#,
                            extra: #","reply":"迟复","replied_by":"u""#),
        ]
        let store = TestSupport.store(lines, clock: .fixed(Self.now))
        let json = StatsReport(store: store).json
        #expect(json.contains(#""notices":{"total":6,"by_type":{"risk_notice":2,"supervision":3,"bulletin":1},"by_status":{"issued":3,"replied":2,"closed":0,"withdrawn":1},"overdue_replies":1}"#), "\(json)")
        #expect(store.aggregates.overdueNoticeReplies(now: Timestamp.millis(year: 2026, month: 12, day: 1)) == 2)
        // A notice keeps its timeline like any item.
        let s3 = store.item(.notice, id: "S3")
        #expect(s3?.history.count == 2 && s3?.history.map(\.statusWire) == ["issued", "replied"])
        let empty = StatsReport(store: Store(clock: .fixed(Self.now))).json
        #expect(empty.contains(#""notices":{"total":0,"by_type":{"risk_notice":0,"supervision":0,"bulletin":0},"by_status":{"issued":0,"replied":0,"closed":0,"withdrawn":0},"overdue_replies":0}"#))
    }
}

/// The two consoles and what they got, shared by the racing threads.
private final class Box: @unchecked Sendable {
    let desks: [ActionDesk]
    private let lock = NSLock()
    private var items: [JournaledAction.Outcome] = []
    init(_ desks: [ActionDesk]) { self.desks = desks }
    func add(_ o: JournaledAction.Outcome) { lock.lock(); items.append(o); lock.unlock() }
    var all: [JournaledAction.Outcome] { lock.lock(); defer { lock.unlock() }; return items }
}
