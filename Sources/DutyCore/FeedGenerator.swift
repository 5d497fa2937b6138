#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
    private var rng: SeededRandom
    private var queue = Heap<Pending>()
    private var seq: UInt64 = 0
    /// Arrivals for every time before this are in the queue.
    private var horizon: Millis
    /// Everything before this has been emitted; the next call continues here.
    private var position: Millis
    private var ids = [IDCounter("SJ", 4), IDCounter("ZF", 4), IDCounter("TJ", 3), IDCounter("GJ", 3)]
    /// Recent tasks (id, unit), a ring that 督办单 refer to.
    private var recentTasks: [(id: String, unit: String)] = []
    private var recentNext = 0

    static let minute: Millis = 60_000
    static let hour: Millis = 3_600_000
    static let day: Millis = 86_400_000
    static let offset: Int16 = 480

    public init(seed: UInt64, start: Millis) {
        self.seed = seed
        self.start = start
        rng = SeededRandom(seed: seed)
        horizon = start
        position = start
    }

    /// Emits the next `days` days of the stream (records with ts before the end);
    /// items still running at the end are cut there.
    public mutating func generate(days: Int, emit: (Record) throws -> Void) rethrows {
        let end = position + Millis(max(0, days)) * Self.day
        try run(until: end, limit: nil, emit: emit)
        position = end
    }

    /// Emits exactly the next `records` records of the stream.
    public mutating func generate(records: Int, emit: (Record) throws -> Void) rethrows {
        guard records > 0 else { return }
        try run(until: nil, limit: records, emit: emit)
    }

    /// Writes a feed file of `days` days as JSON Lines.
    public static func write(seed: UInt64, start: Millis, days: Int, to path: String) throws {
        var g = FeedGenerator(seed: seed, start: start)
        try write(to: path) { emit in try g.generate(days: days, emit: emit) }
    }

    /// Writes a feed file of exactly `records` lines.
    public static func write(seed: UInt64, start: Millis, records: Int, to path: String) throws {
        var g = FeedGenerator(seed: seed, start: start)
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

    private mutating func schedule(_ step: Step, at ts: Millis) {
        seq &+= 1
        queue.insert(Pending(ts: ts, seq: seq, step: step))
    }

    /// `minutes` after `t` (at least one minute, so an item's snapshots never
    /// share a ts), rounded up to a whole second as upstream systems write them.
    static func after(_ t: Millis, minutes: Double) -> Millis {
        wholeSecond(t + max(minute, Millis(minutes * 60_000)))
    }

    static func wholeSecond(_ t: Millis) -> Millis {
        let r = ((t % 1000) + 1000) % 1000
        return r == 0 ? t : t + 1000 - r
    }

    /// Queues one day of arrivals, hour by local hour: Poisson counts at the
    /// hour's rate, times uniform within the hour.
    private mutating func drawArrivals() {
        let t = Tables.shared
        let dayEnd = horizon + Self.day
        var slot = horizon
        while slot < dayEnd {
            let local = slot + Millis(Self.offset) * Self.minute
            let next = min(dayEnd, slot + Self.hour - (((local % Self.hour) + Self.hour) % Self.hour))
            let c = Timestamp.civil(slot, offsetMinutes: Self.offset)
            let weekend = c.weekday >= 6
            let fraction = Double(next - slot) / Double(Self.hour)
            let office = t.officeRhythm[c.hour] * fraction * (weekend ? 0.6 : 1)
            let rates: [(Step, Double)] = [
                (.newEvent, 400 * t.eventRhythm[c.hour] * fraction * (weekend ? t.weekendEventFactor : 1)),
                (.newMediation, 11 * office),
                (.newAlert, 15 * office),
                (.newCampaign, weekend ? 0 : 0.4 * office),
            ]
            for (step, rate) in rates {
                for _ in 0..<rng.poisson(rate) {
                    schedule(step, at: Self.wholeSecond(slot + Millis(rng.unit() * Double(next - slot))))
                }
            }
            slot = next
        }
        horizon = dayEnd
    }

    private mutating func process(_ p: Pending) -> Record {
        switch p.step {
        case .newEvent: return newEvent(at: p.ts)
        case .newMediation: return newMediation(at: p.ts)
        case .newAlert: return newUpstreamAlert(at: p.ts)
        case .newCampaign: return newCampaign(at: p.ts)
        case .event(let item, let step): return advance(item, step, at: p.ts)
        case .task(let item, let step): return advance(item, step, at: p.ts)
        case .mediation(let item, let step): return advance(item, step, at: p.ts)
        case .alert(let item, let step): return advance(item, step, at: p.ts)
        }
    }

    private mutating func nextID(_ kind: Kind, at ts: Millis) -> String {
        ids[Int(kind.rawValue)].next(at: ts)
    }

    static func record(_ id: String, _ ts: Millis, _ by: String?, _ note: String?, _ body: Body) -> Record {
        Record(id: id, snapshot: Snapshot(ts: ts, offsetMinutes: offset, by: by, note: note, body: body))
    }

    /// Per-kind, per-local-day counters: `SJ-20261128-0042`.
    private struct IDCounter {
        let prefix: String
        let width: Int
        var day: Millis = .min
        var datePrefix = ""
        var count = 0

        init(_ prefix: String, _ width: Int) { self.prefix = prefix; self.width = width }

        mutating func next(at ts: Millis) -> String {
            let local = ts + Millis(FeedGenerator.offset) * FeedGenerator.minute
            let d = local >= 0 ? local / FeedGenerator.day : (local + 1) / FeedGenerator.day - 1
            if d != day {
                let c = Timestamp.civil(ts, offsetMinutes: FeedGenerator.offset)
                day = d
                count = 0
                datePrefix = prefix + "-" + Timestamp.pad(c.year, 4) + Timestamp.pad(c.month, 2)
                    + Timestamp.pad(c.day, 2) + "-"
            }
            count += 1
            return datePrefix + Timestamp.pad(count, width)
        }
    }

    /// Runs `body` with an emitter that collects lines in a 4 MiB buffer and
    /// hands it to the kernel in large writes.
    private static func write(to path: String, _ body: ((Record) throws -> Void) throws -> Void) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: Platform.errnoText) }
        defer { Platform.close(fd) }
        let capacity = 4 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity + 4096)
        func flush() throws {
            guard buffer.withUnsafeBytes({ writeAll(fd, $0) }) else {
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

/// write(2) until all is written (outside the type, whose own `write` would shadow libc's).
private func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var done = 0
    while done < bytes.count {
        let r = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if r < 0 {
            if errno == EINTR { continue }
            return false
        }
        done += r
    }
    return true
}

// MARK: - Items and their lifecycles

extension FeedGenerator {
    /// One pending snapshot; ordered by time, then by scheduling order.
    fileprivate struct Pending: Comparable {
        let ts: Millis
        let seq: UInt64
        let step: Step
        static func < (a: Pending, b: Pending) -> Bool { a.ts != b.ts ? a.ts < b.ts : a.seq < b.seq }
        static func == (a: Pending, b: Pending) -> Bool { a.ts == b.ts && a.seq == b.seq }
    }

    /// What happens at a pending time. Items are boxed (indirect) so the
    /// queue moves pointers, not whole records.
    fileprivate indirect enum Step {
        case newEvent, newMediation, newAlert, newCampaign
        case event(EventItem, EventStatus)
        case task(TaskItem, TaskStatus)
        case mediation(MediationItem, MediationStatus)
        case alert(AlertItem, AlertStatus)
    }

    fileprivate struct EventItem {
        var id: String
        var body: EventBody
        var town: Int
        var domain: Int
        /// The grid's own 网格员, who settles events on the spot.
        var worker: String
        /// Tasks made so far: a returned task is re-dispatched, at most twice.
        var tasks = 0
    }

    fileprivate struct TaskItem {
        var id = ""
        var body: TaskBody
        var event: EventItem?
        var priority: UInt8
        /// The next steps' times, drawn when the task is created.
        var plan: [Millis] = []
    }

    fileprivate struct MediationItem {
        var id = ""
        var body: MediationBody
        var town: Int
        var outcome: MediationStatus = .resolved
        var plan: [Millis] = []
    }

    fileprivate struct AlertItem {
        var id = ""
        var body: AlertBody
        var by: String
        var ackAt: Millis?
        var resolveAt: Millis
        var resolveBy: String
    }

    static let engine = "值班规则引擎"
    static let limitHours: [Double] = [2, 4, 24, 72]

    // MARK: Events

    private mutating func newEvent(at t: Millis) -> Record {
        let tab = Tables.shared
        let c = Timestamp.civil(t, offsetMinutes: Self.offset)
        let ti = rng.pick(c.weekday >= 6 ? tab.townWeekend : tab.townWeekday)
        let town = District.towns[ti]
        let di = rng.pick(tab.domainMix[town.isUrban ? 1 : 0][(19..<22).contains(c.hour) ? 1 : 0])
        let domain = District.domains[di]
        let grid = rng.below(town.grids)
        let village = town.villages[town.community(ofGrid: grid)]
        let worker = District.gridWorkers[(ti * 37 + grid) % District.gridWorkers.count]
        let source = District.sources[rng.pick(tab.sourceMix)].source
        let masked = rng.element(District.surnames) + (rng.chance(0.5) ? "先生" : "女士")
        let (by, reporter): (String, String?) = switch source {
        case .grid: (worker, worker)
        case .public: ("随手拍平台", masked)
        case .hotline: ("12345平台", masked)
        case .sensor: ("视频AI平台", nil)
        case .upper: ("区社会治理中心", nil)
        case .referral: (tab.candidates[ti][di].district.first ?? "区综合行政执法局", nil)
        }
        let body = EventBody(
            town: town.name, grid: town.gridCode(grid), domain: domain.name,
            priority: UInt8(rng.pick(tab.priorityMix) + 1), source: source,
            title: rng.element(domain.titles), status: .open,
            detail: rng.chance(0.4) ? village + rng.element(District.spots) : nil, reporter: reporter)
        let item = EventItem(id: nextID(.event, at: t), body: body, town: ti, domain: di, worker: worker)
        let u = rng.unit()
        if u < 0.80 {
            schedule(.event(item, .selfResolved), at: Self.after(t, minutes: rng.lognormal(40, 0.9, 5, 360)))
        } else if u < 0.91 {
            schedule(.event(item, .dispatched), at: Self.after(t, minutes: rng.lognormal(30, 0.6, 10, 180)))
        } else if u < 0.98 {
            schedule(.event(item, .closed), at: Self.after(t, minutes: rng.lognormal(180, 0.6, 30, 1440)))
        } else {
            schedule(.event(item, .cancelled), at: Self.after(t, minutes: rng.uniform(10, 90)))
        }
        if rng.chance(0.003) {
            ruleAlert(.warning, "cluster", "聚集性事件：\(body.grid) 2小时内多起\(body.title)", "event:\(item.id)",
                      at: Self.after(t, minutes: rng.uniform(5, 20)), resolveAt: nil)
        }
        return Self.record(item.id, t, by, nil, .event(body))
    }

    private mutating func advance(_ item: EventItem, _ status: EventStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        let center = District.center(District.towns[item.town])
        var by = center
        var note: String?
        switch status {
        case .selfResolved:
            by = item.worker
            note = rng.chance(0.5) ? rng.element(Self.settledNotes) : nil
        case .dispatched:
            let unit = pickUnit(item, avoiding: nil)
            note = "派遣至" + unit
            schedule(.task(newTask(for: item, unit: unit), .dispatched), at: t)
        case .closed:
            // Without a task: closed by the center after 核查; with one, after it is done.
            note = item.tasks == 0 ? rng.element(Self.checkedNotes) : "任务办结，核查通过，结案"
        default:
            note = "重复件"
        }
        return Self.record(item.id, t, by, note, .event(item.body))
    }

    /// A unit for the event: usually one of its town's own, else a district
    /// one; within each list the first (the domain's main unit) most often.
    private mutating func pickUnit(_ item: EventItem, avoiding previous: String?) -> String {
        let c = Tables.shared.candidates[item.town][item.domain]
        for _ in 0..<4 {
            let list = !c.local.isEmpty && (c.district.isEmpty || rng.chance(0.7)) ? c.local : c.district
            let unit = list.count == 1 || rng.chance(0.6) ? list[0] : list[1 + rng.below(list.count - 1)]
            if unit != previous { return unit }
        }
        return c.district.first { $0 != previous } ?? c.local[0]
    }

    // MARK: Tasks

    private mutating func newTask(for event: EventItem, unit: String) -> TaskItem {
        var event = event
        event.tasks += 1
        let town = District.towns[event.town]
        let u = rng.unit()
        let type: TaskType = u < 0.06 ? .joint : u < 0.08 ? .referral
            : unit.hasSuffix("执法中队") ? .empowered : .inspection
        let body = TaskBody(event: event.id, type: type, unit: unit, town: town.name, due: 0,
                            status: .dispatched)
        return TaskItem(body: body, event: event, priority: event.body.priority)
    }

    private mutating func newCampaign(at t: Millis) -> Record {
        let tab = Tables.shared
        let (name, domain) = rng.element(Self.campaigns)
        let ti = rng.pick(tab.townWeekday)
        let di = District.domains.firstIndex { $0.name == domain } ?? 0
        let unit = tab.candidates[ti][di].local.first ?? tab.candidates[ti][di].district[0]
        let body = TaskBody(event: nil, type: .campaign, unit: unit, town: District.towns[ti].name,
                            due: t + 7 * Self.day, status: .dispatched)
        var item = TaskItem(body: body, event: nil, priority: 4)
        item.id = nextID(.task, at: t)
        var at = t
        for (median, low, high) in [(90.0, 30.0, 240.0), (1440, 360, 2880), (2160, 1440, 4320), (480, 120, 1440)] {
            at = Self.after(at, minutes: rng.lognormal(median, 0.5, low, high))
            item.plan.append(at)
        }
        schedule(.task(item, .signed), at: item.plan[0])
        return Self.record(item.id, t, "奉化区综合行政执法局", name, .task(body))
    }

    private mutating func advance(_ item: TaskItem, _ status: TaskStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        var by = item.body.unit
        var note: String?
        switch status {
        case .dispatched:
            item.id = nextID(.task, at: t)
            item.body.due = t + Millis(Self.limitHours[Int(item.priority) - 1] * 3_600_000)
            by = District.center(District.towns[item.event!.town])
            plan(&item, from: t)
            if recentTasks.count < 64 { recentTasks.append((item.id, item.body.unit)) }
            else { recentTasks[recentNext] = (item.id, item.body.unit) }
            recentNext = (recentNext + 1) % 64
        case .returned:
            item.body.reason = rng.element(District.returnReasons)
            note = "申请退回"
            let event = item.event!
            let unit = pickUnit(event, avoiding: item.body.unit)
            schedule(.task(newTask(for: event, unit: unit), .dispatched),
                     at: Self.after(t, minutes: rng.uniform(30, 180)))
        case .signed:
            schedule(.task(item, .onSite), at: item.plan[1])
        case .onSite:
            note = rng.chance(0.3) ? "已到场核实" : nil
            schedule(.task(item, .feedback), at: item.plan[2])
        case .feedback:
            note = "已反馈处置结果"
            schedule(.task(item, .done), at: item.plan[3])
        case .done:
            let outcome = item.event == nil ? TaskOutcome.rectified
                : TaskOutcome(rawValue: UInt8(rng.pick(Tables.shared.outcomeMix)))!
            item.body.outcome = outcome
            note = Self.outcomeNotes[Int(outcome.rawValue)]
            if let event = item.event {
                by = District.center(District.towns[event.town])
                schedule(.event(event, .closed), at: Self.after(t, minutes: rng.uniform(5, 60)))
            } else {
                by = "奉化区综合行政执法局"
            }
        }
        return Self.record(item.id, t, by, note, .task(item.body))
    }

    /// Draws the task's course: ≈5% returned; otherwise signed within minutes,
    /// then on site, feedback and done inside the time limit, except ≈3.5%
    /// that run over. Rule alerts (late signing, 80% pre-warning, overdue)
    /// are scheduled for the tasks that will earn them.
    private mutating func plan(_ item: inout TaskItem, from t: Millis) {
        if item.event!.tasks < 3 && rng.chance(0.05) {
            schedule(.task(item, .returned), at: Self.after(t, minutes: rng.uniform(10, 120)))
            return
        }
        let limit = Self.limitHours[Int(item.priority) - 1] * 60
        let median = [50.0, 90, 240, 360][Int(item.priority) - 1]
        let total = rng.chance(0.035) ? limit * rng.uniform(1.05, 1.8)
            : rng.lognormal(median, 0.7, 20, limit * 0.95)
        let sign = min(rng.exponential(12) + 1, total * 0.25)
        let rest = total - sign
        let a = rng.uniform(0.1, 0.35), b = rng.uniform(0.3, 0.5)
        var at = t
        for gap in [sign, rest * a, rest * b, rest * (1 - a - b)] {
            at = Self.after(at, minutes: gap)
            item.plan.append(at)
        }
        schedule(.task(item, .signed), at: item.plan[0])
        let id = item.id, unit = item.body.unit, done = item.plan[3]
        if item.plan[0] > t + 45 * Self.minute {
            ruleAlert(.warning, "late_signing", "签收超时：\(id) 派发45分钟未签收（\(unit)）", "task:" + id,
                      at: t + 45 * Self.minute, resolveAt: item.plan[0])
        }
        let warnAt = t + Millis(limit * 0.8) * Self.minute
        if done > warnAt {
            ruleAlert(.warning, "prewarning", "临期预警：\(id) 已用时80%（\(unit)）", "task:" + id,
                      at: warnAt, resolveAt: done)
        }
        if done > item.body.due {
            ruleAlert(item.priority <= 2 ? .critical : .warning, "overdue", "超期催办：\(id) 已超时限（\(unit)）",
                      "task:" + id, at: item.body.due, resolveAt: done)
        }
    }

    // MARK: Mediation

    private mutating func newMediation(at t: Millis) -> Record {
        let tab = Tables.shared
        let ti = rng.pick(tab.townWeekday)
        let town = District.towns[ti]
        let body = MediationBody(town: town.name, category: District.mediationCategories[rng.pick(tab.categoryMix)].name,
                                 tier: MediationTier(rawValue: UInt8(rng.pick(tab.tierMix)))!, status: .accepted,
                                 village: rng.element(town.villages))
        return advance(MediationItem(body: body, town: ti), .accepted, at: t)
    }

    /// 受理 at a tier draws that tier's outcome: mostly resolved; some moved
    /// up a tier (上提), a few referred out or failed. Higher tiers take longer.
    private mutating func advance(_ item: MediationItem, _ status: MediationStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        let tier = Int(item.body.tier.rawValue)
        let town = District.towns[item.town]
        let by = [(item.body.village ?? town.short) + "调委会", town.short + "司法所", "区矛调中心"][tier]
        var note: String?
        switch status {
        case .accepted:
            if item.id.isEmpty { item.id = nextID(.mediation, at: t) }
            let u = rng.unit()
            let (escalate, fail) = [(0.10, 0.03), (0.08, 0.04), (0.0, 0.08)][tier]
            item.outcome = u < escalate ? .escalated : u < escalate + fail ? (rng.chance(0.7) ? .referred : .failed) : .resolved
            let start = Self.after(t, minutes: rng.lognormal([120.0, 180, 360][tier], 0.6, 20, 2880))
            item.plan = [start, Self.after(start, minutes: rng.lognormal([360.0, 1080, 2160][tier], 0.7, 30, 43200))]
            schedule(.mediation(item, .mediating), at: start)
        case .mediating:
            schedule(.mediation(item, item.outcome), at: item.plan[1])
        case .escalated:
            note = "调解不成，上提至" + ["镇街", "区级"][tier]
            var next = item
            next.body.tier = MediationTier(rawValue: UInt8(tier + 1))!
            schedule(.mediation(next, .accepted), at: Self.after(t, minutes: rng.uniform(60, 1440)))
        case .resolved: note = rng.chance(0.6) ? "达成调解协议" : "当场履行完毕"
        case .referred: note = rng.element(["引导诉讼（诉调对接）", "转劳动仲裁", "转信访程序"])
        case .failed: note = "双方分歧较大，调解终止"
        }
        return Self.record(item.id, t, by, note, .mediation(item.body))
    }

    // MARK: Alerts

    /// 两单一报 from upstream: 风险提示单, 执法督办单, 通报.
    private mutating func newUpstreamAlert(at t: Millis) -> Record {
        let tab = Tables.shared
        let town = District.towns[rng.pick(tab.townWeekday)]
        let domain = District.domains[rng.pick(tab.domainMix[0][0])]
        let body: AlertBody
        let by: String
        switch rng.pick(tab.upstreamMix) {
        case 0:
            let level: AlertLevel = rng.chance(0.75) ? .warning : rng.chance(0.6) ? .critical : .info
            body = AlertBody(level: level, type: "risk_notice",
                             title: "风险提示单：\(town.name)\(rng.element(domain.titles))问题多发", status: .open)
            by = "奉化区综合行政执法局"
        case 1:
            let (id, unit) = recentTasks.isEmpty ? ("", District.center(town)) : rng.element(recentTasks)
            body = AlertBody(level: rng.chance(0.8) ? .warning : .critical, type: "supervision",
                             title: "执法督办单：请\(unit)限期办结", status: .open, ref: id.isEmpty ? nil : "task:" + id)
            by = "奉化区综合行政执法局"
        default:
            let title = rng.element(["通报：\(town.name)网格事件按期办结率偏低", "通报：上周矛盾纠纷化解情况",
                                     "通报：\(domain.name)领域专项整治进展"])
            body = AlertBody(level: rng.chance(0.7) ? .info : .warning, type: "bulletin", title: title, status: .open)
            by = "区社会治理中心"
        }
        let ack = Self.after(t, minutes: rng.lognormal(10, 0.7, 1, 120))
        let item = AlertItem(body: body, by: by, ackAt: ack,
                             resolveAt: Self.after(ack, minutes: rng.lognormal(120, 0.8, 10, 720)),
                             resolveBy: rng.element(District.operators))
        return advance(item, .open, at: t)
    }

    /// A console rule fires at `at`; it resolves itself at `resolveAt` (the
    /// condition clears), or an operator resolves it when there is none.
    private mutating func ruleAlert(_ level: AlertLevel, _ type: String, _ title: String, _ ref: String,
                                    at: Millis, resolveAt: Millis?) {
        let ack = Self.after(at, minutes: rng.lognormal(8, 0.7, 1, 60))
        let resolve = resolveAt.map { Self.after($0, minutes: rng.uniform(1, 5)) }
            ?? Self.after(ack, minutes: rng.lognormal(60, 0.8, 10, 480))
        let item = AlertItem(body: AlertBody(level: level, type: type, title: title, status: .open, ref: ref),
                             by: Self.engine, ackAt: ack < resolve ? ack : nil, resolveAt: resolve,
                             resolveBy: resolveAt == nil ? rng.element(District.operators) : Self.engine)
        schedule(.alert(item, .open), at: at)
    }

    private mutating func advance(_ item: AlertItem, _ status: AlertStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        var by = item.by
        switch status {
        case .open:
            item.id = nextID(.alert, at: t)
            if let ack = item.ackAt { schedule(.alert(item, .acked), at: ack) }
            else { schedule(.alert(item, .resolved), at: item.resolveAt) }
        case .acked:
            by = District.operators[Int(item.resolveAt / 1000) % District.operators.count]
            schedule(.alert(item, .resolved), at: item.resolveAt)
        case .resolved:
            by = item.resolveBy
        }
        return Self.record(item.id, t, by, nil, .alert(item.body))
    }

    static let settledNotes = ["现场劝导，已整改", "已督促当事人清理", "当事人已自行拆除", "已协调物业处理"]
    static let checkedNotes = ["核查属实，已协调相关部门处置", "经核查已整改到位", "核查不属实，予以结案"]
    /// In `TaskOutcome` order.
    static let outcomeNotes = ["责令整改，复查合格", "已立案处罚", "首违不罚，已教育", "已移送相关部门", "现场核查无问题"]
    static let campaigns = [
        ("电动车违规充电专项整治", "消防安全"), ("校园周边环境专项整治", "市容环境"), ("夜市油烟噪声专项整治", "新业态"),
        ("违法建设专项整治", "违法建设"), ("河道清四乱专项行动", "水利河道"), ("食品安全专项检查", "市场监管"),
        ("秸秆禁烧专项巡查", "农业农村"),
    ]
}

// MARK: - Tables and randomness

/// Cumulative weight tables, built once from `District` (arrays only).
private struct Tables: Sendable {
    static let shared = Tables()

    let townWeekday: [Double], townWeekend: [Double]
    /// The weekend's event volume relative to a weekday (0.8, 溪口 1.5, weighted).
    let weekendEventFactor: Double
    /// [urban 0/1][evening 19–22 0/1]: 新业态 ×5 in the evening, 农业/自然资源/水利 ×2 in the country.
    let domainMix: [[[Double]]]
    let sourceMix: [Double], categoryMix: [Double]
    let priorityMix = cumulative([2, 13, 50, 35])
    /// Starting tier. With escalations and the longer higher-tier cases, the
    /// cases settled within a week split close to 6:3:1 (≈ 56:32:12 long-run).
    let tierMix = cumulative([62, 28, 10])
    /// In `TaskOutcome` order: rectified, penalty, no_penalty, transferred, no_issue.
    let outcomeMix = cumulative([55, 12, 15, 5, 13])
    /// risk_notice, supervision, bulletin.
    let upstreamMix = cumulative([45, 35, 20])
    /// Share of a day's events in each local hour (fenghua.md's rhythm, 13–14 and 20–22 assumed).
    let eventRhythm: [Double]
    /// Office-hours rhythm of mediation, upstream alerts and campaigns (assumed).
    let officeRhythm: [Double]
    /// [town][domain]: units able to take it, the town's own and the district's.
    let candidates: [[(local: [String], district: [String])]]

    init() {
        let towns = District.towns
        townWeekday = Self.cumulative(towns.map(\.share))
        townWeekend = Self.cumulative(towns.map { $0.share * District.weekendFactor($0) })
        weekendEventFactor = towns.reduce(0) { $0 + $1.share * District.weekendFactor($1) } / towns.reduce(0) { $0 + $1.share }
        domainMix = [false, true].map { urban in
            [false, true].map { evening in
                Self.cumulative(District.domains.map { d in
                    var w = d.weight
                    if evening && d.name == District.nightDomain { w *= 5 }
                    if ["农业农村", "自然资源", "水利河道"].contains(d.name) { w *= urban ? 0.4 : 2 }
                    if ["市容环境", "新业态"].contains(d.name) && !urban { w *= 0.7 }
                    return w
                })
            }
        }
        sourceMix = Self.cumulative(District.sources.map(\.weight))
        categoryMix = Self.cumulative(District.mediationCategories.map(\.weight))
        let hourly: [Double] = [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 1, 1, 2, 2, 1, 1, 1,
                                1.8, 1.8, 1.8, 1.2, 1.2, 1.2, 0.6, 0.6, 0.15, 0.15]
        eventRhythm = hourly.map { $0 / hourly.reduce(0, +) }
        let office: [Double] = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 1, 1, 1, 1, 0.4, 1,
                                1, 1, 1, 1, 0.4, 0.2, 0.2, 0.1, 0.05, 0.05]
        officeRhythm = office.map { $0 / office.reduce(0, +) }
        candidates = towns.map { town in
            District.domains.map { domain in
                let units = District.dispatchOrder(town: town.name, domain: domain.name)
                return (units.filter { $0.town != nil }.map(\.name), units.filter { $0.town == nil }.map(\.name))
            }
        }
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        var sum = 0.0
        let total = weights.reduce(0, +)
        return weights.map { sum += $0; return sum / total }
    }
}

