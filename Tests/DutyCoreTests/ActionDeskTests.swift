import Foundation
import DutyTestSupport
import Testing
@testable import DutyCore

/// The commit protocol of operator actions (`ActionDesk`): a typed action
/// becomes durable records in the journal and the store, or a typed refusal
/// or conflict; snoozes end through the journal like any action.
@Suite struct ActionDeskTests {
    static let now = OperatorActionTests.now

    static func desk(_ store: Store, _ path: String, console: String, by: String = "李娜") -> ActionDesk {
        ActionDesk(store: store, journal: OperatorJournal(path: path, console: console), operatorName: by)
    }

    /// Journal lines parsed back to records.
    static func journal(_ path: String) -> [Record] {
        OperatorJournalTests.lines(path).compactMap { try? TestSupport.parse($0).get() }
    }

    @Test func aDispatchBecomesADurableTaskAndIsRefusedASecondTime() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let store = OperatorActionTests.store()
        let desk = Self.desk(store, path, console: "a")
        let outcome = desk.perform(.dispatch(event: "E1", unit: "锦屏派出所", type: .inspection))
        guard case .written(let records) = outcome else { Issue.record("not written: \(outcome)"); return }
        #expect(records.map(\.id) == ["ZF-20261128-0008", "E1"])
        // Durable: in the journal, in that order, and in the store.
        #expect(Self.journal(path) == records)
        let task = try #require(store.item(.task, id: "ZF-20261128-0008")).current
        guard case .task(let t) = task.body else { Issue.record("not a task"); return }
        #expect(t.type == .inspection && t.unit == "锦屏派出所" && t.event == "E1" && task.by == "李娜")
        #expect(store.item(.event, id: "E1")?.current.statusWire == "dispatched")
        // Again on the same console: refused before the lock, with a typed code.
        let again = desk.perform(.dispatch(event: "E1", unit: "锦屏派出所", type: .joint))
        guard case .refused(let refusal) = again else { Issue.record("not refused: \(again)"); return }
        #expect(refusal.code == .alreadyDispatched)
        #expect(Self.journal(path).count == 2)
    }

    /// Another console that has not read the journal yet: its dispatch is
    /// refused under the lock, naming the event and who dispatched it.
    @Test func aSecondConsoleIsRefusedWithTheConflictNamed() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = OperatorActionTests.store(), b = OperatorActionTests.store()
        guard case .written = Self.desk(a, path, console: "a", by: "王").perform(.dispatch(event: "E1", unit: "u", type: .joint))
        else { Issue.record("A's dispatch not written"); return }
        let second = Self.desk(b, path, console: "b").perform(.dispatch(event: "E1", unit: "v", type: .joint))
        #expect(second == .conflict(JournalRefusal("E1 already dispatched by 王 at 12:00")))
        // B ingested A's records on the way.
        #expect(b.item(.event, id: "E1")?.current.by == "王")
        #expect(Self.journal(path).filter { $0.kind == .task }.count == 1)
    }

    /// Each typed choice reaches the record: the outcome of a task done, the
    /// reason of a cancel; a refusal writes nothing.
    @Test func typedChoicesReachTheRecords() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let store = OperatorActionTests.store()
        let desk = Self.desk(store, path, console: "a")
        guard case .written(let done) = desk.perform(.done(task: "ZF-20261128-0007", outcome: .penalty)),
              case .task(let t) = done[0].snapshot.body else { Issue.record("done not written"); return }
        #expect(t.status == .done && t.outcome == .penalty)
        guard case .written(let cancelled) = desk.perform(.cancel(event: "E1", reason: "误报")) else {
            Issue.record("cancel not written"); return
        }
        #expect(cancelled[0].snapshot.note == "误报" && cancelled[0].snapshot.statusWire == "cancelled")
        #expect(desk.perform(.returnTask(task: "ZF-20261128-0003", reason: "不想办")) == .refused(ActionRefusal(.badReturnReason)))
        #expect(desk.perform(.acknowledgeAll(alerts: ["A2", "A3"])) == .refused(ActionRefusal(.noOpenAlerts)))
        #expect(Self.journal(path).count == 2)
    }

    /// A snooze is written now; once its end has passed, the alert is
    /// reopened through the journal at that end, once.
    @Test func snoozesAreReopenedThroughTheJournalOnce() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let store = OperatorActionTests.store()
        let desk = Self.desk(store, path, console: "a")
        guard case .written = desk.perform(.snooze(alert: "A1")) else { Issue.record("snooze not written"); return }
        #expect(desk.reopenDueSnoozes().isEmpty)
        store.clock = .fixed(Self.now + 29 * 60_000)
        #expect(desk.reopenDueSnoozes().isEmpty)
        store.clock = .fixed(Self.now + 31 * 60_000)
        #expect(desk.reopenDueSnoozes() == ["A1"])
        let reopened = try #require(store.item(.alert, id: "A1")).current
        #expect(reopened.statusWire == "open" && reopened.note == "snooze ended" && reopened.ts == Self.now + 30 * 60_000)
        #expect(Self.journal(path).map { $0.snapshot.statusWire } == ["acked", "open"])
        #expect(desk.reopenDueSnoozes().isEmpty)
        #expect(Self.journal(path).count == 2)
    }
}
