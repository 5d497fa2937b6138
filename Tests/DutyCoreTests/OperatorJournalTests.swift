import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The operator journal: durable batches, torn-tail repair, compare-before-
/// append against another writer (a second instance, and a second process),
/// and failing writes that leave the file as it was.
@Suite struct OperatorJournalTests {
    // MARK: - Helpers

    static func record(_ line: String, by: String? = nil) -> Record {
        var r = try! TestSupport.parse(line).get()
        r.snapshot.by = by
        return r
    }

    /// The two records a dispatch writes: the task and the event's new snapshot.
    static func dispatch(_ event: String, task: String, by: String, ts: String = "2026-11-28T10:42:00+08:00") -> [Record] {
        [record(Line.task(task, ts, due: "2026-11-28T14:42:00+08:00", event: "\"\(event)\""), by: by),
         record(Line.event(event, ts, status: "dispatched"), by: by)]
    }

    /// The check a dispatch makes: the event must still be open (or unknown).
    /// `dwell` holds the lock a while after reading, to widen the window a
    /// missing lock would let a racing writer through.
    static func stillOpen(_ event: String, dwell: UInt32 = 0) -> (JournalView) -> JournalRefusal? {
        { view in
            if dwell > 0 { usleep(dwell) }
            guard let now = view.latest(.event, id: event), now.snapshot.statusWire != "open" else { return nil }
            return .alreadyChanged(now)
        }
    }

    static func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func text(_ path: String) -> String { String(decoding: bytes(path), as: UTF8.self) }

    static func lines(_ path: String) -> [String] {
        String(decoding: bytes(path), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Task lines in the journal that serve `event`.
    static func tasks(for event: String, in path: String) -> Int {
        lines(path).filter { line in
            guard case .success(let r) = TestSupport.parse(line), case .task(let t) = r.snapshot.body else { return false }
            return t.event == event
        }.count
    }

    // MARK: - Tests

    @Test func appendedBatchReadsBackEqualWithConsoleKey() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let journal = OperatorJournal(path: path, console: "desk-\"1\"")
        let batch = Self.dispatch("E1", task: "ZF-20261128-0001", by: "李")
        let result = journal.append(batch, expecting: Self.stillOpen("E1"))
        let written = Self.bytes(path)
        #expect(result.outcome == .written(offset: 0, length: written.count))
        let lines = Self.lines(path)
        #expect(lines.count == 2)
        var parser = FeedParser()
        for (line, record) in zip(lines, batch) {
            #expect(line.hasSuffix(#","console":"desk-\"1\""}"#))
            #expect(try parser.parseRecord(line).get() == record)
        }
    }

    @Test func tornTailIsTerminatedBeforeAppending() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let whole = Line.event("E1", "2026-11-28T09:00:00+08:00") + "\n"
        let torn = #"{"kind":"task","id":"ZF-9","ts":"2026-11-"#
        try Data((whole + torn).utf8).write(to: URL(fileURLWithPath: path))

        let journal = OperatorJournal(path: path, console: "c1")
        let result = journal.append(Self.dispatch("E1", task: "ZF-1", by: "李"), expecting: Self.stillOpen("E1"))
        #expect(result.isWritten)
        #expect(result.read.map(\.id) == ["E1"])
        #expect(result.badLines.map(\.offset) == [Int64(whole.utf8.count)])
        let text = String(decoding: Self.bytes(path), as: UTF8.self)
        #expect(text.hasPrefix(whole + torn + "\n") && text.hasSuffix("\n"))
        #expect(!FileManager.default.fileExists(atPath: path + ".torn"))
        #expect(Self.lines(path).count == 4)
    }

