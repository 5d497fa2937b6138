import HeapModule

/// A realistic, reproducible feed of 奉化区's command center: grid events,
/// enforcement tasks, mediation cases and alerts, each item written as several
/// full snapshots as its status changes. Volumes and rhythm follow fenghua.md.
///
/// It is a small discrete-event simulation: arrivals are drawn a day at a time
/// into a priority queue, and each snapshot, when its time comes, is emitted
/// and schedules the item's next one. So output is sorted by ts (ties by
/// scheduling order), memory holds only pending items, and ids are numbered in
/// time order. Only the own seeded PRNG, arrays and the queue decide anything:
/// the same seed and start give the same bytes (on the same platform's libm).
public struct FeedGenerator {
    public let seed: UInt64
    public let start: Millis
    /// Which year the feed is true to (see `Profile`).
    public let profile: Profile
    // The state the item lifecycles (Generated*Lifecycle.swift) draw from and
    // schedule into; `horizon` and `position` are the day loop's own.
    var rng: SeededRandom
    var queue = Heap<Pending>()
    var seq: UInt64 = 0
    /// Arrivals for every time before this are in the queue.
    private var horizon: Millis
    /// Everything before this has been emitted; the next call continues here.
    private var position: Millis
    var ids = [IDCounter("SJ", 4), IDCounter("ZF", 4), IDCounter("TJ", 3), IDCounter("GJ", 3)]
    /// Recent tasks (id, unit), a ring that 督办单 refer to.
    var recentTasks: [(id: String, unit: String)] = []
    var recentNext = 0
    /// `.district` only: numbers issued per (type, year) of notice, and
    /// enforcement tasks (id, unit) a 督办单 can name.
    var noticeNumbers: [String: Int] = [:]
    var recentEnforcement: [(id: String, unit: String)] = []

    public init(seed: UInt64, start: Millis, profile: Profile = .district) {
        self.seed = seed
        self.start = start
        self.profile = profile
        rng = SeededRandom(seed: seed)
        horizon = start
        position = start
    }

    /// Emits the next `days` days of the stream (records with ts before the end);
    /// items still running at the end are cut there.
    public mutating func generate(days: Int, emit: (Record) throws -> Void) rethrows {
        let end = position + Millis(max(0, days)) * TimeSpan.day
        try run(until: end, limit: nil, emit: emit)
        position = end
    }

    /// Emits exactly the next `records` records of the stream.
    public mutating func generate(records: Int, emit: (Record) throws -> Void) rethrows {
        guard records > 0 else { return }
        try run(until: nil, limit: records, emit: emit)
    }

    /// Writes a feed file of `days` days as JSON Lines.
    public static func write(seed: UInt64, start: Millis, days: Int, profile: Profile = .district, to path: String) throws {
        var g = FeedGenerator(seed: seed, start: start, profile: profile)
        try write(to: path) { emit in try g.generate(days: days, emit: emit) }
    }

    /// Writes a feed file of exactly `records` lines.
    public static func write(seed: UInt64, start: Millis, records: Int, profile: Profile = .district, to path: String) throws {
        var g = FeedGenerator(seed: seed, start: start, profile: profile)
        try write(to: path) { emit in try g.generate(records: records, emit: emit) }
    }

    /// Why a feed file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    // MARK: - The queue

    private mutating func run(until end: Millis?, limit: Int?, emit: (Record) throws -> Void) rethrows {
        var emitted = 0
        while true {
            if let ts = queue.min?.ts, ts < horizon {
                if let end, ts >= end { return }
                let record = process(queue.removeMin())
                position = ts
                try emit(record)
                emitted += 1
                if let limit, emitted >= limit { return }
            } else {
                if let end, horizon >= end { return }
                drawArrivals()
            }
        }
    }

    mutating func schedule(_ step: Step, at ts: Millis) {
        seq &+= 1
        queue.insert(Pending(ts: ts, seq: seq, step: step))
    }

    /// `minutes` after `t` (at least one minute, so an item's snapshots never
    /// share a ts), rounded up to a whole second as upstream systems write them.
    static func after(_ t: Millis, minutes: Double) -> Millis {
        wholeSecond(t + max(TimeSpan.minute, TimeSpan.minutes(minutes)))
    }

    static func wholeSecond(_ t: Millis) -> Millis {
        let r = ((t % 1000) + 1000) % 1000
        return r == 0 ? t : t + 1000 - r
    }

