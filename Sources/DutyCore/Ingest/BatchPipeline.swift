import DequeModule
import Dispatch

/// Work on batches of lines in parallel, results taken in order: the
/// reader fills a batch, a worker runs `work` on it while the reader goes
/// on, and `take` gets each batch and its result on the reader's thread in
/// the order the batches were filled. Batches go to the workers in turn, and
/// each worker takes its own in order (a serial queue each), so a worker may
/// keep state from one batch to the next (a parser's table of names). At
/// most `2 × workers` batches are in flight, so memory stays bounded
/// whatever the size of the files.
final class BatchPipeline<Output> {
    /// One batch handed to a worker. The semaphore orders the worker's
    /// writes (`output`) before the reader's reads.
    // @unchecked Sendable: the worker writes `output` before `done.signal()`, the reader reads it after `done.wait()`.
    private final class Job: @unchecked Sendable {
        let batch: LineBatch
        var output: Output?
        let done = DispatchSemaphore(value: 0)
        init(_ batch: LineBatch) { self.batch = batch }
    }

    private let work: @Sendable (LineBatch, Int) -> Output
    private let batchBytes: Int
    private let maxInFlight: Int
    private let queues: [DispatchQueue]
    // Unchecked exclusivity: the reader's thread alone uses these, never in overlapping accesses.
    @exclusivity(unchecked) private var current: LineBatch
    @exclusivity(unchecked) private var inFlight = Deque<Job>()
    @exclusivity(unchecked) private var spare: [LineBatch] = []
    @exclusivity(unchecked) private var submitted = 0

    /// `work(batch, worker)` runs on worker `worker` (0..<workers).
    init(workers: Int, batchBytes: Int, work: @escaping @Sendable (LineBatch, Int) -> Output) {
        self.work = work
        self.batchBytes = batchBytes
        maxInFlight = 2 * max(1, workers)
        queues = (0..<max(1, workers)).map { DispatchQueue(label: "dutydesk.ingest.\($0)", qos: .userInitiated) }
        current = LineBatch(limit: batchBytes)
    }

    /// The workers for `threads` threads in all: the caller's thread applies
    /// while they parse, and a worker waiting for its next batch gives its
    /// core back, so as many workers as threads keep every core busy.
    static func workers(threads: Int) -> Int { max(1, threads) }

    /// Adds a line; hands over the batch first if the line does not fit.
    @inline(__always)
    func add(_ line: UnsafeRawBufferPointer, at position: LinePosition, take: (LineBatch, Output) -> Void) {
        if !current.fits(line.count) { submit(take: take) }
        current.append(line, at: position)
    }

    func add(refused q: QuarantinedLine, take: (LineBatch, Output) -> Void) {
        current.append(refused: q)
    }

    /// Hands over what is filled and takes every result: all lines added so far are done.
    func drain(take: (LineBatch, Output) -> Void) {
        if !current.isEmpty { submit(take: take) }
        while !inFlight.isEmpty { takeOldest(take) }
    }

    private func submit(take: (LineBatch, Output) -> Void) {
        let job = Job(current)
        let work = self.work, worker = submitted % queues.count
        submitted += 1
        queues[worker].async {
            job.output = work(job.batch, worker)
            job.done.signal()
        }
        inFlight.append(job)
        while inFlight.count >= maxInFlight { takeOldest(take) }
        current = spare.popLast() ?? LineBatch(limit: batchBytes)
    }

    private func takeOldest(_ take: (LineBatch, Output) -> Void) {
        let job = inFlight.removeFirst()
        job.done.wait()
        take(job.batch, job.output!)
        job.output = nil
        job.batch.reset()
        spare.append(job.batch)
    }
}
