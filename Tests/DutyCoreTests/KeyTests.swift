import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Keys: an escaped key is its exact bytes (issue 10, item 6), and duplicate
/// keys among many unknown ones are still found (item 7).
@Suite struct KeyTests {
    static let ts = "2026-11-28T09:15:02+08:00"

    /// "kind\u0000" is not "kind": beside the real key it is an unknown
    /// extra key (no duplicate), and in its place the field is missing.
    @Test func aKeyWithTrailingNULsIsAnotherKey() throws {
        let base = try TestSupport.parse(Line.event("E1", Self.ts)).get()
        for f in Field.allCases {
            let name = f.name
            let firstEscaped = String(format: "\\u%04x", name.utf8.first!) + name.dropFirst()
            for key in [name + #"\u0000"#, name + #"\u0000\u0000"#, firstEscaped + #"\u0000"#, #"\u0000"# + name] {
                let line = Line.event("E1", Self.ts, extra: #","\#(key)":"x""#)
                let r = TestSupport.parse(line)
                #expect((try? r.get()) == base, "\(key): \(r)")
            }
        }
        // In place of a required field's key: that field is missing.
        for name in ["kind", "id", "ts", "town", "grid", "domain", "priority", "source", "title", "status"] {
            for suffix in [#"\u0000"#, #"\u0000\u0000"#] {
                let line = Line.event("E1", Self.ts).replacingOccurrences(of: #""\#(name)":"#, with: #""\#(name)\#(suffix)":"#)
                let e = TestSupport.error(line)
                #expect(e?.errorClass == .missingField && e?.message.contains("\"\(name)\"") == true, "\(line): \(String(describing: e))")
            }
        }
        // Still: an escaped key that is exactly a field's name is that field.
        let escaped = Line.event("E1", Self.ts).replacingOccurrences(of: #""status":"open""#, with: #""st\u0061tus":"closed""#)
        #expect(try TestSupport.parse(escaped).get().snapshot.statusWire == "closed")
        #expect(Field.match(Array("kind\0".utf8), 5) == nil && Field.match(Array("kind".utf8), 4) == .kind)
    }

    @Test func aDuplicateAmongManyUnknownKeysIsFound() {
        var keys = ""
        for i in 0..<20_000 { keys += #","k\#(i)":\#(i)"# }
        #expect(TestSupport.error(Line.event("E1", Self.ts, extra: keys)) == nil)
        for (dup, name) in [(#","k7":0"#, "k7"), (#","k19999":[]"#, "k19999"), (#","k\u0031\u0032345":null"#, "k12345")] {
            let e = TestSupport.error(Line.event("E1", Self.ts, extra: keys + dup))
            #expect(e?.errorClass == .duplicateKey && e?.message.contains(#""\#(name)""#) == true, "\(name): \(String(describing: e))")
        }
        // A duplicate in the middle, found where it is.
        let e = TestSupport.error(Line.event("E1", Self.ts, extra: #","x":1"# + keys.replacingOccurrences(of: #","k500":500"#, with: #","x":2"#)))
        #expect(e?.message.contains(#"duplicate key "x""#) == true)
        // Keys that differ by a trailing NUL, or only in case, are different keys.
        #expect(TestSupport.error(Line.event("E1", Self.ts, extra: keys + #","k1\u0000":0,"K1":0"#)) == nil)
        // One parser, line after line: each line's keys are its own.
        var p = FeedParser()
        for (extra, bad) in [(keys, false), (#","a":1,"b":2,"a":3"#, true), (keys, false), (#","k1":0"#, false)] {
            var line = Line.event("E1", Self.ts, extra: extra)
            let r = line.withUTF8 { p.parse(UnsafeRawBufferPointer($0)) }
            if case .failure = r { #expect(bad, "\(extra.prefix(20))") } else { #expect(!bad) }
        }
    }

    /// Item 7: the work of refusing a repeated key grows with the number of
    /// keys, not with its square (a pairwise search looked at 96,000² / 2
    /// pairs for the issue's 1 MiB line: 5.8 s). Counted, not timed.
    @Test func keySetLooksAtEachKeyAFewTimesOnly() {
        var set = KeySet()
        let n = 96_321
        for i in 0..<n {
            let k = Array("k\(i)".utf8)
            #expect(k.withUnsafeBytes { set.insert($0) })
        }
        #expect(set.count == n)
        #expect(set.looks < 4 * n, "\(set.looks) looks for \(n) keys")
        let again = Array("k\(n / 2)".utf8)
        #expect(!again.withUnsafeBytes { set.insert($0) })
    }

    @Test func keySetFindsEveryKeyItHolds() {
        var set = KeySet()
        for round in 0..<2 {
            set.removeAll()
            for i in 0..<5000 {
                var k = Array("key\(i)".utf8)
                #expect(k.withUnsafeBytes { set.insert($0) }, "round \(round) key \(i)")
                if i % 97 == 0 {
                    k = Array("key\(i / 2)".utf8)
                    #expect(!k.withUnsafeBytes { set.insert($0) })
                }
            }
            #expect(set.count == 5000)
            #expect([UInt8]().withUnsafeBytes { set.insert($0) })   // the empty key is a key too
            #expect(![UInt8]().withUnsafeBytes { set.insert($0) })
        }
    }
}
