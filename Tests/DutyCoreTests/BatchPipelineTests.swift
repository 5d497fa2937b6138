import Dispatch
import Foundation
import Testing
@testable import DutyCore

/// The pipeline's reader and taker run batches no worker has started: every
/// batch must still run once, results must come in the order the batches
/// were filled, and each hand (a worker, the reader or the taker) must run
/// its batches in that order, since a hand's parser keeps names from one
/// batch to the next.
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

    /// Feeds `lines` lines of 8 bytes (one a batch) from the reader's thread; returns what was taken, in order.
    static func run(_ pipeline: BatchPipeline<Int>, lines: Range<Int>) -> [Int] {
        var taken: [Int] = []
        pipeline.run(read: { sink in
            Array("12345678".utf8).withUnsafeBytes { line in
                for n in lines { sink.line(line, at: LinePosition(file: "f", line: n, offset: 0)) }
            }
        }, take: { batch, output in
            #expect(batch.position(0).line == output)
            taken.append(output)
        })
        return taken
    }

    @Test func theReaderAndTakerRunWhatTheWorkerHasNotStartedAndOrderHolds() {
        let log = Log()
        // The worker's first batch blocks until the reader or the taker
        // (hands 1 and 2) has run two of its own.
        let release = DispatchSemaphore(value: 0)
        let pipeline = BatchPipeline<Int>(workers: 1, batchBytes: 8) { batch, hand in
            let line = batch.position(0).line
            let mine = log.add(hand, line)
            if hand == 0 && mine == 1 { release.wait() }
            if hand > 0 && mine == 2 { release.signal() }
            return line
        }
        #expect(Self.run(pipeline, lines: 1..<41) == Array(1...40))
        let runs = log.runs
        #expect(runs.map(\.line).sorted() == Array(1...40))
        for hand in 0...2 {
            let lines = runs.filter { $0.hand == hand }.map(\.line)
            #expect(lines == lines.sorted(), "hand \(hand) ran out of order: \(lines)")
        }
        #expect(runs.filter { $0.hand > 0 }.count >= 2)
    }

    @Test func runsAgainAndWithNothingToRead() {
        let pipeline = BatchPipeline<Int>(workers: 2, batchBytes: 20) { batch, _ in batch.position(0).line }
        #expect(Self.run(pipeline, lines: 1..<1).isEmpty)
        // Two lines a batch: each batch's first line.
        #expect(Self.run(pipeline, lines: 1..<1_001) == Array(stride(from: 1, through: 999, by: 2)))
        #expect(Self.run(pipeline, lines: 1..<4) == [1, 3])
    }
}
