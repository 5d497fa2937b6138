import DutyCore

/// A generated 奉化区 day fed to a store in event time on an accelerated
/// clock, so the console tests get a busy morning at a fixed simulated time
/// (the clock is the feed's own, never the wall clock). Only tests use it:
/// the console's demo replays a generated file from its scratch folder.
public struct DemoFeed {
    public let speed: Int
    /// Simulated time at which the demo starts (08:00 of the generated day).
    public let startAt: Millis
    private var records: [Record] = []
    private var next = 0
    private var wallStart: Millis?

    /// - Parameters:
    ///   - day: any instant on the local day (`LocalTime`) to generate.
    ///   - days: how many days to generate (the day before is included for history).
    public init(seed: UInt64, day: Millis, speed: Int = 60, startHour: Int = 8) {
        self.speed = max(1, speed)
        let midnight = LocalTime.midnight(day)
        startAt = midnight + Millis(startHour) * TimeSpan.hour
        // Yesterday and today: the morning opens with yesterday's open items.
        var generator = FeedGenerator(seed: seed, start: midnight - TimeSpan.day, profile: .bench2026)
        var all: [Record] = []
        generator.generate(days: 2) { all.append($0) }
        records = all
    }

    /// Records in the whole generated span.
    public var count: Int { records.count }

    /// Simulated now for a wall-clock instant.
    public func simulatedNow(wall: Millis) -> Millis {
        guard let wallStart else { return startAt }
        return startAt + (wall - wallStart) * Millis(speed)
    }

    /// Starts the clock at `wall` and feeds everything before the start time.
    public mutating func start(wall: Millis, into store: Store) -> Int {
        wallStart = wall
        return feed(until: startAt, into: store)
    }

    /// Feeds the records due by the simulated time at `wall`; returns how many.
    @discardableResult
    public mutating func advance(wall: Millis, into store: Store) -> Int {
        let now = simulatedNow(wall: wall)
        let n = feed(until: now, into: store)
        store.clock = .fixed(now)
        return n
    }

    private mutating func feed(until t: Millis, into store: Store) -> Int {
        var n = 0
        while next < records.count && records[next].snapshot.ts <= t {
            store.apply(records[next])
            next += 1
            n += 1
        }
        store.clock = .fixed(t)
        return n
    }

    /// True once the whole generated span has been fed.
    public var finished: Bool { next >= records.count }
}
