import DequeModule
import Dispatch
import Synchronization

/// Work on batches of lines in parallel, results taken in order. A reader
/// thread of the pipeline's own reads the files and fills batches; `work`
/// runs on them; the caller's thread (the store's) takes each batch and its
/// result in the order the batches were filled. At most `places(hands:)`
/// batches are in flight, so memory stays bounded whatever the size of the
/// files.
///
/// Who runs a batch: whoever claims it first, among the reader (when every
/// place in flight is taken, rather than wait), the taker (rather than wait
/// for the oldest batch) and, beyond two threads, worker queues that get
/// the batches in turn. Each hand claims the oldest batch nobody has
/// started, so each hand runs its batches in the order they were filled
/// and may keep state from one to the next (a parser's table of names).
///
/// Why this way, on two cores: the taker's work is the one part that cannot
/// be split (the store applies in file order), so it should never wait for
/// a core. A reader that only read, beside a worker that only parsed, made
/// three threads for two cores, and the taker lost its core to them (3%
/// slower at 10 M records); a reader on the taker's thread cost the taker a
/// tenth of its time. Here two threads do everything, and share the parsing
/// as each has time.
// @unchecked Sendable: the reader's fields are used by the reader's thread only, the taker's by the caller's; what both touch is in `flight` (a mutex) or `Job`'s atomic state.
final class BatchPipeline<Output>: @unchecked Sendable {
    /// One batch handed to a worker. Whoever claims it (`state` 0 → 1) runs
    /// it, writes `output`, sets `state` to 2 and signals `wake`: the taker
    /// reads `output` after seeing 2.
    // @unchecked Sendable: `output` is written by the one claimer before `state` 2 (releasing), read by the taker after seeing 2 (acquiring).
    private final class Job: @unchecked Sendable {
        let batch: LineBatch
        var output: Output?
        let state = Atomic<Int>(0)
        init(_ batch: LineBatch) { self.batch = batch }

        /// True for the one caller that gets to run it.
        func claim() -> Bool { state.compareExchange(expected: 0, desired: 1, ordering: .acquiringAndReleasing).exchanged }

        func run(_ work: (LineBatch, Int) -> Output, hand: Int, wake: DispatchSemaphore) {
            output = work(batch, hand)
            state.store(2, ordering: .releasing)
            wake.signal()
        }

        var isDone: Bool { state.load(ordering: .acquiring) == 2 }
        var isClaimed: Bool { state.load(ordering: .relaxed) != 0 }
    }

    /// What the reader and the taker share.
    private struct Flight {
        /// Handed over, not yet taken, oldest first.
        var jobs = Deque<Job>()
        /// Taken batches, emptied, for the reader to fill again.
        var spare: [LineBatch] = []
        /// The reader has handed over its last batch.
        var closed = false
    }

    private let work: @Sendable (LineBatch, Int) -> Output
    private let batchBytes: Int
    private let queues: [DispatchQueue]
    /// A serial queue has a thread of its own in Dispatch's pool (a global
    /// queue may not get one beyond the core count while workers run).
    private let reader = DispatchQueue(label: "dutydesk.ingest.reader", qos: .userInitiated)
    private let flight = Mutex(Flight())
    /// Places in flight: the reader takes one before handing a batch over,
    /// the taker gives it back once the batch is taken.
    private let places: DispatchSemaphore
    /// Signalled whenever the taker may have something new to do: a batch
    /// handed over, a batch done, the reader done. The taker looks again
    /// after each signal; one too many costs a look, never a lost wake-up.
    private let wake = DispatchSemaphore(value: 0)
    // Unchecked exclusivity: the reader's thread alone uses these, never in overlapping accesses.
    @exclusivity(unchecked) private var current: LineBatch
    @exclusivity(unchecked) private var submitted = 0

    /// Batches in flight for `hands` hands: two each and four more. Why the
    /// four: with two each (four batches on two threads), the reader ran out
    /// of batches to parse while the store's thread parsed (at 10 M records
    /// the reader stood idle a second of eight, the store's thread never);
    /// with eight it reads further ahead and parses more, for 4 MB more at
    /// peak. Not four each: on a many-core host that doubles the buffers in
    /// flight (256 KiB each) for nothing the slack gives two threads.
    static func places(hands: Int) -> Int { 2 * hands + 4 }