    /// Queues one day of arrivals, hour by local hour: Poisson counts at the
    /// hour's rate, times uniform within the hour.
    private mutating func drawArrivals() {
        let t = Tables.shared
        let dayEnd = horizon + TimeSpan.day
        var slot = horizon
        while slot < dayEnd {
            let local = slot + Millis(LocalTime.offsetMinutes) * TimeSpan.minute
            let hour = TimeSpan.hour
            let next = min(dayEnd, slot + hour - (((local % hour) + hour) % hour))
            let c = LocalTime.civil(slot)
            let weekend = c.weekday >= 6
            let fraction = Double(next - slot) / Double(hour)
            let office = t.officeRhythm[c.hour] * fraction * (weekend ? 0.6 : 1)
            let district = profile == .district
            var rates: [(Step, Double)] = [
                (.newEvent, 400 * t.eventRhythm[c.hour] * fraction * (weekend ? t.weekendEventFactor : 1)),
                (.newMediation, 11 * office),
                // bench2026: about 20 a day (weekends are quieter); district: 两单一报 are notices, not alerts.
                (.newAlert, district ? 0 : 22 * office),
                (.newCampaign, weekend ? 0 : (district ? DistrictYear.campaignsPerWeekday : 0.4) * office),
            ]
            if district { rates.append((.newJointOperation, weekend ? 0 : DistrictYear.jointOperationsPerWeekday * office)) }
            for (step, rate) in rates {
                for _ in 0..<rng.poisson(rate) {
                    schedule(step, at: Self.wholeSecond(slot + Millis(rng.unit() * Double(next - slot))))
                }
            }
            slot = next
        }
        if profile == .district { scheduleNotices(dayStart: horizon) }
        horizon = dayEnd
    }

    private mutating func process(_ p: Pending) -> Record {
        switch p.step {
        case .newEvent: return newEvent(at: p.ts)
        case .newMediation: return newMediation(at: p.ts)
        case .newAlert: return newUpstreamAlert(at: p.ts)
        case .newCampaign: return newCampaign(at: p.ts)
        case .newJointOperation: return newCampaign(at: p.ts, joint: true)
        case .newNotice(let type): return newNotice(type, at: p.ts)
        case .notice(let item, let step): return advance(item, step, at: p.ts)
        case .event(let item, let step): return advance(item, step, at: p.ts)
        case .task(let item, let step): return advance(item, step, at: p.ts)
        case .mediation(let item, let step): return advance(item, step, at: p.ts)
        case .alert(let item, let step): return advance(item, step, at: p.ts)
        }
    }

    mutating func nextID(_ kind: Kind, at ts: Millis) -> String {
        ids[Int(kind.rawValue)].next(at: ts)
    }

    static func record(_ id: String, _ ts: Millis, _ by: String?, _ note: String?, _ body: Body) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, offsetMinutes: LocalTime.offsetMinutes, by: by, note: note, body: body))
    }

    /// Per-kind, per-local-day counters: `SJ-20261128-0042`.
    struct IDCounter {
        let prefix: String
        let width: Int
        var day: Millis = .min
        var datePrefix = ""
        var count = 0

        init(_ prefix: String, _ width: Int) { self.prefix = prefix; self.width = width }

        mutating func next(at ts: Millis) -> String {
            let d = LocalTime.dayNumber(ts)
            if d != day {
                day = d
                count = 0
                datePrefix = prefix + "-" + LocalTime.compactDate(ts) + "-"
            }
            count += 1
            return datePrefix + Timestamp.pad(count, width)
        }
    }

    /// Runs `body` with an emitter that collects lines in a 4 MiB buffer and
    /// hands it to the kernel in large writes.
    private static func write(to path: String, _ body: ((Record) throws -> Void) throws -> Void) throws {
        // Never through a symlink, only a regular file (Platform.openSafely), emptied first.
        let fd: Int32
        switch Platform.openSafely(path, access: Platform.writeOnly, create: true, mode: 0o644) {
        case .failure(let e): throw WriteError(path: path, reason: e.refused ? "refused: " + e.reason : e.reason)
        case .success(let opened): fd = opened.fd
        }
        defer { Platform.close(fd) }
        guard Platform.truncateFile(fd, to: 0) else { throw WriteError(path: path, reason: Platform.errnoText) }
        let capacity = 4 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity + 4096)
        func flush() throws {
            guard buffer.withUnsafeBytes({ Platform.writeAll(fd, $0) }) else {
                throw WriteError(path: path, reason: Platform.errnoText)
            }
            buffer.removeAll(keepingCapacity: true)
        }
        try body { record in
            RecordWriter.append(record, to: &buffer, newline: true)
            if buffer.count >= capacity { try flush() }
        }
        try flush()
    }
}

// MARK: - What the queue holds

extension FeedGenerator {
    /// One pending snapshot; ordered by time, then by scheduling order.
    struct Pending: Comparable {
        let ts: Millis
        let seq: UInt64
        let step: Step
        static func < (a: Pending, b: Pending) -> Bool { a.ts != b.ts ? a.ts < b.ts : a.seq < b.seq }
        static func == (a: Pending, b: Pending) -> Bool { a.ts == b.ts && a.seq == b.seq }
    }

    /// What happens at a pending time. Items are boxed (indirect) so the
    /// queue moves pointers, not whole records.
    indirect enum Step {
        case newEvent, newMediation, newAlert, newCampaign, newJointOperation
        case newNotice(NoticeType)
        case notice(NoticeItem, NoticeStatus)
        case event(EventItem, EventStatus)
        case task(TaskItem, TaskStatus)
        case mediation(MediationItem, MediationStatus)
        case alert(AlertItem, AlertStatus)
    }
}
