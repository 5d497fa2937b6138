import Dispatch
import Foundation
import DutyTestSupport
import Testing
@testable import DutyCore

/// Confining the store, the journal and the tailer to a queue, then using
/// them from that queue, works (debug builds check every entry point). A
/// call from another queue would trap, so that path is not tested here.
@Suite struct ConfinementTests {
    typealias J = OperatorJournalTests
    let queue = DispatchQueue(label: "dutydesk.test.confined")

    @Test func storeConfinedToAQueueWorksFromIt() {
        let store = Store()
        store.confine(to: queue)
        queue.sync {
            var line = Line.event("E1", "2026-11-28T09:00:00+08:00")
            line.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "t.jsonl", lineNumber: 1, offset: 0) }
            store.apply(J.record(Line.event("E1", "2026-11-28T09:05:00+08:00", status: "dispatched")))
            store.refuse(QuarantinedLine(file: "t.jsonl", line: 2, offset: 0, error: FeedError(.invalidJSON, "test")))
        }
        #expect(store.records == 2 && store.quarantinedTotal == 1)
        // Lifted: usable from this thread again.
        store.confine(to: nil)
        store.apply(J.record(Line.event("E2", "2026-11-28T09:06:00+08:00")))
        #expect(store.count(.event) == 2)
    }

    @Test func journalConfinedToAQueueWorksFromIt() {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let journal = OperatorJournal(path: dir.appendingPathComponent("journal.jsonl").path, console: "a")
        journal.confine(to: queue)
        let written = queue.sync {
            #expect(journal.preflight() == nil)
            let result = journal.append(J.dispatch("E1", task: "ZF-20261128-0001", by: "李"), expecting: J.stillOpen("E1"))
            journal.retry()
            _ = journal.poll()
            return result.isWritten
        }
        #expect(written)
    }

    @Test func tailerStartedOnAQueuePollsFromIt() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("a.jsonl").path
        try Data("1\n2\n".utf8).write(to: URL(fileURLWithPath: file))
        let tailer = FeedTailer(paths: [file])
        // A long interval: the polls that count are the ones made here, on the queue.
        tailer.start(interval: .seconds(3600), queue: queue) { _ in }
        let lines = queue.sync {
            var sink = TailSink()
            tailer.poll(into: &sink)
            tailer.finish(into: &sink)
            return sink.lines.count
        }
        tailer.stop()
        #expect(lines == 2)
        // Stopped: the caller's again.
        var sink = TailSink()
        tailer.poll(into: &sink)
        #expect(sink.lines.isEmpty)
    }
}
