import DequeModule
import Dispatch
import Synchronization

/// Work on batches of lines in parallel, results taken in order: the
/// reader fills a batch, a worker runs `work` on it while the reader goes
/// on, and `take` gets each batch and its result on the reader's thread in
/// the order the batches were filled. Batches go to the workers in turn, and
/// each worker takes its own in order (a serial queue each), so a worker may
/// keep state from one batch to the next (a parser's table of names). At
/// most `2 × (workers + 1)` batches are in flight, so memory stays bounded
/// whatever the size of the files.
///
/// The reader helps: rather than wait for the oldest batch, it runs the
/// oldest batch no worker has started (as hand number `workers`, with state
/// of its own). Why: on two cores the reader and the workers share the
/// cores, and a reader that sleeps while a worker's batch waits for a core
/// left the ingest at 1.1–1.2× one thread. Each hand still runs its batches
/// in the order they were filled.
final class BatchPipeline<Output> {
    /// One batch handed to a worker. Whoever claims it (`state` 0 → 1) runs
    /// it, writes `output`, sets `state` to 2 and signals `done`: the
    /// reader reads `output` after seeing 2 or after `done.wait()`.
    // @unchecked Sendable: `output` is written by the one claimer before `state` 2 (releasing) and `done.signal()`, read by the reader after.
    private final class Job: @unchecked Sendable {
        let batch: LineBatch
        var output: Output?
        let state = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        init(_ batch: LineBatch) { self.batch = batch }

        /// True for the one caller that gets to run it.
        func claim() -> Bool { state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged }

        func run(_ work: (LineBatch, Int) -> Output, hand: Int) {
            output = work(batch, hand)
            state.store(2, ordering: .releasing)
            done.signal()
        }

        var isDone: Bool { state.load(ordering: .acquiring) == 2 }
        var isClaimed: Bool { state.load(ordering: .relaxed) != 0 }
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

    /// `work(batch, hand)` runs on worker `hand` (0..<workers), or on the
    /// reader's thread as hand `workers`.
    init(workers: Int, batchBytes: Int, work: @escaping @Sendable (LineBatch, Int) -> Output) {
        self.work = work
        self.batchBytes = batchBytes
        maxInFlight = 2 * (max(1, workers) + 1)
        queues = (0..<max(1, workers)).map { DispatchQueue(label: "dutydesk.ingest.\($0)", qos: .userInitiated) }
        current = LineBatch(limit: batchBytes)
    }

    /// The workers for `threads` threads in all: one fewer, since the
    /// reader's thread runs batches too when it would otherwise wait.
    static func workers(threads: Int) -> Int { max(1, min(threads, Platform.maxThreads) - 1) }

    /// Hands in all: the workers and the reader.
    static func hands(threads: Int) -> Int { workers(threads: threads) + 1 }

    /// Adds a line; hands over the batch first if the line does not fit.
    @inline(__always)
    func add(_ line: UnsafeRawBufferPointer, at position: LinePosition, take: (LineBatch, Output) -> Void) {
        if !current.fits(line.count) { submit(take: take) }
        current.append(line, at: position)
    }

    func add(refused q: QuarantinedLine) {
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
            if job.claim() { job.run(work, hand: worker) }
        }
        inFlight.append(job)
        while inFlight.count >= maxInFlight { takeOldest(take) }
        current = spare.popLast() ?? LineBatch(limit: batchBytes)
    }

    private func takeOldest(_ take: (LineBatch, Output) -> Void) {
        let job = inFlight.removeFirst()
        // Run batches no worker has started while the oldest is not done,
        // oldest first (so the reader's hand, too, runs its batches in order).
        while !job.isDone {
            if job.claim() { job.run(work, hand: queues.count); break }
            guard let next = inFlight.first(where: { !$0.isClaimed }), next.claim() else { job.done.wait(); break }
            next.run(work, hand: queues.count)
        }
        take(job.batch, job.output!)
        job.output = nil
        job.batch.reset()
        spare.append(job.batch)
    }
}
