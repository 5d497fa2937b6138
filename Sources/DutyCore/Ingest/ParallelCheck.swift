/// Validates whole files on every core for `dutydesk check`: a reader
/// thread gathers lines into batches, the pipeline's hands (the reader, the
/// caller's thread, and workers beyond two threads) parse them (validating
/// only, keeping nothing) and the refused lines are reported on the caller's
/// thread in file order, worded as the one-thread check words them. With
/// `threads` ≤ 1 each line is checked as it comes, as before.
public final class ParallelCheck {
    /// Lines seen, refused ones included; lines refused.
    public private(set) var lines = 0
    public private(set) var bad = 0
    private let report: (QuarantinedLine) -> Void
    private let pipeline: BatchPipeline<[(index: Int, error: FeedError)]>?

    /// `report` gets every refused line, in file order, on the caller's thread.
    public init(threads: Int = ParallelIngest.cores, batchBytes: Int = ParallelIngest.defaultBatchBytes,
                report: @escaping (QuarantinedLine) -> Void) {
        self.report = report
        pipeline = threads > 1
            ? BatchPipeline(workers: BatchPipeline<[(index: Int, error: FeedError)]>.workers(threads: threads), batchBytes: batchBytes) { batch, _ in Self.validate(batch) }
            : nil
    }

    /// Checks every line `tailer` holds, the unterminated last ones
    /// included (as `FeedTailer.finish` delivers them), reporting as it goes.
    public func read(_ tailer: FeedTailer) {
        tailer.confinement.check()
        guard let pipeline else {
            var sink = OneThread(check: self)
            tailer.pollLent(into: &sink, finish: true)
            return
        }
        pipeline.run(read: { sink in tailer.pollLent(into: &sink, finish: true) }, take: take)
    }

    /// Each line checked as it comes, on the caller's thread.
    private struct OneThread: LineSink {
        let check: ParallelCheck
        var parser = FeedParser.validating()

        mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
            check.lines += 1
            if case .failure(let e) = parser.parseCompact(bytes) {
                check.bad += 1
                check.report(QuarantinedLine(file: position.file, line: position.line, offset: position.offset, error: e))
            }
        }

        mutating func refused(_ line: QuarantinedLine) {
            check.lines += 1
            check.bad += 1
            check.report(line)
        }
    }

    /// The refused lines of a batch (on a worker thread).
    private static func validate(_ batch: LineBatch) -> [(index: Int, error: FeedError)] {
        var parser = FeedParser.validating()
        var refused: [(index: Int, error: FeedError)] = []
        for i in 0..<batch.entries.count where batch.refusal(i) == nil {
            if case .failure(let e) = parser.parseCompact(batch.line(i)) { refused.append((i, e)) }
        }
        return refused
    }

    private func take(_ batch: LineBatch, _ refused: [(index: Int, error: FeedError)]) {
        lines += batch.entries.count
        var next = 0
        for i in 0..<batch.entries.count {
            if let q = batch.refusal(i) {
                bad += 1
                report(q)
            } else if next < refused.count && refused[next].index == i {
                bad += 1
                let p = batch.position(i)
                report(QuarantinedLine(file: p.file, line: p.line, offset: p.offset, error: refused[next].error))
                next += 1
            }
        }
    }
}
