import Foundation
import DutyTestSupport
import Testing
@testable import DutyCore

/// Issue 12, point 9: a handover worth signing — every overdue task (as many
/// as the header's 超期), the operator's own actions from the journal in
/// words, returned tasks, open cases and alerts, the note; its record in the
/// journal, which another console reads.
@Suite struct ShiftHandoverTests {
    static let now = OperatorActionTests.now
    static let parties = ShiftHandover.Parties(handedBy: "值班员甲", takenBy: "值班员乙", note: "夜间注意锦屏街道占道经营")

    /// The `- ` lines of the section whose heading starts with `heading`.
    static func section(_ md: String, _ heading: String) -> [Substring] {
        guard let r = md.range(of: "\n## " + heading) else { return [] }
        let rest = md[r.upperBound...]
        let body = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        return body.split(separator: "\n").filter { $0.hasPrefix("- ") }
    }

    /// Over two generated days, at a moment every two hours, a store holding
    /// what had arrived by then: the handover lists exactly the tasks owed
    /// with their due passed, and its figure says the same number.
    @Test func theOverdueListIsAsLongAsTheHeadersFigureAtEveryMoment() {
        let records = GeneratedFeed.records(seed: 3, days: 2).sorted { $0.snapshot.exactTs < $1.snapshot.exactTs }
        let store = Store(clock: .eventTime)
        var next = 0
        var total = 0
        for hour in stride(from: 2, through: 48, by: 2) {
            let now = GeneratedFeed.monday + Millis(hour) * TimeSpan.hour
            while next < records.count, records[next].snapshot.ts <= now { _ = store.apply(records[next]); next += 1 }
            let expected = store.aggregates.openTasksByDue.count(below: now)
            let md = ShiftHandover.markdown(store: store, now: now, parties: Self.parties)
            #expect(md.contains("\n## 超期任务（\(expected)）\n"), "at hour \(hour)")
            #expect(Self.section(md, "超期任务（").count == expected, "at hour \(hour)")
            #expect(md.contains("- 当前超期任务: \(expected)\n"), "at hour \(hour)")
            total += expected
        }
        #expect(total > 0, "the feed never had an overdue task: the test would prove nothing")
    }

