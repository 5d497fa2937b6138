import Dispatch
import Foundation
import Testing
@testable import DutyCore

/// The pipeline's reader runs batches no worker has started: every batch
/// must still run once, results must come in the order the batches were
/// filled, and each hand (a worker, or the reader) must run its batches in
/// that order, since a hand's parser keeps names from one batch to the next.
@Suite struct BatchPipelineTests {
    // @unchecked Sendable: `runs` is touched under `lock` only.
    final class Log: @unchecked Sendable {
        let lock = NSLock()
        var runs: [(hand: Int, line: Int)] = []
        func add(_ hand: Int, _ line: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            runs.append((hand, line))
            return runs.filter { $0.hand == hand }.count
        }
    }

    @Test func theReaderRunsWhatTheWorkerHasNotStartedAndOrderHolds() {
        let log = Log()
        // The worker's first batch blocks until the reader has run two of its own.
        let release = DispatchSemaphore(value: 0)
        let pipeline = BatchPipeline<Int>(workers: 1, batchBytes: 8) { batch, hand in
            let line = batch.position(0).line
            let mine = log.add(hand, line)
            if hand == 0 && mine == 1 { release.wait() }
            if hand == 1 && mine == 2 { release.signal() }
            return line
        }
        var taken: [Int] = []
        let take: (LineBatch, Int) -> Void = { batch, output in
            #expect(batch.position(0).line == output)
            taken.append(output)
        }
        let bytes = Array("12345678".utf8)
        bytes.withUnsafeBytes { line in
            // One line a batch (8 bytes each).
            for n in 1...40 { pipeline.add(line, at: LinePosition(file: "f", line: n, offset: 0), take: take) }
            pipeline.drain(take: take)
        }
        #expect(taken == Array(1...40))
        let runs = log.runs
        #expect(runs.map(\.line).sorted() == Array(1...40))
        for hand in 0...1 {
            let lines = runs.filter { $0.hand == hand }.map(\.line)
            #expect(lines == lines.sorted(), "hand \(hand) ran out of order: \(lines)")
        }
        #expect(runs.filter { $0.hand == 1 }.count >= 2)
    }
}
