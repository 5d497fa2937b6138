/// Ingests whole files into a store on every core: a reader thread gathers
/// the tailer's lines into batches, the pipeline's hands (the reader, the
/// caller's thread, and workers beyond two threads) parse them
/// (`PreparedLines`), and the store applies them in file order on the
/// caller's thread. The result is the one-thread ingest's, to the byte: the
/// same records, duplicates, conflicts, symbols and quarantine lines. For
/// loads that read files through at once (`stats`, a console's first poll,
/// the bench); the live tail stays on the one-thread path, which hands each
/// line over at once.
///
/// Use: `read(tailer)` (with `finish: true` for a one-shot load); when it
/// returns, everything read is applied. With `threads` ≤ 1 each line goes
/// straight to the store, as before.
public final class ParallelIngest {
    public let store: Store
    public let threads: Int
    private let pipeline: BatchPipeline<PreparedLines>?
    /// Per worker, its symbols in the store's table.
    @exclusivity(unchecked) private var maps: [TextMap]

    /// Bytes of lines per batch: large enough that the hand-over costs
    /// nothing per line (about a thousand lines), small enough that the
    /// batches in flight add little to the peak memory (1 MiB batches added
    /// 11 MB at 1 M records, these 5 MB, and were no faster).
    public static let defaultBatchBytes = 256 << 10

    public init(store: Store, threads: Int = ParallelIngest.cores, batchBytes: Int = ParallelIngest.defaultBatchBytes) {
        self.store = store
        self.threads = threads
        guard threads > 1 else { pipeline = nil; maps = []; return }
        // A parser for every hand: the workers, the reader and the store's thread.
        let hands = (0..<BatchPipeline<PreparedLines>.hands(threads: threads)).map { _ in Worker() }
        maps = Array(repeating: TextMap(), count: hands.count)
        pipeline = BatchPipeline(workers: BatchPipeline<PreparedLines>.workers(threads: threads), batchBytes: batchBytes) { batch, w in
            hands[w].parse(batch, w)
        }
    }

    /// The cores this process may run on.
    public static var cores: Int { Platform.cores }

    /// One hand's parser and the table its names are interned in, kept
    /// from batch to batch (the hand runs its batches one at a time, in order).
    // @unchecked Sendable: only its hand uses it (a worker's serial queue, the reader's thread or the store's), one batch at a time.
    private final class Worker: @unchecked Sendable {
        let names = TextTable()
        var parser: FeedParser
        init() { parser = FeedParser(texts: names) }
        func parse(_ batch: LineBatch, _ w: Int) -> PreparedLines {
            PreparedLines(batch, worker: w, parser: &parser, names: names)
        }
    }

    /// Polls `tailer` (and with `finish`, delivers every file's unterminated
    /// last line, as `FeedTailer.finish` does) and applies every line read.
    /// The tailer is lent to the reader thread while this thread waits for
    /// its lines, so it must be confined to this thread's queue, if to any.
    @discardableResult
    public func read(_ tailer: FeedTailer, finish: Bool = false) -> PollReport {
        tailer.confinement.check()
        guard let pipeline else {
            var sink = store
            return tailer.pollLent(into: &sink, finish: finish)
        }
        // @unchecked Sendable: written by the reader before its last signal, read here after.
        final class Report: @unchecked Sendable { var value = PollReport(lines: 0, bytes: 0, feedProblems: []) }
        let report = Report()
        pipeline.run(read: { sink in
            report.value = tailer.pollLent(into: &sink, finish: finish)
        }, take: apply)
        return report.value
    }

    /// How far ahead the item's slot is fetched: a few lines' apply covers the fetch.
    private static let prefetchDistance = 4

    private func apply(_ batch: LineBatch, _ prepared: PreparedLines) {
        maps[prepared.worker].learn(prepared)
        let texts = store.texts, free = prepared.free
        maps.withUnsafeMutableBufferPointer { maps in
            let map = maps.baseAddress! + prepared.worker
            prepared.lines.withUnsafeBufferPointer { lines in
                let n = lines.count
                for i in 0..<min(n, Self.prefetchDistance) where !lines[i].serial {
                    store.prefetchItem(lines[i].snapshot.kind, hash: lines[i].hash)
                }
                for i in 0..<n {
                    let ahead = i + Self.prefetchDistance
                    if ahead < n && !lines[ahead].serial { store.prefetchItem(lines[ahead].snapshot.kind, hash: lines[ahead].hash) }
                    let line = lines[i]
                    if line.serial {
                        if let q = batch.refusal(i) {
                            store.refused(q)
                        } else {
                            let p = batch.position(i)
                            store.ingest(line: batch.line(i), file: p.file, lineNumber: p.line, offset: p.offset)
                        }
                        continue
                    }
                    let s = map.pointee.map(line.snapshot, free: free, into: texts)
                    let id = UnsafeRawBufferPointer(start: batch.line(i).baseAddress! + Int(line.idStart), count: Int(line.idCount))
                    store.applyParsed(kind: s.kind, idBytes: id, snapshot: s, hash: line.hash)
                }
            }
        }
    }
}