/// xoshiro256** seeded through SplitMix64: fast, and the same numbers on every
/// run (unlike `SystemRandomNumberGenerator`, and the stdlib's `random(in:)`
/// whose algorithm may change between Swift releases).
struct SeededRandom {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    /// Uniform in 0..<n (multiply-shift; the bias is far below what matters here).
    mutating func below(_ n: Int) -> Int { Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(n)) >> 32) }
    mutating func element<T>(_ a: [T]) -> T { a[below(a.count)] }
    /// An index into a cumulative table.
    mutating func pick(_ cumulative: [Double]) -> Int {
        let u = unit()
        return cumulative.firstIndex { u < $0 } ?? cumulative.count - 1
    }
    mutating func exponential(_ mean: Double) -> Double { -mean * log(1 - unit()) }
    mutating func normal() -> Double { sqrt(-2 * log(1 - unit())) * cos(2 * Double.pi * unit()) }
    /// Log-normal by its median, clamped to [low, high]: durations with a long tail.
    mutating func lognormal(_ median: Double, _ sigma: Double, _ low: Double, _ high: Double) -> Double {
        min(high, max(low, median * exp(sigma * normal())))
    }
    /// Knuth's method for small means, a rounded normal beyond.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = exp(-mean)
        var k = 0, p = unit()
        while p > limit { k += 1; p *= unit() }
        return k
    }
}
