import DutyTestSupport
import Testing
@testable import DutyCore

/// The merge of sorted runs gives exactly the order of a plain sort by
/// (ts, microseconds, arrival), whatever the shape of the input.
@Suite struct RecordingOrderTests {
    /// The reference: a sort of (ts, micros, arrival) triples, arrival being the index.
    static func reference(_ entries: [Recording.Entry]) -> [Recording.Entry] {
        entries.enumerated()
            .sorted { ($0.element.ts, $0.element.micros, $0.offset) < ($1.element.ts, $1.element.micros, $1.offset) }
            .map(\.element)
    }

    /// Entries with the given ts (few distinct micros), each tagged with its
    /// arrival in `location` so that any misplaced one shows.
    static func entries(_ ts: [Int64], micros: (Int) -> UInt16 = { _ in 0 }) -> [Recording.Entry] {
        ts.enumerated().map { Recording.Entry(ts: $0.element, location: UInt64($0.offset), length: 1, micros: micros($0.offset)) }
    }

    static func same(_ a: [Recording.Entry], _ b: [Recording.Entry]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.location == $1.location && $0.ts == $1.ts && $0.micros == $1.micros }
    }

    @Test func shapesOfFeedsGiveThePlainSortsOrder() {
        var r = SplitMix(seed: 16)
        var shapes: [(String, [Int64])] = []
        let n = 5_000
        shapes.append(("sorted", (0..<n).map { Int64($0 / 3) }))
        shapes.append(("reversed", (0..<n).map { Int64(n - $0) }))
        shapes.append(("all equal", Array(repeating: 7, count: n)))
        shapes.append(("random", (0..<n).map { _ in Int64(r.below(200)) }))
        var late = (0..<n).map { Int64($0) }
        for i in stride(from: 40, to: n, by: 37) { late[i] -= Int64(1 + r.below(300)) }
        shapes.append(("late records", late))
        var spike = (0..<n).map { Int64($0) }
        spike[100] = 1_000_000; spike[2_000] = 999_999
        shapes.append(("spikes", spike))
        let third = n / 3, half = n / 2
        let three: [Int64] = (0..<n).map { (i: Int) -> Int64 in Int64((i % third) * 2 + i / third) }
        shapes.append(("three files one after another", three))
        let two: [Int64] = (0..<n).map { (i: Int) -> Int64 in i < half ? Int64(i * 2) : Int64((i - half) * 2 + 1) }
        shapes.append(("two files interleaved", two))
        var bursts = (0..<n).map { Int64($0) }
        for i in stride(from: 500, to: n - 30, by: 700) { for j in 0..<25 { bursts[i + j] -= 400 } }
        shapes.append(("bursts of late records", bursts))
        let blocks: [Int64] = (0..<n).map { (i: Int) -> Int64 in
            let block: Int = i / 5 * 5
            return Int64(block + 4 - i % 5)
        }
        shapes.append(("blocks reversed", blocks))
        for (name, ts) in shapes {
            let none: (Int) -> UInt16 = { _ in 0 }
            let some: (Int) -> UInt16 = { i in UInt16(i * 7 % 3) }
            for micros in [none, some] {
                let e = Self.entries(ts, micros: micros)
                #expect(Self.same(RecordingOrder.sorted(e), Self.reference(e)), "\(name)")
            }
        }
    }

    @Test func randomNearlySortedInputsGiveThePlainSortsOrder() {
        var r = SplitMix(seed: 1_016)
        for round in 0..<200 {
            let n = 1 + r.below(400)
            var ts = (0..<n).map { Int64($0 / (1 + r.below(3))) }
            for _ in 0..<r.below(20) {
                let i = r.below(n)
                ts[i] += Int64(r.below(60)) - 30
            }
            if r.chance(30) { ts.reverse() }
            let e = Self.entries(ts, micros: { UInt16($0 % 2) })
            #expect(Self.same(RecordingOrder.sorted(e), Self.reference(e)), "round \(round)")
        }
    }

    @Test func entriesKeepTheirFileAndOffset() {
        let e = Recording.Entry(ts: 5, location: UInt64(3) << Recording.Entry.offsetBits | 123_456_789_012, length: 9)
        #expect(e.file == 3 && e.offset == 123_456_789_012)
        #expect(MemoryLayout<Recording.Entry>.stride == 24)
    }
}
