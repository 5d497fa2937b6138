import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 10, items 3 and 4: task ids are allocated under the journal's lock,
/// after reading what other consoles appended, and recorded in the id state
/// file beside the journal, so two consoles never issue the same id (even
/// when one journal was renamed away), and a refusal names the item that
/// really changed.
@Suite struct JournaledActionTests {
    /// 2026-11-28 12:00 (as OperatorActionTests).
    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)
    static let prefix = "ZF-20261128-"

    /// A console's store: events E0… open, as every console read them from the feeds.
    static func store(events: Int = 4, extra: [String] = []) -> Store {
        let lines = (0..<events).map { Line.event("E\($0)", "2026-11-28T09:00:00+08:00") } + extra
        return TestSupport.store(lines, clock: .fixed(now))
    }

    static func dispatch(_ store: Store, _ journal: OperatorJournal, _ event: String, by: String) -> JournaledAction.Outcome {
        let ctx = ActionContext(operator: by, now: now)
        return JournaledAction.perform(store: store, journal: journal) { taskID in
            OperatorActions.dispatch(store, event: event, unit: "锦屏派出所", type: .joint, ctx, taskID: taskID(ctx.now))
        }
    }

    static func taskID(_ outcome: JournaledAction.Outcome) -> String? {
        guard case .written(let records) = outcome else { return nil }
        return records.first { $0.kind == .task }?.id
    }

    /// (task id, event) of every task line in the journal.
    static func tasks(_ path: String) -> [(id: String, event: String?)] {
        OperatorJournalTests.lines(path).compactMap { line in
            guard case .success(let r) = TestSupport.parse(line), case .task(let t) = r.snapshot.body else { return nil }
            return (r.id, t.event)
        }
    }

    // MARK: - Item 4

    /// The issue's case: two consoles with the same picture dispatch two
    /// different events, one just after the other (neither has polled the
    /// other's write). Both are written, with different task ids; before, the
    /// second took the same id as the first and was refused with "already
    /// dispatched by 王" although its event was never dispatched.
    @Test func differentEventsFromTwoConsolesBothGetTheirOwnIDs() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = Self.store(), b = Self.store()
        let ja = OperatorJournal(path: path, console: "a"), jb = OperatorJournal(path: path, console: "b")
        let first = Self.dispatch(a, ja, "E1", by: "王")
        let second = Self.dispatch(b, jb, "E2", by: "李")
        #expect(Self.taskID(first) == Self.prefix + "0001")
        #expect(Self.taskID(second) == Self.prefix + "0002")
        // b ingested a's records on the way.
        #expect(b.item(.event, id: "E1")?.current.statusWire == "dispatched")
        #expect(b.item(.task, id: Self.prefix + "0001")?.current.by == "王")
    }

    /// The same event from two consoles: the second is refused, naming the
    /// event and who dispatched it.
    @Test func sameEventFromTwoConsolesIsRefusedNamingTheEvent() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = Self.store(), b = Self.store()
        let ja = OperatorJournal(path: path, console: "a"), jb = OperatorJournal(path: path, console: "b")
        #expect(Self.taskID(Self.dispatch(a, ja, "E1", by: "王")) != nil)
        let second = Self.dispatch(b, jb, "E1", by: "李")
        #expect(second == .conflict(JournalRefusal("E1 already dispatched by 王 at 12:00")))
        #expect(Self.tasks(path).count == 1)
    }

    /// Another console changed the event within the same millisecond as the
    /// snapshot the operator saw (09:00:00.000100 → .000900, raised to P1):
    /// the action is refused as changed, since timestamps keep microseconds.
    /// Compared in milliseconds, the change went unnoticed and the dispatch
    /// was written over a state the operator never saw.
    @Test func aChangeWithinTheSameMillisecondIsNoticed() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let store = TestSupport.store([Line.event("E1", "2026-11-28T09:00:00.000100+08:00")], clock: .fixed(Self.now))
        let other = Line.event("E1", "2026-11-28T09:00:00.000900+08:00", priority: "1") + "\n"
        try other.write(toFile: path, atomically: false, encoding: .utf8)
        let outcome = Self.dispatch(store, OperatorJournal(path: path, console: "a"), "E1", by: "王")
        guard case .conflict = outcome else {
            Issue.record("expected a refusal, got \(outcome)"); return
        }
        #expect(Self.tasks(path).isEmpty)
        #expect(store.item(.event, id: "E1")?.current.tsMicros == 900)   // the other console's snapshot was ingested
    }

    /// A task id with a huge number in a feed, or in the id state file (any
    /// group member can write it), is a valid record but never a base for the
    /// next id: the next dispatch gets an ordinary id. Before, the next id
    /// overflowed and the console stopped (exit 132) on every dispatch.
    @Test func hugeTaskNumbersAreNotCountedFrom() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let huge = Self.prefix + "9223372036854775807"
        let feed = Line.task(huge, "2026-11-28T09:30:00+08:00", due: "2026-11-28T13:30:00+08:00", status: "done")
        let store = Self.store(extra: [feed, Line.task(Self.prefix + "0007", "2026-11-28T09:31:00+08:00", due: "2026-11-28T13:30:00+08:00")])
        #expect(store.item(.task, id: huge) != nil)
        try (TaskIDState.header + Self.prefix + " 99999999999999999999\n").write(toFile: path + ".ids", atomically: false, encoding: .utf8)
        #expect(Self.taskID(Self.dispatch(store, OperatorJournal(path: path, console: "a"), "E1", by: "王")) == Self.prefix + "0008")
        #expect(TaskNumbering.number(Array("123456789".utf8)) == 123_456_789)
        #expect(TaskNumbering.number(Array("1234567890".utf8)) == nil)
        #expect(TaskNumbering.split(huge) == nil)
    }

    /// At the largest countable number the next dispatch fails (and says so)
    /// rather than issue an id that would never be counted from: before, two
    /// dispatches after `ZF-…-999999999` both got `ZF-…-1000000000`, the
    /// second task overwriting the first (found by the second re-test).
    @Test func theLastCountableNumberIsNeverPassed() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let last = Line.task(Self.prefix + "999999998", "2026-11-28T09:30:00+08:00", due: "2026-11-28T13:30:00+08:00", status: "done")
        let store = Self.store(extra: [last])
        let journal = OperatorJournal(path: path, console: "a")
        #expect(Self.taskID(Self.dispatch(store, journal, "E1", by: "王")) == Self.prefix + "999999999")
        let next = Self.dispatch(store, journal, "E2", by: "王")
        guard case .failed(let why) = next else { Issue.record("expected a failure, got \(next)"); return }
        #expect(why.message.contains("no number left"))
        #expect(Self.tasks(path).map(\.id) == [Self.prefix + "999999999"])
    }

    /// A console started after `mv operator-journal.jsonl
    /// operator-journal.jsonl.1` reads the rotated copy too (it is a feed of
    /// the folder), so it sees the dispatch made before the rename and does
    /// not dispatch the event again. Before, it never read `.1`, showed the
    /// event open, and one event got two tasks.
    @Test func aConsoleStartedAfterTheJournalWasRenamedSeesItsDispatches() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let lines = (0..<4).map { Line.event("E\($0)", "2026-11-28T09:00:00+08:00") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.path + "/feed.jsonl", atomically: false, encoding: .utf8)
        let path = dir.path + "/operator-journal.jsonl"
        func startConsole() -> Store {
            var store = Store(clock: .fixed(Self.now))
            FeedTailer(paths: [dir.path]).poll(into: &store)
            return store
        }
        #expect(Self.taskID(Self.dispatch(startConsole(), OperatorJournal(path: path, console: "a"), "E1", by: "王")) == Self.prefix + "0001")
        #expect(rename(path, path + ".1") == 0)
        let c = startConsole()
        #expect(c.item(.event, id: "E1")?.current.statusWire == "dispatched")
        let again = Self.dispatch(c, OperatorJournal(path: path, console: "c"), "E1", by: "李")
        guard case .refused = again else { Issue.record("expected a refusal, got \(again)"); return }
        #expect(Self.tasks(path).isEmpty && Self.tasks(path + ".1").count == 1)
    }

    @Test func rotatedCopiesAreFeedsReadOldestFirst() {
        for name in ["a.jsonl", "a.jsonl.1", "a.jsonl.12", "a.jsonl-20261203", "operator-journal.jsonl.3"] {
            #expect(FeedFileNames.isFeed(name), "\(name)")
        }
        for name in ["a.json", ".jsonl.1x", "a.jsonl.ids", "a.jsonl.tmp-12-34-0", "a.jsonl.2.gz", "a.jsonl.", "a.jsonl-", "a.jsonl.1234567890"] {
            #expect(!FeedFileNames.isFeed(name), "\(name)")
        }
        let order = FeedFileNames.readingOrder(["j.jsonl", "j.jsonl.1", "x.txt", "j.jsonl.2", "a.jsonl", "j.jsonl-20261202", "j.jsonl-20261201"]) { $0 }
        #expect(order == ["a.jsonl", "j.jsonl.2", "j.jsonl.1", "j.jsonl-20261201", "j.jsonl-20261202", "j.jsonl"])
    }

    /// `watch --record` with the journal in the watched folder: the console's
    /// own action and another console's, read under the journal's lock, are
    /// each recorded once, when they reach the store; the journal's tail then
    /// brings them as duplicates, which the recording skips. (After the
    /// recording learned to skip duplicates, both were lost: the re-test's
    /// recording held 0 of the journal's lines.)
    @Test func aRecordingKeepsEveryActionOnceWhenTheJournalIsWatched() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let lines = (0..<4).map { Line.event("E\($0)", "2026-11-28T09:00:00+08:00") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir.path + "/feed.jsonl", atomically: false, encoding: .utf8)
        let path = dir.path + "/operator-journal.jsonl", rec = dir.path + "/rec.jsonl"
        let store = Store(clock: .fixed(Self.now))
        let writer = try RecordingWriter(path: rec)
        var sink = RecordingSink(inner: store, writer: writer)
        let tailer = FeedTailer(paths: [dir.path])
        tailer.poll(into: &sink)
        #expect(Self.taskID(Self.dispatch(Self.store(), OperatorJournal(path: path, console: "b"), "E2", by: "李")) != nil)
        let ctx = ActionContext(operator: "王", now: Self.now)
        let ours = JournaledAction.perform(store: store, journal: OperatorJournal(path: path, console: "a"),
                                           applied: { writer.append($0) }) { taskID in
            OperatorActions.dispatch(store, event: "E1", unit: "锦屏派出所", type: .joint, ctx, taskID: taskID(ctx.now))
        }
        #expect(Self.taskID(ours) == Self.prefix + "0002")
        for _ in 0..<3 { tailer.poll(into: &sink) }
        try writer.flush()
        let recorded = try String(contentsOfFile: rec, encoding: .utf8).split(separator: "\n")
        #expect(recorded.count == 4 + 2 + 2, "\(recorded.count) lines")
        for id in [Self.prefix + "0001", Self.prefix + "0002"] {
            #expect(recorded.filter { $0.contains(#""id":"\#(id)""#) }.count == 1, "\(id)")
        }
    }

    /// Two consoles (threads, each with its own store and journal instance)
    /// dispatch 40 different events as fast as they can: all are written,
    /// with 40 distinct ids.
    @Test func racingDispatchesOfDifferentEventsAllSucceedWithDistinctIDs() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let events = 40
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = Self.store(events: events)
            let journal = OperatorJournal(path: path, console: "desk\(i)")
            for e in stride(from: i, to: events, by: 2) {
                results.add(Self.dispatch(store, journal, "E\(e)", by: i == 0 ? "王" : "李"))
            }
        }
        let all = results.all
        #expect(all.count == events)
        #expect(all.allSatisfy { Self.taskID($0) != nil })
        let tasks = Self.tasks(path)
        #expect(tasks.count == events)
        #expect(Set(tasks.map(\.id)).count == events)
        #expect(Set(tasks.compactMap(\.event)).count == events)
    }

    /// Both consoles dispatch the same event, 20 times over: exactly one
    /// task per event, the other refused naming the event.
    @Test func racingDispatchesOfTheSameEventWriteExactlyOne() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let rounds = 20
        let consoles = Consoles(stores: [Self.store(events: rounds), Self.store(events: rounds)],
                                journals: [OperatorJournal(path: path, console: "a"), OperatorJournal(path: path, console: "b")])
        for round in 0..<rounds {
            let results = Results()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                results.add(Self.dispatch(consoles.stores[i], consoles.journals[i], "E\(round)", by: i == 0 ? "王" : "李"))
            }
            let all = results.all
            #expect(all.filter { Self.taskID($0) != nil }.count == 1)
            #expect(all.contains {
                if case .conflict(let r) = $0 { return r.reason.hasPrefix("E\(round) already dispatched by ") }
                return false
            })
        }
        let tasks = Self.tasks(path)
        #expect(tasks.count == rounds && Set(tasks.map(\.id)).count == rounds)
    }

    // MARK: - Item 3

    /// Console A issues an id, then the journal is renamed away; console C
    /// starts afterwards on a fresh journal and never reads the renamed one:
    /// its id still follows A's (the id state file), and an id in C's own
    /// store (from the feeds) is not reused either.
    @Test func idsAreNotReusedAfterTheJournalIsRenamed() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let ja = OperatorJournal(path: path, console: "a")
        #expect(Self.taskID(Self.dispatch(Self.store(), ja, "E0", by: "王")) == Self.prefix + "0001")
        #expect(rename(path, path + ".1") == 0)

        let jc = OperatorJournal(path: path, console: "c")
        let c = Self.store()
        #expect(Self.taskID(Self.dispatch(c, jc, "E1", by: "李")) == Self.prefix + "0002")
        // A follows the name: reads C's records, and goes on after them.
        #expect(Self.taskID(Self.dispatch(Self.store(), ja, "E2", by: "王")) == Self.prefix + "0003")
        #expect(Self.tasks(path).map(\.id) == [Self.prefix + "0002", Self.prefix + "0003"])

        // A feed's id above the counter: the store's highest wins.
        let feed = Line.task(Self.prefix + "0041", "2026-11-28T09:30:00+08:00", due: "2026-11-28T13:30:00+08:00")
        #expect(Self.taskID(Self.dispatch(Self.store(extra: [feed]), jc, "E3", by: "李")) == Self.prefix + "0042")
        #expect(OperatorJournalTests.text(jc.idStatePath).contains(Self.prefix + " 42\n"))
    }

    /// The id state file is never written through a symlink: the dispatch
    /// fails naming the file, nothing is written anywhere.
    @Test func idStateFileThatIsASymlinkIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try JournalSafetyTests.sharedFolder(dir)
        let target = try JournalSafetyTests.privateFile(dir)
        let path = shared + "/operator-journal.jsonl"
        let journal = OperatorJournal(path: path, console: "a")
        try FileManager.default.createSymbolicLink(atPath: journal.idStatePath, withDestinationPath: target.path)
        let outcome = Self.dispatch(Self.store(), journal, "E1", by: "王")
        guard case .failed(let why) = outcome else { Issue.record("not refused: \(outcome)"); return }
        #expect(why.message.contains(journal.idStatePath) && why.message.contains("symbolic link"))
        #expect(OperatorJournalTests.bytes(target.path) == target.bytes)
        #expect(Self.tasks(path).isEmpty)
        #expect(Platform.isSymlink(journal.idStatePath))
    }
}

/// Outcomes gathered from concurrent actions.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [JournaledAction.Outcome] = []
    func add(_ o: JournaledAction.Outcome) { lock.lock(); items.append(o); lock.unlock() }
    var all: [JournaledAction.Outcome] { lock.lock(); defer { lock.unlock() }; return items }
}

/// Two consoles' stores and journals, each used by one thread at a time.
private final class Consoles: @unchecked Sendable {
    let stores: [Store]
    let journals: [OperatorJournal]
    init(stores: [Store], journals: [OperatorJournal]) { self.stores = stores; self.journals = journals }
}
