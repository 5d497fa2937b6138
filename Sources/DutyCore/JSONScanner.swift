/// The fields of the feed format, in one place. The scanner maps key bytes to
/// these so the decoder never compares strings.
public enum Field: Int, CaseIterable, Sendable {
    case kind, id, ts, by, note, town, grid, domain, priority, source, title, status, detail,
         reporter, event, type, unit, due, outcome, reason, category, tier, village, level, ref,
         console

    public static let names: [String] = [
        "kind", "id", "ts", "by", "note", "town", "grid", "domain", "priority", "source", "title",
        "status", "detail", "reporter", "event", "type", "unit", "due", "outcome", "reason",
        "category", "tier", "village", "level", "ref", "console",
    ]
    public var name: String { Self.names[rawValue] }
    static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }

    /// Maps a (decoded) key to a field: length first, then one memcmp.
    @inline(__always)
    static func match(_ p: UnsafeRawPointer, _ len: Int) -> Field? {
        guard len >= 2 && len <= 8 else { return nil }
        let first = p.load(as: UInt8.self)
        for f in candidates[len &* 128 &+ Int(first & 0x7F)] {
            let name = nameBytes[f.rawValue]
            if name.withUnsafeBytes({ Platform.equal($0.baseAddress!, p, len) }) { return f }
        }
        return nil
    }

    /// Fields bucketed by (length, first byte).
    private static let candidates: [[Field]] = {
        var t = [[Field]](repeating: [], count: 9 * 128)
        for f in Field.allCases { t[f.name.utf8.count * 128 + Int(f.name.utf8.first!)].append(f) }
        return t
    }()
}

/// A validating single-pass JSON scanner for one feed line. It checks the
/// whole line against RFC 8259 (JSONTestSuite's y_/n_ cases) and UTF-8, and
/// records where each known top-level field's value lies, without building
/// any tree. Nested values (unknown fields) are validated iteratively, so a
/// line of 100,000 open brackets cannot blow the stack.
struct JSONScanner {
    struct Span {
        var start: Int32 = 0       // first byte of the value (inside the quotes for strings)
        var end: Int32 = 0         // one past the last byte
        var type: JSONValueType = .null
        var escaped = false        // string contains backslash escapes
        var integer = false        // number without fraction or exponent
    }

    var spans = [Span](repeating: Span(), count: Field.allCases.count)
    var present: UInt32 = 0
    /// Unknown top-level keys, for duplicate detection.
    private var unknownKeys: [[UInt8]] = []
    /// Bit stack for nested validation: 1 = object, 0 = array.
    private var stack: [UInt64] = []
    var keyScratch: [UInt8] = []

    @inline(__always) func has(_ f: Field) -> Bool { present & (1 << UInt32(f.rawValue)) != 0 }

    /// Scans a whole line; on success `spans`/`present` describe the object.
    mutating func scan(_ b: UnsafeRawBufferPointer) -> FeedError? {
        present = 0
        unknownKeys.removeAll(keepingCapacity: true)
        let n = b.count
        var i = skipWS(b, 0)
        guard i < n else { return FeedError(.invalidJSON, "empty line") }
        guard b[i] == UInt8(ascii: "{") else {
            // Tell "valid JSON, but not an object" from plain invalid JSON.
            var j = i
            if let e = skipValue(b, &j) { return e }
            j = skipWS(b, j)
            if j < n { return .json("unexpected character after value", at: j) }
            return FeedError(.notObject, "not an object (a record must be a JSON object)")
        }
        i += 1
        i = skipWS(b, i)
        if i < n && b[i] == UInt8(ascii: "}") {
            i = skipWS(b, i + 1)
            return i < n ? .json("unexpected character after object", at: i) : nil
        }
        while true {
            guard i < n else { return .json("unterminated object", at: i) }
            guard b[i] == UInt8(ascii: "\"") else { return .json("expected a key string", at: i) }
            let keyStart = i + 1
            var escaped = false
            if let e = scanString(b, &i, &escaped) { return e }
            let keyEnd = i - 1
            i = skipWS(b, i)
            guard i < n && b[i] == UInt8(ascii: ":") else { return .json("expected ':' after key", at: i) }
            i = skipWS(b, i + 1)
            guard i < n else { return .json("missing value", at: i) }
            var span = Span()
            if let e = scanValue(b, &i, &span) { return e }
            if let e = assign(b, keyStart, keyEnd, escaped, span) { return e }
            i = skipWS(b, i)
            guard i < n else { return .json("unterminated object", at: i) }
            let c = b[i]
            if c == UInt8(ascii: ",") {
                i = skipWS(b, i + 1)
                continue
            }
            if c == UInt8(ascii: "}") {
                i = skipWS(b, i + 1)
                return i < n ? .json("unexpected character after object", at: i) : nil
            }
            return .json("expected ',' or '}'", at: i)
        }
    }

