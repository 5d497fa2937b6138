import Testing
@testable import DutyCore

/// Growing moves slots by their kept hash bits, not by hashing keys again:
/// every key must still be found after many doublings, no absent key may
/// be, and a copy that grows must leave behind the entries of the longer
/// history it shared slots with.
@Suite struct ByteKeyTableTests {
    static func key(_ s: String, _ body: (UnsafeRawBufferPointer, UInt64) -> Void) {
        var s = s
        s.withUTF8 { body(UnsafeRawBufferPointer($0), ByteHash.hash(UnsafeRawBufferPointer($0))) }
    }

    @Test func everyKeyIsFoundThroughManyDoublings() {
        var table = ByteKeyTable<Int>(capacity: 1)
        // Short ids and long ones (past the sixteen bytes kept in the entry).
        let keys = (0..<150_000).map { $0 % 3 == 0 ? "SJ-20261205-\($0)-long-enough-to-spill" : "E\($0)" }
        for (i, k) in keys.enumerated() {
            Self.key(k) { _ = table.insert($0, hash: $1, value: i) }
            // Check a sample along the way: each doubling must keep what came before.
            if i.isMultiple(of: 9_973) {
                for j in stride(from: 0, through: i, by: 997) {
                    Self.key(keys[j]) { k, h in #expect(table.find(k, hash: h) == j, "key \(j) after \(i + 1) inserts") }
                }
            }
        }
        #expect(table.count == keys.count)
        var missing = 0, wrong = 0
        for (i, k) in keys.enumerated() {
            Self.key(k) { k, h in
                guard let e = table.find(k, hash: h) else { missing += 1; return }
                if table.value(at: e) != i { wrong += 1 }
            }
        }
        #expect(missing == 0 && wrong == 0)
        for i in 0..<20_000 { Self.key("absent-\(i)") { k, h in #expect(table.find(k, hash: h) == nil) } }
    }

    @Test func aCopyBehindTheHistoryGrowsWithoutItsLaterEntries() {
        var base = ByteKeyTable<Int>(capacity: 64)
        for i in 0..<40 { Self.key("k\(i)") { _ = base.insert($0, hash: $1, value: i) } }
        var behind = base
        // `base` goes on along the shared slots; `behind` then grows them (a store changed after a seek).
        for i in 40..<80 { Self.key("k\(i)") { _ = base.insert($0, hash: $1, value: i) } }
        for i in 0..<500 { Self.key("x\(i)") { _ = behind.insert($0, hash: $1, value: 1_000 + i) } }
        for i in 0..<80 {
            Self.key("k\(i)") { k, h in
                #expect(base.find(k, hash: h) == i)
                #expect(behind.find(k, hash: h) == (i < 40 ? i : nil), "k\(i) in the copy behind")
            }
        }
        for i in 0..<500 {
            Self.key("x\(i)") { k, h in
                #expect(behind.find(k, hash: h).map { behind.value(at: $0) } == 1_000 + i)
                #expect(base.find(k, hash: h) == nil)
            }
        }
    }
}