    @Test func twoInstancesRacingDispatchExactlyOnce() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let names = ["王", "李"]
        for round in 0..<20 {
            let event = "E\(round)"
            let outcomes = Outcomes()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let journal = OperatorJournal(path: path, console: "desk\(i)")
                let r = journal.append(Self.dispatch(event, task: "ZF-\(round)-\(i)", by: names[i]),
                                       expecting: Self.stillOpen(event, dwell: 20_000))
                outcomes.add(i, r.outcome)
            }
            let all = outcomes.all
            let written = all.filter { if case .written = $0.1 { return true }; return false }
            #expect(written.count == 1)
            #expect(Self.tasks(for: event, in: path) == 1)
            if let winner = written.first?.0, let loser = all.first(where: { $0.0 != winner }) {
                #expect(loser.1 == .refused(JournalRefusal("already dispatched by \(names[winner]) at 10:42")))
            }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/env")))
    func anotherProcessRacingDispatchExactlyOnce() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        // Staggered starts so that either side wins some rounds; the last round
        // lets the other console finish first, so ours must be refused.
        var refusedRounds = 0
        for round in 0..<6 {
            let event = "P\(round)"
            let child = try OtherConsole.start(path: path, event: event, task: "ZF-PY-\(round)")
            if round == 5 { _ = OtherConsole.wait(child) } else { usleep(UInt32(round) * 30_000) }
            let journal = OperatorJournal(path: path, console: "swift")
            let r = journal.append(Self.dispatch(event, task: "ZF-SW-\(round)", by: "李"), expecting: Self.stillOpen(event, dwell: 50_000))
            let status = OtherConsole.wait(child)
            #expect(Self.tasks(for: event, in: path) == 1)
            switch r.outcome {
            case .written: #expect(status == 3)  // the other console saw ours and refused
            case .refused(let why):
                refusedRounds += 1
                #expect(status == 0)
                #expect(why.reason == "already dispatched by 王 at 10:42")
                #expect(r.read.contains { $0.id == event && $0.snapshot.by == "王" })
            default: Issue.record("unexpected \(r.outcome)")
            }
        }
        #expect(refusedRounds >= 1)
    }

    @Test func readsWhatAnotherWriterAppendedSinceLastRead() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let mine = OperatorJournal(path: path, console: "a")
        let theirs = OperatorJournal(path: path, console: "b")
        #expect(mine.append(Self.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil }).isWritten)
        let first = theirs.append(Self.dispatch("E2", task: "T2", by: "王"), expecting: { _ in nil })
        #expect(first.read.map(\.id) == ["T1", "E1"])  // everything before its own write

        // mine polls and gets exactly theirs, not its own lines again
        let polled = try mine.poll().get()
        #expect(polled.records.map(\.id) == ["T2", "E2"])
        #expect(polled.records.allSatisfy { $0.snapshot.by == "王" })
        #expect(try mine.poll().get().records.isEmpty)

        // a bad line from elsewhere is reported, never fatal; then theirs again
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd(); try handle.write(contentsOf: Data("not json\n".utf8)); try handle.close()
        #expect(theirs.append(Self.dispatch("E3", task: "T3", by: "王"), expecting: { _ in nil }).isWritten)
        let next = mine.append(Self.dispatch("E4", task: "T4", by: "李"), expecting: { view in
            view.newRecords.map(\.id) == ["T3", "E3"] && view.latest(.event, id: "E2")?.snapshot.by == "王"
                ? nil : JournalRefusal("view was stale")
        })
        #expect(next.isWritten)
        #expect(next.badLines.count == 1)
        #expect(next.badLines.first?.offset == Int64(Self.lines(path).prefix(4).reduce(0) { $0 + $1.utf8.count + 1 }))
        #expect(try theirs.poll().get().records.map(\.id) == ["T4", "E4"])
    }

    @Test(arguments: [JournalFault.shortWrite(bytes: 17),
                      .writeError(errno: Platform.errnoNoSpace, bytes: 9),
                      .syncError(errno: Platform.errnoIO)])
    func failingWriteLeavesFileUnchangedAndBlocks(fault: JournalFault) throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let journal = OperatorJournal(path: path, console: "c1")
        #expect(journal.append(Self.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil }).isWritten)
        let before = Self.bytes(path)

        journal.faults = fault
        let failed = journal.append(Self.dispatch("E2", task: "T2", by: "李"), expecting: { _ in nil })
        guard case .failed(let why) = failed.outcome else { Issue.record("not failed: \(failed.outcome)"); return }
        switch fault {
        case .shortWrite: #expect(why.message.contains("short write"))
        case .writeError: #expect(why.message == "write failed: No space left on device")
        case .syncError: #expect(why.message == "sync failed: Input/output error")
        }
        #expect(Self.text(path) == String(decoding: before, as: UTF8.self))
        #expect(journal.blocked == why)

        let refused = journal.append(Self.dispatch("E2", task: "T2", by: "李"), expecting: { _ in nil })
        #expect(refused.outcome == .blocked(why))
        #expect(Self.text(path) == String(decoding: before, as: UTF8.self))

        journal.retry()
        let again = journal.append(Self.dispatch("E2", task: "T2", by: "李"), expecting: { _ in nil })
        #expect(again.isWritten)
        #expect(again.read.isEmpty)
        #expect(Self.lines(path).count == 4)
        #expect(Array(Self.bytes(path).prefix(before.count)) == before)
    }

    @Test func unopenableJournalFailsWithReasonAndBlocks() {
        let journal = OperatorJournal(path: "/nonexistent-dir-\(UUID().uuidString)/j.jsonl", console: "c1")
        let r = journal.append(Self.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil })
        guard case .failed(let why) = r.outcome else { Issue.record("not failed: \(r.outcome)"); return }
        #expect(why.step == .open && why.code == 2)
        #expect(why.message == "open failed: \(journal.path): No such file or directory")
        #expect(journal.blocked != nil)
    }

    @Test func refusalWritesNothing() {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let journal = OperatorJournal(path: path, console: "c1")
        #expect(journal.append(Self.dispatch("E1", task: "T1", by: "王"), expecting: Self.stillOpen("E1")).isWritten)
        let before = Self.bytes(path)
        let r = journal.append(Self.dispatch("E1", task: "T2", by: "李"), expecting: Self.stillOpen("E1"))
        #expect(r.outcome == .refused(JournalRefusal("already dispatched by 王 at 10:42")))
        #expect(Self.text(path) == String(decoding: before, as: UTF8.self))
        #expect(journal.blocked == nil)
    }
}