    /// Files a top-level value under its field, refusing duplicate keys.
    private mutating func assign(_ b: UnsafeRawBufferPointer, _ ks: Int, _ ke: Int, _ escaped: Bool,
                                 _ span: Span) -> FeedError? {
        let base = b.baseAddress!
        var field: Field?
        var keyBytes: [UInt8]?
        if escaped {
            keyScratch.removeAll(keepingCapacity: true)
            StringDecoder.unescape(UnsafeRawBufferPointer(rebasing: b[ks..<ke]), into: &keyScratch)
            keyBytes = keyScratch
            field = keyScratch.withUnsafeBytes { k in k.count == 0 ? nil : Field.match(k.baseAddress!, k.count) }
        } else {
            field = Field.match(base + ks, ke - ks)
        }
        if let f = field {
            let bit: UInt32 = 1 << UInt32(f.rawValue)
            if present & bit != 0 { return FeedError(.duplicateKey, "duplicate key \"\(f.name)\"", column: ks - 1) }
            present |= bit
            spans[f.rawValue] = span
            return nil
        }
        let key = keyBytes ?? Array(UnsafeRawBufferPointer(rebasing: b[ks..<ke]))
        if unknownKeys.contains(key) {
            let shown = Sanitize.visible(String(decoding: key, as: UTF8.self), limit: 40)
            return FeedError(.duplicateKey, "duplicate key \"\(shown)\"", column: ks - 1)
        }
        unknownKeys.append(key)
        return nil
    }

