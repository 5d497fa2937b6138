import Foundation
import Testing
@testable import DutyCore

/// Keys: an escaped key is its exact bytes (issue 10, item 6).
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
}
