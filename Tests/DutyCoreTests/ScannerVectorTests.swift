import DutyTestSupport
import Testing
@testable import DutyCore

/// The scanner's 16-byte vector tests against plain byte-by-byte answers, and
/// the whole parser against the standard library's UTF-8 validation on
/// strings long enough to take the vector paths.
@Suite struct ScannerVectorTests {
    /// Bytes that matter to UTF-8 and JSON strings, so random strings hit the edges.
    static let alphabet: [UInt8] = [0x41, 0x7A, 0x20, 0x01, 0x1F, 0x7F, 0x22, 0x5C, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                    0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xE4, 0xE9, 0xEC, 0xED, 0xEE, 0xEF,
                                    0xF0, 0xF4, 0xF5, 0xFF]

    static func chinese(_ rng: inout SeededRandom) -> [UInt8] {
        Array("锦屏街道占道经营无人洗车後備箱".utf8)[0..<(3 * (1 + rng.below(15)))].map { $0 }
    }

    @Test func stringMasksMatchByteByByte() {
        var rng = SeededRandom(seed: 24)
        for _ in 0..<20_000 {
            let block: [UInt8] = (0..<16).map { _ in rng.below(2) == 0 ? Self.alphabet[rng.below(Self.alphabet.count)] : UInt8(rng.below(256)) }
            var want: UInt64 = 0
            for (i, c) in block.enumerated() {
                if c == 0x22 || c == 0x5C || c < 0x20 { want |= 1 << UInt64(i) }
                if c >= 0x80 { want |= 1 << UInt64(16 + i) }
                if c & 0xF0 == 0xE0 && c != 0xE0 && c != 0xED { want |= 1 << UInt64(32 + i) }
                if c & 0xC0 == 0x80 { want |= 1 << UInt64(48 + i) }
            }
            #expect(block.withUnsafeBytes { Platform.stringMasks16($0.baseAddress!) } == want)
        }
    }

    /// The 32-byte short-string test against a walk of the same bytes: the
    /// body from `skip` must be ASCII without stops, or whole three-byte
    /// characters with leads E1–EC/EE–EF, up to a closing quote in the block.
    @Test func shortStringEndMatchesAWalk() {
        var rng = SeededRandom(seed: 25)
        func walk(_ b: [UInt8], _ skip: Int) -> Int {
            var k = skip
            while k < 32 {
                let c = b[k]
                if c == 0x22 { return k - skip }
                if c == 0x5C || c < 0x20 { return -1 }
                if c < 0x80 { k += 1; continue }
                guard c >= 0xE1 && c <= 0xEF && c != 0xED, k + 2 < 32,
                      b[k + 1] & 0xC0 == 0x80, b[k + 2] & 0xC0 == 0x80 else { return -1 }
                k += 3
            }
            return -1
        }
        var decided = 0
        for _ in 0..<60_000 {
            var block: [UInt8] = []
            while block.count < 32 {
                switch rng.below(4) {
                case 0: block += Self.chinese(&rng).prefix(3 * (1 + rng.below(3)))
                case 1: block += Array("JP-03-12".utf8.prefix(1 + rng.below(8)))
                case 2: block.append(0x22)
                default: block.append(rng.below(2) == 0 ? Self.alphabet[rng.below(Self.alphabet.count)] : UInt8(rng.below(256)))
                }
            }
            block = Array(block.prefix(32))
            let skip = rng.below(4) == 0 ? rng.below(32) : 0
            let got = block.withUnsafeBytes { Platform.shortStringEnd32($0.baseAddress!, skip: skip) }
            #expect(got == walk(block, skip), "block \(block) skip \(skip)")
            if got >= 0 { decided += 1 }
        }
        #expect(decided > 5_000)
    }

    @Test func parserAgreesWithTheStandardLibraryOnUTF8() {
        var rng = SeededRandom(seed: 23)
        var accepted = 0, refused = 0
        for round in 0..<12_000 {
            var text: [UInt8] = Array("0123456789abcdef".utf8.prefix(rng.below(16)))   // every alignment
            for _ in 0..<(1 + rng.below(6)) {
                switch rng.below(3) {
                case 0: text += Self.chinese(&rng)
                case 1: text += Array("JP-03-12 ".utf8)
                default: text += (0..<(1 + rng.below(4))).map { _ in Self.alphabet[rng.below(Self.alphabet.count)] }
                }
            }
            if round % 3 == 0 { text = text.filter { $0 >= 0x80 || ($0 >= 0x20 && $0 != 0x22 && $0 != 0x5C) } }
            text.removeAll { $0 == 0x22 || $0 == 0x5C }   // quotes and escapes are other tests' business
            let valid = !text.isEmpty && String(validating: text, as: UTF8.self) != nil && !text.contains { $0 < 0x20 }
            let line = Array(#"{"kind":"event","id":"E1","ts":"2026-11-28T09:15:02+08:00","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"grid","title":""#.utf8)
                + text + Array(#"","status":"open","detail":"padding so the title is never near the end of the line"}"#.utf8)
            switch TestSupport.parse(line) {
            case .success(let s):
                accepted += 1
                #expect(valid, "accepted invalid text \(text)")
                if case .event(let e) = s.body { #expect(Array(e.title.utf8) == text) }
            case .failure(let e):
                refused += 1
                #expect(!valid, "refused valid text \(text): \(e)")
            }
            // The title as the line's last value: the scanner looks at the
            // line's last 32 bytes there, never past them.
            let last = Array(#"{"kind":"event","id":"E1","ts":"2026-11-28T09:15:02+08:00","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"grid","status":"open","title":""#.utf8)
                + text + Array(#""}"#.utf8)
            switch TestSupport.parse(last) {
            case .success(let s):
                #expect(valid, "accepted invalid text \(text) at the end")
                if case .event(let e) = s.body { #expect(Array(e.title.utf8) == text) }
            case .failure(let e):
                #expect(!valid, "refused valid text \(text) at the end: \(e)")
            }
            // The same text as an unknown field's value, inside a nested array,
            // and as an unknown key: the scanner's other string paths.
            let head = Array(Line.event("E1", "2026-11-28T09:15:02+08:00").utf8.dropLast())
            for (before, after) in [(#","x":""#, #"""#), (#","x":[1,""#, #""]"#), (#",""#, #"":1"#)] {
                let other = head + Array(before.utf8) + text + Array(after.utf8)
                    + Array(#","detail":"padding so the text is never near the end of the line"}"#.utf8)
                let ok = valid || text.isEmpty   // an empty string is fine here, unlike an empty title
                if case .success = TestSupport.parse(other) { #expect(ok, "accepted invalid text \(text) in \(before)") } else {
                    #expect(!ok, "refused valid text \(text) in \(before)")
                }
            }
        }
        #expect(accepted > 500 && refused > 500)
    }
}
