/// Every wire enum's names as words in one block, made once, for the
/// parser's enum matching. Why: on Linux every read of a `static let`
/// (each enum's `wireWords`) is a call to `swift_once` and a retain of the
/// array, several times a line; the parser keeps this block of pointers instead.
enum WireTable {
    /// The enums in `wireSlot` order.
    static let enums: [any WireEnum.Type] = [Kind.self, EventStatus.self, EventSource.self, TaskType.self,
                                             TaskStatus.self, TaskOutcome.self, MediationTier.self,
                                             MediationStatus.self, AlertLevel.self, AlertStatus.self,
                                             NoticeType.self, NoticeStatus.self]
    /// Buckets per enum: a name's bucket comes from a multiplier chosen so
    /// that the enum's names all land in different ones, so a match is one
    /// multiply and one comparison, with no loop whose exit the CPU must guess.
    static let bucketBits = 4

    /// All names, enum after enum; where each enum's names start; each
    /// enum's buckets (name index, or -1) and multiplier. Allocated once for
    /// the process, never freed, never written after it is made.
    struct Block {
        let words: UnsafePointer<WireWord>
        let starts: UnsafePointer<Int32>
        let buckets: UnsafePointer<Int8>
        let multipliers: UnsafePointer<UInt64>

        /// The bucket of a name's words under multiplier m.
        @inline(__always)
        static func bucket(_ lo: UInt64, _ hi: UInt64, _ count: Int, _ m: UInt64) -> Int {
            Int(truncatingIfNeeded: ((lo ^ (hi &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(count)) &* m) >> UInt64(64 - WireTable.bucketBits))
        }

        /// The case of enum `slot` whose name is (lo, hi, count): its index, or -1.
        @inline(__always)
        func index(slot: Int, _ lo: UInt64, _ hi: UInt64, _ count: Int) -> Int {
            let b = Self.bucket(lo, hi, count, multipliers[slot])
            let i = Int(buckets[slot << WireTable.bucketBits | b])
            guard i >= 0 else { return -1 }
            let w = words[Int(starts[slot]) + i]
            return w.lo == lo && w.hi == hi && w.count == count ? i : -1
        }
    }

    // nonisolated(unsafe): `Block` holds raw pointers (not Sendable) to memory written once here, then only read.
    nonisolated(unsafe) static let block: Block = {
        let all = enums.flatMap { $0.wireWords }
        let words = UnsafeMutablePointer<WireWord>.allocate(capacity: all.count)
        words.initialize(from: all, count: all.count)
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: enums.count + 1)
        let size = 1 << bucketBits
        let buckets = UnsafeMutablePointer<Int8>.allocate(capacity: enums.count * size)
        buckets.initialize(repeating: -1, count: enums.count * size)
        let multipliers = UnsafeMutablePointer<UInt64>.allocate(capacity: enums.count)
        var at: Int32 = 0
        for (i, e) in enums.enumerated() {
            precondition(e.wireSlot == i, "wireSlot out of order")
            starts[i] = at
            at += Int32(e.wireWords.count)
            // The first odd multiplier of a fixed sequence that separates the names.
            var k: UInt64 = 0
            search: while true {
                // More than 16 names, or two with the same mixed words, would never separate.
                precondition(e.wireWords.count <= size && k < 100_000, "no perfect hash for \(e)'s wire names")
                let m = 0x9E37_79B9_7F4A_7C15 &* (2 &* k &+ 1)
                k += 1
                var used = Set<Int>()
                for w in e.wireWords where !used.insert(Block.bucket(w.lo, w.hi, w.count, m)).inserted { continue search }
                multipliers[i] = m
                for (j, w) in e.wireWords.enumerated() {
                    buckets[i * size + Block.bucket(w.lo, w.hi, w.count, m)] = Int8(j)
                }
                break
            }
        }
        starts[enums.count] = at
        return Block(words: UnsafePointer(words), starts: UnsafePointer(starts),
                     buckets: UnsafePointer(buckets), multipliers: UnsafePointer(multipliers))
    }()
}
