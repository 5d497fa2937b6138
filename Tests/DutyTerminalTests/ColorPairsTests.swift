#if DEBUG
@testable import DutyTerminal
import Testing

/// Colour pairs are created on first use, reused after, and degrade to the
/// nearest existing pair when the terminal has no more.
struct ColorPairsTests {
    final class Recorder: @unchecked Sendable {
        var defined: [(Int16, Int16, Int16)] = []
    }

    @Test func allocatesOnDemandAndCaches() {
        let r = Recorder()
        let pairs = ColorPairs(limit: 64) { r.defined.append(($0, $1, $2)); return true }
        #expect(pairs.pair(fg: nil, bg: nil) == 0)
        #expect(pairs.pair(fg: 196, bg: 16) == 1)
        #expect(pairs.pair(fg: 46, bg: nil) == 2)
        #expect(pairs.pair(fg: 196, bg: 16) == 1)
        #expect(r.defined.count == 2)
        #expect(r.defined[1] == (2, 46, -1))
        #expect(pairs.allocated == 2)
    }

    @Test func fallsBackToTheNearestPairWhenFull() {
        let pairs = ColorPairs(limit: 3) { _, _, _ in true }       // pairs 1 and 2 only
        #expect(pairs.pair(fg: 196, bg: 16) == 1)                   // red on black
        #expect(pairs.pair(fg: 21, bg: 231) == 2)                   // blue on white
        #expect(pairs.pair(fg: 160, bg: 16) == 1)                   // dark red on black → red on black
        #expect(pairs.pair(fg: 19, bg: 255) == 2)                   // navy on near-white → blue on white
        #expect(pairs.pair(fg: 196, bg: nil) == 0)                  // no default background: pair 0
        #expect(pairs.allocated == 2)
    }

    @Test func aRefusedPairFallsBackToo() {
        let pairs = ColorPairs(limit: 64) { n, _, _ in n < 2 }
        #expect(pairs.pair(fg: 1, bg: 0) == 1)
        #expect(pairs.pair(fg: 9, bg: 0) == 1)
    }
}
#endif