    /// The reader's hand and the taker's: after the workers'.
    var readerHand: Int { queues.count }
    var takerHand: Int { queues.count + 1 }

    /// `work(batch, hand)` runs on worker `hand` (0..<workers), on the
    /// reader's thread as hand `workers` or on the taker's as `workers + 1`.
    init(workers: Int, batchBytes: Int, work: @escaping @Sendable (LineBatch, Int) -> Output) {
        self.work = work
        self.batchBytes = batchBytes
        queues = (0..<max(0, workers)).map { DispatchQueue(label: "dutydesk.ingest.\($0)", qos: .userInitiated) }
        places = DispatchSemaphore(value: Self.places(hands: queues.count + 2))
        current = LineBatch(limit: batchBytes)
    }

    /// The worker queues for `threads` threads in all: the reader and the
    /// taker are two of them.
    static func workers(threads: Int) -> Int { max(0, min(threads, Platform.maxThreads) - 2) }

    /// Hands in all: the workers, the reader and the taker.
    static func hands(threads: Int) -> Int { workers(threads: threads) + 2 }

    /// Runs `read` on the reader's thread, feeding `Sink`, and takes every
    /// batch's result on this thread, in order, until `read` returns and all
    /// it handed over is taken. Not reentrant; may be called again after.
    func run(read: @escaping @Sendable (inout Sink) -> Void, take: (LineBatch, Output) -> Void) {
        flight.withLock { $0.closed = false }
        reader.async { [self] in
            var sink = Sink(pipeline: self)
            read(&sink)
            if !current.isEmpty { submit() }
            flight.withLock { $0.closed = true }
            wake.signal()
            while runUnclaimed(hand: readerHand) {}
        }
        while true {
            let (oldest, unclaimed, closed) = flight.withLock { flight in
                (flight.jobs.first, flight.jobs.first(where: { !$0.isClaimed }), flight.closed)
            }
            guard let oldest else {
                if closed { return }
                wake.wait()
                continue
            }
            if oldest.isDone {
                take(oldest.batch, oldest.output!)
                oldest.output = nil
                oldest.batch.reset()
                flight.withLock {
                    $0.jobs.removeFirst()
                    $0.spare.append(oldest.batch)
                }
                places.signal()
            } else if let unclaimed {
                if unclaimed.claim() { unclaimed.run(work, hand: takerHand, wake: wake) }
            } else {
                wake.wait()
            }
        }
    }

    /// Runs the oldest batch nobody has started, if there is one (false if not).
    private func runUnclaimed(hand: Int) -> Bool {
        guard let next = flight.withLock({ $0.jobs.first(where: { !$0.isClaimed }) }) else { return false }
        if next.claim() { next.run(work, hand: hand, wake: wake) }
        return true
    }

    /// The reader's side: lines go into batches, full batches to the workers.
    struct Sink: LineSink {
        fileprivate let pipeline: BatchPipeline

        @inline(__always)
        mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
            if !pipeline.current.fits(bytes.count) { pipeline.submit() }
            pipeline.current.append(bytes, at: position)
        }

        mutating func refused(_ line: QuarantinedLine) {
            pipeline.current.append(refused: line)
        }
    }

    // MARK: - The reader's thread

    private func submit() {
        // No place free: run a batch rather than wait, if one is there to run.
        while places.wait(timeout: .now()) == .timedOut {
            if !runUnclaimed(hand: readerHand) {
                places.wait()
                break
            }
        }
        let job = Job(current)
        current = flight.withLock {
            $0.jobs.append(job)
            return $0.spare.popLast()
        } ?? LineBatch(limit: batchBytes)
        if !queues.isEmpty {
            let work = self.work, worker = submitted % queues.count
            queues[worker].async { [wake] in
                if job.claim() { job.run(work, hand: worker, wake: wake) }
            }
        }
        submitted += 1
        wake.signal()
    }
}
