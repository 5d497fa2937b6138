import DutyCore

/// The seeded generator's output as tests take it: a whole span of records
/// at once, or the bytes of its feed file. Same seed and start, same
/// records, so tests can compare runs and files exactly.
public enum GeneratedFeed {
    /// Monday 2026-11-23 00:00 +08:00: seven days from it cover one whole week.
    public static let monday = Timestamp.millis(year: 2026, month: 11, day: 23)

    public static func records(seed: UInt64, start: Millis = monday, days: Int) -> [Record] {
        var g = FeedGenerator(seed: seed, start: start, profile: .bench2026)
        var out: [Record] = []
        g.generate(days: days) { out.append($0) }
        return out
    }

    public static func records(seed: UInt64, start: Millis = monday, records n: Int) -> [Record] {
        var g = FeedGenerator(seed: seed, start: start, profile: .bench2026)
        var out: [Record] = []
        g.generate(records: n) { out.append($0) }
        return out
    }

    /// The feed file's bytes, as `generate` writes them.
    public static func bytes(seed: UInt64, start: Millis = monday, days: Int) -> [UInt8] {
        var g = FeedGenerator(seed: seed, start: start, profile: .bench2026)
        var out: [UInt8] = []
        g.generate(days: days) { RecordWriter.append($0, to: &out) }
        return out
    }

    public static func bytes(seed: UInt64, start: Millis = monday, records n: Int) -> [UInt8] {
        var g = FeedGenerator(seed: seed, start: start, profile: .bench2026)
        var out: [UInt8] = []
        g.generate(records: n) { RecordWriter.append($0, to: &out) }
        return out
    }
}