    /// More overdue tasks than the old attention list held (20): all listed,
    /// most overdue first; returned tasks whose event is open again, open
    /// mediation with tier and age, and unresolved alerts have their lists.
    @Test func everyOverdueTaskReturnedTaskAndOpenCaseIsListed() {
        var lines = (0..<30).map { i in
            Line.task("T\(i < 10 ? "0" : "")\(i)", "2026-11-28T08:00:00+08:00", due: "2026-11-28T10:\(i < 10 ? "0" : "")\(i):00+08:00")
        }
        lines += [
            Line.event("E1", "2026-11-28T08:00:00+08:00"),
            Line.event("E2", "2026-11-28T08:00:00+08:00", status: "dispatched"),
            #"{"kind":"task","id":"R1","ts":"2026-11-28T11:00:00+08:00","event":"E1","type":"joint","unit":"江口派出所","town":"江口街道","due":"2026-11-28T12:00:00+08:00","status":"returned","reason":"属地不符","by":"王海燕"}"#,
            #"{"kind":"task","id":"R2","ts":"2026-11-28T11:00:00+08:00","event":"E2","type":"joint","unit":"江口派出所","town":"江口街道","due":"2026-11-28T12:00:00+08:00","status":"returned","reason":"权属不清"}"#,
            Line.mediation("M1", "2026-11-28T09:00:00+08:00", tier: "district", status: "mediating"),
            Line.mediation("M2", "2026-11-28T09:00:00+08:00", tier: "village", status: "resolved"),
            Line.alert("A1", "2026-11-28T09:00:00+08:00", level: "critical", status: "acked"),
            Line.alert("A2", "2026-11-28T09:00:00+08:00", status: "resolved"),
        ]
        let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 16)
        let store = TestSupport.store(lines, clock: .fixed(now))
        let md = ShiftHandover.markdown(store: store, now: now, parties: Self.parties)
        let overdue = Self.section(md, "超期任务（30）")
        #expect(overdue.count == 30)
        #expect(overdue.first?.hasPrefix("- T00 · 锦屏街道综合行政执法中队 · 已转派 · 时限 11-28 10:00 · 超期6小时0分") == true)
        #expect(overdue.last?.hasPrefix("- T29 ") == true)
        let returned = Self.section(md, "退回待重新转派（1）")
        #expect(returned == ["- R1 · 江口派出所 · 属地不符 · 事件 E1 · 退回于 11-28 11:00 · 王海燕"])
        #expect(Self.section(md, "在调矛盾纠纷（1）") == ["- M1 · 区级 · 邻里 · 溪口镇 · 调解中 · 已7小时0分"])
        let alerts = Self.section(md, "未解除告警（1）")
        #expect(alerts.count == 1 && alerts[0].hasPrefix("- A1 · 风险提示单 · 风险提示 · 已确认"))
        #expect(md.hasSuffix("## 交班备注\n\n夜间注意锦屏街道占道经营\n"))
        let en = ShiftHandover.markdown(store: store, now: now, language: .en, parties: Self.parties)
        #expect(en.contains("\n## Overdue tasks (30)\n") && en.contains("· 6h0m overdue"))
        #expect(Self.section(en, "Returned, awaiting re-dispatch (1)").first?.contains("wrong jurisdiction") == true)
    }

    /// Actions through `ActionDesk` into a journal, by the outgoing officer
    /// and by another: the handover lists the officer's own, one line per
    /// action, in words (no wire code), and not the other's.
    @Test func theOperatorsOwnActionsAreListedFromTheJournal() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("operator-journal.jsonl").path
        let store = OperatorActionTests.store()
        let mine = ActionDeskTests.desk(store, path, console: "a", by: "值班员甲")
        let other = ActionDeskTests.desk(store, path, console: "b", by: "值班员丙")
        let outcomes = [
            mine.perform(.dispatch(event: "E1", unit: "锦屏派出所", type: .inspection)),
            mine.perform(.returnTask(task: "ZF-20261128-0007", reason: "属地不符")),
            other.perform(.done(task: "ZF-20261128-0003", outcome: .rectified)),
            mine.perform(.acknowledge(alert: "A1")),
            mine.perform(.escalate(case: "M1")),
        ]
        for o in outcomes { guard case .written = o else { Issue.record("not written: \(o)"); return } }
        let journal = try ShiftHandover.readJournal(path: path).get()
        #expect(journal.count == 7)
        let md = ShiftHandover.markdown(store: store, now: Self.now, parties: Self.parties, journal: journal)
        #expect(md.contains("交班人: 值班员甲 · 接班人: 值班员乙\n"))
        let actions = Self.section(md, "本班操作（4）")
        #expect(actions == [
            "- 11-28 12:00 · ZF-20261128-0008 · 转派 → 锦屏派出所 · 事件 E1",
            "- 11-28 12:00 · ZF-20261128-0007 · 退回：属地不符",
            "- 11-28 12:00 · A1 · 确认 · 风险提示单",
            "- 11-28 12:00 · M1 · 上提：村社/网格 → 镇街",
        ])
        for wire in ["dispatched", "returned", "acked", "escalated", "village"] { #expect(!actions.joined().contains(wire)) }
        let en = ShiftHandover.markdown(store: store, now: Self.now, language: .en, parties: Self.parties, journal: journal)
        #expect(Self.section(en, "Actions this shift (4)")[1] == "- 11-28 12:00 · ZF-20261128-0007 · return: wrong jurisdiction")
        // Outside the window nothing is the shift's.
        #expect(ShiftHandover.journalActions(journal, by: "值班员甲", from: Self.now + 1, to: Self.now + TimeSpan.hour).isEmpty)
    }

    /// The file beside the journal under its stable name, then its record in
    /// the journal: a second console reading the journal as a feed knows
    /// who handed over to whom and when, and counts no alert for it.
    @Test func theHandoverRecordReachesAnotherConsoleThroughTheJournal() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("operator-journal.jsonl").path
        let store = OperatorActionTests.store()
        let desk = ActionDeskTests.desk(store, path, console: "a", by: "值班员甲")
        let md = ShiftHandover.markdown(store: store, now: Self.now, parties: Self.parties)
        let saved = try ShiftHandover.save(md, directory: dir.path, now: Self.now, operatorName: "值班员甲").get()
        #expect(saved.path == dir.path + "/handover-20261128-1200-值班员甲.md")
        #expect(OperatorJournalTests.text(saved.path) == md)
        let record = ShiftHandover.record(now: Self.now, parties: Self.parties, fileName: saved.name)
        #expect(record.id == "HO-20261128-1200-值班员甲")
        guard case .written = desk.recordHandover(record) else { Issue.record("not journaled"); return }
        let line = try #require(OperatorJournalTests.lines(path).last)
        #expect(line.contains(#""type":"handover""#) && line.contains(#""status":"resolved""#) && line.contains(#""level":"info""#))
        #expect(line.contains(#""title":"交接班：值班员甲 → 值班员乙""#) && line.contains(#""note":"handover-20261128-1200-值班员甲.md""#))

        let other = TestSupport.store(OperatorJournalTests.lines(path), clock: .fixed(Self.now))
        #expect(other.quarantinedTotal == 0)
        let notice = ShiftHandover.latestNotice(in: other, alertsFrom: 0)
        #expect(notice == ShiftHandover.Notice(ts: Self.now, handedBy: "值班员甲", takenBy: "值班员乙", fileName: saved.name))
        #expect(notice?.text(.zh) == "交接班 12:00 值班员甲 → 值班员乙")
        #expect(notice?.text(.en) == "handover 12:00 值班员甲 → 值班员乙")
        #expect(other.aggregates.openAlertsByLevel == [0, 0, 0] && other.aggregates.activeAlerts.count == 0)
        // Only alerts that arrived after those already looked at are new.
        #expect(ShiftHandover.latestNotice(in: other, alertsFrom: other.count(.alert)) == nil)
        // The stats a console shows count it nowhere as open.
        #expect(StatsReport(store: other).json.contains(#""open_by_level":{"info":0,"warning":0,"critical":0}"#))
    }

    /// A name is used in the file name only when it is plain: a slash, a
    /// dot, a space or a control character gives a hash instead.
    @Test func theOperatorsNameInAFileNameIsPlainOrHashed() {
        #expect(ShiftHandover.operatorTag("值班员甲") == "值班员甲")
        #expect(ShiftHandover.operatorTag("wang_li-2") == "wang_li-2")
        for odd in ["../x", "a/b", "a b", "a\u{1b}b", ".hidden", "", String(repeating: "长", count: 9)] {
            let tag = ShiftHandover.operatorTag(odd)
            #expect(tag.hasPrefix("u") && tag.count == 17 && !tag.contains("/") && !tag.contains("."), "\(odd) → \(tag)")
        }
    }
}

extension ShiftHandoverTests {
    /// A shift begins at the handover to its officer: 乙's window starts at
    /// 甲's handover; without one it is the last 8 hours.
    @Test func theShiftBeginsAtTheHandoverToItsOfficer() {
        let handover = ShiftHandover.record(now: Self.now - 3 * TimeSpan.hour, parties: Self.parties,
                                            fileName: ShiftHandover.fileName(now: Self.now - 3 * TimeSpan.hour, operatorName: "值班员甲"))
        let store = OperatorActionTests.store()
        _ = store.apply(handover)
        let start = ShiftHandover.shiftStart(in: store, operatorName: "值班员乙", now: Self.now)
        #expect(start == Self.now - 3 * TimeSpan.hour)
        #expect(ShiftHandover.shiftStart(in: store, operatorName: "值班员甲", now: Self.now) == nil)
        #expect(ShiftHandover.shiftStart(in: store, operatorName: "值班员乙", now: Self.now + 2 * TimeSpan.day) == nil)
        let md = ShiftHandover.markdown(store: store, now: Self.now, shiftStart: start)
        #expect(md.contains("时段: 11-28 09:00 – 11-28 12:00 (+08:00)"))
    }
}
