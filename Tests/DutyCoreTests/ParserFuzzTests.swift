import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The parser against an independent reference (`FeedReference`, with its
/// own tokenizer) on random mutations of generated feed lines: byte flips,
/// insertions and deletions, escapes, `\u0000`, duplicated keys,
/// truncation, and edits of timestamps, numbers and values. Every line
/// must get the same verdict from both (and from the validating parser of
/// `check` and the store's ingest), and an accepted line the same decoded
/// fields. Deterministic (seeded); 4 × 25,000 mutated lines a run.
@Suite struct ParserFuzzTests {
    static let linesPerSeed = 25_000

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func mutatedLinesAgreeWithTheReference(seed: UInt64) {
        var rng = SplitMix(seed: seed &* 0x9E37_79B9_7F4A_7C15)
        var base: [[UInt8]] = []
        for r in GeneratedFeed.records(seed: seed, start: Timestamp.millis(year: 2026, month: 11, day: 1), records: 1500) {
            var line: [UInt8] = []
            RecordWriter.append(r, to: &line, newline: false)
            base.append(line)
        }
        // A few lines as the journal and other writers shape them: extra keys, escapes, fractions.
        for i in stride(from: 0, to: base.count, by: 7) {
            var l = base[i]
            let extras = [#","console":"desk-1""#, #","x":{"a":[1,-2.5e3,true,null,{"a":0}],"b":"\u4e2d"}"#,
                          #","t":"2026-11-28T09:15:02.123456789+08:00""#, #","n":-0.0e-0"#]
            l.insert(contentsOf: Array(extras[i % extras.count].utf8), at: l.count - 1)
            base.append(l)
        }
        var parser = FeedParser()
        // The other two ways lines are read: validating only (`check`), and
        // the store's ingest (scan, the kind and id found first, then decode;
        // every fourth line, since a debug build's store is slow).
        var validating = FeedParser.validating()
        let store = Store(clock: .eventTime)
        var differences: [String] = []
        var accepted = 0, checked = 0
        func compare(_ line: [UInt8]) {
            checked += 1
            let mine = line.withUnsafeBytes { b in parser.parse(b).map { Record(id: parser.id(of: b), snapshot: $0) } }
            let ref = FeedReference.check(line)
            let good: Bool
            if case .accept = ref { good = true } else { good = false }
            let validated = line.withUnsafeBytes { validating.parseCompact($0) }
            if case .success = validated, !good { differences.append("validating parser accepts: \(Self.show(line))") }
            if case .failure = validated, good { differences.append("validating parser refuses: \(Self.show(line))") }
            let ingested = checked % 4 != 0 ? good
                : line.withUnsafeBytes { store.ingest(line: $0, file: "fuzz", lineNumber: 1, offset: 0) } != nil
            if ingested != good { differences.append("store.ingest \(ingested ? "accepts" : "refuses"): \(Self.show(line))") }
            switch (mine, ref) {
            case (.success(let r), .accept(let want)):
                accepted += 1
                let got = FeedReference.fields(of: r)
                if got != want {
                    var what: [String] = []
                    for key in Set(got.keys).union(want.keys).sorted() where got[key] != want[key] {
                        let g: String = got[key].map { "\($0)" } ?? "-"
                        let w: String = want[key].map { "\($0)" } ?? "-"
                        what.append(key + ": parser " + g + ", reference " + w)
                    }
                    differences.append("fields differ (" + what.joined(separator: "; ") + "): " + Self.show(line))
                }
            case (.failure, .reject):
                break
            case (.success, .reject(let why)):
                differences.append("parser accepts, reference refuses (\(why)): \(Self.show(line))")
            case (.failure(let e), .accept):
                differences.append("parser refuses (\(e.message)), reference accepts: \(Self.show(line))")
            }
        }
        for line in base { compare(line) }
        #expect(accepted == base.count, "every unmutated line is good")
        let mutator = Mutator()
        for n in 0..<Self.linesPerSeed {
            var line = base[rng.below(base.count)]
            for _ in 0..<(1 + rng.below(3)) { mutator.mutate(&line, &rng) }
            compare(line)
            if differences.count >= 20 { Issue.record("stopped after \(n + 1) lines"); break }
        }
        let report = differences.joined(separator: "\n")
        #expect(differences.isEmpty, "\(differences.count) differences:\n\(report)")
        print("parser fuzz, seed \(seed): \(checked) lines (\(checked - base.count) mutated), \(accepted) accepted, \(differences.count) differences")
        // Enough of the mutated lines stay good for the fields to be compared often.
        #expect(accepted - base.count > Self.linesPerSeed / 10, "accepted \(accepted) of \(checked)")
    }

    /// The line limit: 1 MiB accepted, one byte more refused, by both.
    @Test func theLineLimitIsTheSameForBoth() {
        let head = Array(Line.event("E1", "2026-11-28T09:15:02+08:00", extra: #","pad":""#).utf8.dropLast())
        for total in [FeedParser.maxLineBytes, FeedParser.maxLineBytes + 1] {
            let line = head + [UInt8](repeating: UInt8(ascii: "a"), count: total - head.count - 2) + Array(#""}"#.utf8)
            #expect(line.count == total)
            let mine = TestSupport.parse(line)
            let ref = FeedReference.check(line)
            switch (mine, ref) {
            case (.success, .accept), (.failure, .reject): break
            default: Issue.record("\(total) bytes: parser \(mine), reference \(ref)")
            }
        }
    }

    static func show(_ line: [UInt8]) -> String {
        var s = ""
        for b in line.prefix(400) {
            if b >= 0x20 && b < 0x7F && b != UInt8(ascii: "\\") { s.append(Character(Unicode.Scalar(b))) } else { s += String(format: "\\x%02x", b) }
        }
        return s
    }

    struct Mutator {
        static let bytes: [UInt8] = Array(#""\{}[]:,. 0129-+eEtTzZnul"#.utf8)
            + [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        static let snippets: [[UInt8]] = ([
            #"\u0000"#, #"\u0000\u0000"#, #"\u00"#, #"\ud800"#, #"\udc00"#, #"\ud83d\ude00"#, #"\ud83d\u0041"#, #"\""#,
            #"\\"#, #"\n"#, #"\u0041"#, #"\u001b"#, #"\/"#, #"\x"#, #"\U0041"#, #","x":1"#, #","kind":"task""#,
            #","status":"closed""#, #","x":[1,{"y":null}]"#, "null", "true", "[", "]", "{", "}", "{}", "1e5", "-0",
            ".5", "中", #"\u4e2d"#, "\"", ",", ":", " ", "\t", "\r\n", "\"\":0,",
        ].map { Array($0.utf8) }) + [[0xC3, 0xA9], [0xE4, 0xB8], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80],
                                     [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80], [0xEF, 0xBF, 0xBF]]
        static let values: [String] = [
            "null", #""""#, #""x""#, "0", "[]", "{}", "true", #""open""#, #""closed""#, #""dispatched""#, #""event""#,
            #""task""#, #""mediation""#, #""alert""#, #""grid""#, #""joint""#, #""done""#, #""penalty""#, #""village""#,
            #""resolved""#, #""critical""#, #""bulletin""#, #""rule_x1""#, #""Rule""#, #""r\u0075le""#, #""\u006fpen""#,
            #""open\u0000""#, #""op\u0065n""#, #""\u0064one""#, #""ev\u0065nt""#, #""kind""#, #""E\u0000""#,
            "\"" + String(repeating: "x", count: 64) + "\"", "\"" + String(repeating: "x", count: 65) + "\"",
            "\"" + String(repeating: "中", count: 64) + "\"", "\"" + String(repeating: "中", count: 65) + "\"",
            "\"" + String(repeating: "中", count: 21) + "x\"", #""\ud83d\ude00""#, #""a\"b""#, #""\u4e2d""#, #""中""#,
            #""2026-11-28T09:15:02+08:00""#, #""2026-11-28T09:15:02.5Z""#,
        ]
        static let priorities: [String] = [
            "0", "1", "2", "3", "4", "5", "-1", "1.0", "1e0", "01", "-0", "4.", "2E+0", "10", "99999999999999999999",
            #""2""#, "null", "true", "[2]", "1 ", " 3", "3\t", "\u{3000}3", "2,", "+2",
        ]

        func mutate(_ line: inout [UInt8], _ r: inout SplitMix) {
            if line.isEmpty { line = Array("{}".utf8); return }
            switch r.below(18) {
            case 0: line[r.below(line.count)] ^= UInt8(1) << UInt8(r.below(8))
            case 1: line[r.below(line.count)] = r.pick(Self.bytes)
            case 2: line.insert(r.pick(Self.bytes), at: r.below(line.count + 1))
            case 3, 4: line.insert(contentsOf: r.pick(Self.snippets), at: r.below(line.count + 1))
            case 5:
                let at = r.below(line.count)
                line.removeSubrange(at..<min(line.count, at + 1 + (r.chance(50) ? 0 : r.below(12))))
            case 6: line.removeSubrange(r.below(line.count)...)
            case 7: duplicatePair(&line, &r)
            case 8: editKey(&line, &r)
            case 9, 10: editTimestamp(&line, &r)
            case 11: replaceValue(&line, of: "priority", with: r.pick(Self.priorities))
            case 12, 13:
                let keys = Self.keys(line)
                guard !keys.isEmpty else { return }
                replaceValue(&line, at: r.pick(keys), with: r.pick(Self.values))
            case 14: escapeInValue(&line, &r)
            case 15, 16:
                // A string of mixed characters across the scanner's 16- and 32-byte blocks,
                // now and then with a bad byte in it.
                let keys = Self.keys(line)
                guard !keys.isEmpty else { return }
                var value = Array(randomString(&r).utf8)
                if r.chance(30), value.count > 2 {
                    value.insert(r.pick(Self.bytes.filter { $0 >= 0x80 || $0 < 0x20 }), at: 1 + r.below(value.count - 1))
                }
                replaceValue(&line, at: r.pick(keys), with: value)
            default:
                // A field removed, as a whole pair.
                let keys = Self.keys(line)
                guard let k = keys.isEmpty ? nil : r.pick(keys), let v = Self.valueRange(line, afterKey: k) else { return }
                line.removeSubrange((k.lowerBound - 2)..<v.upperBound)
            }
        }

        /// The ranges of key contents (between the quotes) of the top-level
        /// object, found as `{"` or `,"` … `":` (good enough for mutating).
        static func keys(_ line: [UInt8]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var i = 1
            while i < line.count {
                if line[i] == UInt8(ascii: "\""), line[i - 1] == UInt8(ascii: "{") || line[i - 1] == UInt8(ascii: ",") {
                    var j = i + 1
                    while j < line.count, line[j] != UInt8(ascii: "\"") { j += 1 }
                    if j + 1 < line.count, line[j + 1] == UInt8(ascii: ":") { out.append((i + 1)..<j); i = j }
                }
                i += 1
            }
            return out
        }

        /// The value after a key: to the next `,"` or the closing brace.
        static func valueRange(_ line: [UInt8], afterKey k: Range<Int>) -> Range<Int>? {
            let start = k.upperBound + 2
            guard start <= line.count else { return nil }
            var inString = false, j = start
            while j < line.count {
                let c = line[j]
                if inString {
                    if c == UInt8(ascii: "\\") { j += 2; continue }
                    if c == UInt8(ascii: "\"") { inString = false }
                } else if c == UInt8(ascii: "\"") {
                    inString = true
                } else if c == UInt8(ascii: ",") || (c == UInt8(ascii: "}") && j == line.count - 1) {
                    return start..<j
                }
                j += 1
            }
            return start..<min(j, line.count)
        }

        func duplicatePair(_ line: inout [UInt8], _ r: inout SplitMix) {
            let keys = Self.keys(line)
            guard let k = keys.isEmpty ? nil : r.pick(keys), let v = Self.valueRange(line, afterKey: k) else { return }
            var key = Array(line[k])
            switch r.below(4) {
            case 0: if !key.isEmpty { key.replaceSubrange(0..<1, with: Self.escape(UInt32(key[0]), upper: true)) }
            case 1: key += Array(#"\u0000"#.utf8)
            default: break
            }
            var pair = Array(",\"".utf8) + key + Array("\":".utf8)
            pair += r.chance(50) ? Array(line[v]) : Array(r.pick(Self.values).utf8)
            let at = r.chance(70) ? max(0, line.count - 1) : k.lowerBound - 2
            line.insert(contentsOf: pair, at: max(0, at))
        }

        /// A quoted string of 0–80 pieces: ASCII, two-, three- and four-byte
        /// characters (three-byte ones with every kind of lead), escapes, and
        /// now and then a bad byte sequence.
        func randomString(_ r: inout SplitMix) -> String {
            let pieces = ["a", "Z", "0", " ", "-", "中", "锦", "屏", "\u{800}", "\u{FFFD}", "\u{D7FF}", "\u{E000}", "\u{FFFF}",
                          "é", "\u{7FF}", "😀", "\u{10FFFF}", #"\""#, #"\\"#, #"\n"#, #"\u4e2d"#, #"\u0000"#,
                          #"\ud83d\ude00"#, "\u{7F}"]
            var s = "\""
            for _ in 0..<r.below(81) { s += r.pick(pieces) }
            return s + "\""
        }

        func editKey(_ line: inout [UInt8], _ r: inout SplitMix) {
            let keys = Self.keys(line)
            guard let k = keys.isEmpty ? nil : r.pick(keys), !k.isEmpty else { return }
            switch r.below(5) {
            case 0: line.insert(contentsOf: Array(#"\u0000"#.utf8), at: k.upperBound)
            case 1: line.insert(contentsOf: Array(#"\u0000\u0000"#.utf8), at: k.upperBound)
            case 2: line.insert(contentsOf: Array(#"\u0000"#.utf8), at: k.lowerBound)
            case 3:
                let at = k.lowerBound + r.below(k.count)
                line.replaceSubrange(at..<(at + 1), with: Self.escape(UInt32(line[at]), upper: r.chance(50)))
            default:
                // Another field's name, or a known name one byte off.
                let names = Field.names + ["Kind", "kin", "kindd", "statu", "ts ", "i\\u0064", "priorit\\u0079", ""]
                line.replaceSubrange(k, with: Array(r.pick(names).utf8))
            }
        }

        func editTimestamp(_ line: inout [UInt8], _ r: inout SplitMix) {
            let years = ["1969", "1970", "2000", "2024", "2025", "2026", "2100", "0000", "9999", "0400"]
            let y = r.pick(years)
            func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
            let mo = r.chance(85) ? two(1 + r.below(12)) : r.pick(["00", "13", "1", "99"])
            let d = r.chance(80) ? two(1 + r.below(28)) : r.pick(["29", "30", "31", "00", "32"])
            let h = r.chance(85) ? two(r.below(24)) : r.pick(["23", "24", "00", "7"])
            let mi = r.chance(85) ? two(r.below(60)) : r.pick(["59", "60", "5"])
            let s = r.chance(80) ? two(r.below(60)) : r.pick(["59", "60", "61", "6"])
            var frac = ""
            if r.chance(60) {
                frac = "." + String((0..<r.below(11)).map { _ in Character(String(r.below(10))) })
            }
            let zone = r.pick(["Z", "z", "+08:00", "-05:30", "+23:59", "-23:59", "+24:00", "-00:00", "+08:60", "",
                               "+0800", " +08:00", "+08:00 ", "+08:0", "Z ", "+08:00Z", "+8:00"])
            let t = r.pick(["T", "T", "T", "t", " "])
            var ts = "\(y)-\(mo)-\(d)\(t)\(h):\(mi):\(s)\(frac)\(zone)"
            if r.chance(10) { ts = ts.replacingOccurrences(of: "T", with: #"\u0054"#) }
            let name = r.chance(70) ? "ts" : "due"
            replaceValue(&line, of: name, with: "\"\(ts)\"")
        }

        func escapeInValue(_ line: inout [UInt8], _ r: inout SplitMix) {
            let keys = Self.keys(line)
            guard let k = keys.isEmpty ? nil : r.pick(keys), let v = Self.valueRange(line, afterKey: k),
                  v.count >= 3, line[v.lowerBound] == UInt8(ascii: "\"") else { return }
            let at = v.lowerBound + 1 + r.below(v.count - 2)
            let c = line[at]
            if c < 0x80 && c != UInt8(ascii: "\\") && c != UInt8(ascii: "\"") {
                line.replaceSubrange(at..<(at + 1), with: Self.escape(UInt32(c), upper: false))
            } else if c & 0xF0 == 0xE0, at + 2 < line.count {
                // A three-byte character as its \u escape.
                let cp = (UInt32(c & 0x0F) << 12) | (UInt32(line[at + 1] & 0x3F) << 6) | UInt32(line[at + 2] & 0x3F)
                line.replaceSubrange(at..<(at + 3), with: Self.escape(cp, upper: true))
            } else {
                line.insert(contentsOf: Array(r.pick([#"\n"#, #"\t"#, #"\u0000"#, #"\ud83d\ude00"#, #"\\"#, #"\""#]).utf8), at: at)
            }
        }

        /// `\uXXXX` for a code unit.
        static func escape(_ v: UInt32, upper: Bool) -> [UInt8] {
            let hex = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
            return [UInt8(ascii: "\\"), UInt8(ascii: "u"), hex[Int(v >> 12 & 15)], hex[Int(v >> 8 & 15)],
                    hex[Int(v >> 4 & 15)], hex[Int(v & 15)]]
        }

        func replaceValue(_ line: inout [UInt8], of name: String, with value: String) {
            let name = Array(name.utf8)
            guard let k = Self.keys(line).first(where: { line[$0].elementsEqual(name) }) else { return }
            replaceValue(&line, at: k, with: value)
        }

        func replaceValue(_ line: inout [UInt8], at k: Range<Int>, with value: String) {
            replaceValue(&line, at: k, with: Array(value.utf8))
        }

        func replaceValue(_ line: inout [UInt8], at k: Range<Int>, with value: [UInt8]) {
            guard let v = Self.valueRange(line, afterKey: k) else { return }
            line.replaceSubrange(v, with: value)
        }
    }
}
