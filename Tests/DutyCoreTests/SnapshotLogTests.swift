import Testing
@testable import DutyCore

/// The store's snapshot log: pages that never move, links that survive page
/// boundaries, copies that stay independent.
@Suite struct SnapshotLogTests {
    static func snapshot(_ i: Int) -> CompactSnapshot {
        CompactSnapshot(ts: Millis(i), offsetMinutes: 480, kind: .event, status: UInt8(i % 5))
    }

    @Test func entriesFitOneCacheLine() {
        #expect(MemoryLayout<SnapshotLog.Entry>.stride == 64)
    }

    @Test func linksAcrossPagesAndCopiesAreIndependent() {
        var log = SnapshotLog()
        let n = SnapshotLog.pageSize * 2 + 100
        // Three interleaved chains: i, i+3, i+6 ...
        for i in 0..<n {
            let j = log.append(Self.snapshot(i))
            #expect(j == Int32(i))
            if i >= 3 { log.setNext(Int32(i - 3), j) }
        }
        #expect(log.count == n)
        var walked = 0
        var k: Int32 = 1
        while k >= 0 { #expect(log[k].ts == Millis(k)); walked += 1; k = log.next(k) }
        #expect(walked == (n - 1 + 2) / 3)

        let copy = log
        log.setNext(5, -1)
        _ = log.append(Self.snapshot(n))
        #expect(copy.next(5) == 8)
        #expect(copy.count == n)
        #expect(log.next(5) == -1)
        #expect(log[Int32(n)].ts == Millis(n))
    }
}