    @inline(__always)
    private func skipWS(_ b: UnsafeRawBufferPointer, _ i0: Int) -> Int {
        var i = i0
        let n = b.count
        while i < n {
            let c = b[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else { break }
        }
        return i
    }

    /// Scans one value at b[i]; top-level strings and scalars fill `span`.
    private mutating func scanValue(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ span: inout Span) -> FeedError? {
        let c = b[i]
        switch c {
        case UInt8(ascii: "\""):
            span.start = Int32(i + 1)
            span.type = .string
            if let e = scanString(b, &i, &span.escaped) { return e }
            span.end = Int32(i - 1)
            return nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            span.start = Int32(i)
            span.type = .number
            if let e = scanNumber(b, &i, &span.integer) { return e }
            span.end = Int32(i)
            return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            span.type = c == UInt8(ascii: "{") ? .object : .array
            span.start = Int32(i)
            if let e = skipValue(b, &i) { return e }
            span.end = Int32(i)
            return nil
        default:
            span.start = Int32(i)
            if let e = scanLiteral(b, &i, &span.type) { return e }
            span.end = Int32(i)
            return nil
        }
    }

    private func scanLiteral(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ type: inout JSONValueType) -> FeedError? {
        let rest = b.count - i
        func word(_ w: StaticString) -> Bool {
            let len = w.utf8CodeUnitCount
            return rest >= len && Platform.equal(b.baseAddress! + i, w.utf8Start, len)
        }
        if word("true") { type = .true; i += 4; return nil }
        if word("false") { type = .false; i += 5; return nil }
        if word("null") { type = .null; i += 4; return nil }
        return .json("unexpected character", at: i)
    }

    /// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private func scanNumber(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ integer: inout Bool) -> FeedError? {
        let n = b.count
        let start = i
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && b[k] >= 0x30 && b[k] <= 0x39 }
        if b[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return .json("invalid number", at: start) }
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return .json("number with leading zero", at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        integer = true
        if i < n && b[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return .json("invalid number fraction", at: start) }
            while isDigit(i) { i += 1 }
            integer = false
        }
        if i < n && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return .json("invalid number exponent", at: start) }
            while isDigit(i) { i += 1 }
            integer = false
        }
        return nil
    }

    /// Scans a string starting at its opening quote; leaves `i` after the closing
    /// quote. Validates escapes (including surrogate pairs) and UTF-8.
    @inline(__always)
    func scanString(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ escaped: inout Bool) -> FeedError? {
        let n = b.count
        let p = b.baseAddress!
        var k = i + 1
        while true {
            // Fast path: plain ASCII runs.
            while k < n {
                let c = p.load(fromByteOffset: k, as: UInt8.self)
                if c >= 0x20 && c < 0x80 && c != 0x22 && c != 0x5C { k += 1 } else { break }
            }
            guard k < n else { return .json("unterminated string", at: i) }
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            if c == 0x22 { i = k + 1; return nil }
            if c == 0x5C {
                escaped = true
                if let e = StringDecoder.checkEscape(b, &k) { return e }
                continue
            }
            if c < 0x20 { return .json("unescaped control character in string", at: k) }
            if let e = UTF8Check.sequence(b, &k) { return e }
        }
    }

    /// Validates one nested value of any depth with an explicit stack.
    private mutating func skipValue(_ b: UnsafeRawBufferPointer, _ i: inout Int) -> FeedError? {
        let n = b.count
        var depth = 0
        stack.removeAll(keepingCapacity: true)
        func push(_ isObject: Bool) {
            let w = depth >> 6, bit = UInt64(1) << UInt64(depth & 63)
            if w == stack.count { stack.append(0) }
            if isObject { stack[w] |= bit } else { stack[w] &= ~bit }
            depth += 1
        }
        func topIsObject() -> Bool { stack[(depth - 1) >> 6] & (UInt64(1) << UInt64((depth - 1) & 63)) != 0 }
        func key(_ i: inout Int) -> FeedError? {
            i = skipWS(b, i)
            guard i < n && b[i] == UInt8(ascii: "\"") else { return .json("expected a key string", at: i) }
            var esc = false
            if let e = scanString(b, &i, &esc) { return e }
            i = skipWS(b, i)
            guard i < n && b[i] == UInt8(ascii: ":") else { return .json("expected ':' after key", at: i) }
            i += 1
            return nil
        }
        while true {
            // Expect a value.
            i = skipWS(b, i)
            guard i < n else { return .json("unexpected end of line, expected a value", at: i) }
            let c = b[i]
            var closed = false
            if c == UInt8(ascii: "{") {
                push(true)
                i = skipWS(b, i + 1)
                if i < n && b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; closed = true }
                else { if let e = key(&i) { return e }; continue }
            } else if c == UInt8(ascii: "[") {
                push(false)
                i = skipWS(b, i + 1)
                if i < n && b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; closed = true } else { continue }
            } else {
                var span = Span()
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { fatalError("unreachable") }
                if let e = scanScalar(b, &i, &span) { return e }
                closed = true
            }
            // After a value: close containers or move to the next element.
            precondition(closed)
            while true {
                if depth == 0 { return nil }
                i = skipWS(b, i)
                guard i < n else { return .json("unterminated \(topIsObject() ? "object" : "array")", at: i) }
                let d = b[i]
                if d == UInt8(ascii: ",") {
                    i += 1
                    if topIsObject() { if let e = key(&i) { return e } }
                    break
                }
                if topIsObject() ? d == UInt8(ascii: "}") : d == UInt8(ascii: "]") {
                    i += 1; depth -= 1; continue
                }
                return .json(topIsObject() ? "expected ',' or '}'" : "expected ',' or ']'", at: i)
            }
        }
    }

    private func scanScalar(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ span: inout Span) -> FeedError? {
        let c = b[i]
        if c == UInt8(ascii: "\"") { return scanString(b, &i, &span.escaped) }
        if c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) { return scanNumber(b, &i, &span.integer) }
        return scanLiteral(b, &i, &span.type)
    }
}

/// UTF-8 well-formedness per Unicode Table 3-7 (no overlongs, no surrogates).
enum UTF8Check {
    @inline(__always)
    static func sequence(_ b: UnsafeRawBufferPointer, _ k: inout Int) -> FeedError? {
        let n = b.count
        let c0 = b[k]
        var len = 0
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c0 {
        case 0xC2...0xDF: len = 2
        case 0xE0: len = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: len = 3
        case 0xED: len = 3; hi = 0x9F
        case 0xF0: len = 4; lo = 0x90
        case 0xF1...0xF3: len = 4
        case 0xF4: len = 4; hi = 0x8F
        default: return bad(k)
        }
        guard k + len <= n else { return bad(k) }
        let c1 = b[k + 1]
        guard c1 >= lo && c1 <= hi else { return bad(k) }
        for j in 2..<len where b[k + j] & 0xC0 != 0x80 { return bad(k) }
        k += len
        return nil
    }

    static func bad(_ k: Int) -> FeedError {
        FeedError(.invalidUTF8, "invalid UTF-8 at byte \(k + 1)", column: k)
    }
}