/// Outcomes gathered from concurrent appends.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int, JournalResult.Outcome)] = []
    func add(_ i: Int, _ o: JournalResult.Outcome) { lock.lock(); items.append((i, o)); lock.unlock() }
    var all: [(Int, JournalResult.Outcome)] { lock.lock(); defer { lock.unlock() }; return items }
}

/// "Another console": a python3 process that takes the same flock, refuses
/// (exit 3) if a task for the event is already in the file, else appends a
/// dispatch by 王 and fsyncs (exit 0).
private enum OtherConsole {
    static let script = #"""
import fcntl, json, os, sys, time
path, event, task = sys.argv[1:4]
fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
fcntl.flock(fd, fcntl.LOCK_EX)
with open(path, "rb") as f:
    for line in f.read().split(b"\n"):
        if line.strip():
            r = json.loads(line)
            if r.get("kind") == "task" and r.get("event") == event:
                sys.exit(3)
time.sleep(0.05)
ts = "2026-11-28T10:42:00+08:00"
task_line = {"kind": "task", "id": task, "ts": ts, "event": event, "type": "empowered",
             "unit": "锦屏街道综合行政执法中队", "town": "锦屏街道", "due": "2026-11-28T14:42:00+08:00",
             "status": "dispatched", "by": "王", "console": "py"}
event_line = {"kind": "event", "id": event, "ts": ts, "town": "锦屏街道", "grid": "JP-03-12",
              "domain": "市容环境", "priority": 2, "source": "grid", "title": "占道经营",
              "status": "dispatched", "by": "王", "console": "py"}
data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (task_line, event_line)).encode()
os.write(fd, data)
os.fsync(fd)
sys.exit(0)
"""#

    static func start(path: String, event: String, task: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path, event, task]
        try p.run()
        return p
    }

    /// The exit status, or -1 after killing a child that took over 20 s.
    static func wait(_ p: Process) -> Int32 {
        let deadline = Date().addingTimeInterval(20)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate(); return -1 }
        return p.terminationStatus
    }
}
