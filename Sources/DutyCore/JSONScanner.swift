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

    /// Maps a key, read as up to 8 little-endian bytes, to a field. Every field
    /// name fits in 8 bytes and keys cannot contain NUL unescaped, so the
    /// word alone identifies the key; a test checks this table against `names`.
    @inline(__always)
    static func match(word: UInt64) -> Field? {
        switch word {
        case 0x646e696b: .kind
        case 0x6469: .id
        case 0x7374: .ts
        case 0x7962: .by
        case 0x65746f6e: .note
        case 0x6e776f74: .town
        case 0x64697267: .grid
        case 0x6e69616d6f64: .domain
        case 0x797469726f697270: .priority
        case 0x656372756f73: .source
        case 0x656c746974: .title
        case 0x737574617473: .status
        case 0x6c6961746564: .detail
        case 0x726574726f706572: .reporter
        case 0x746e657665: .event
        case 0x65707974: .type
        case 0x74696e75: .unit
        case 0x657564: .due
        case 0x656d6f6374756f: .outcome
        case 0x6e6f73616572: .reason
        case 0x79726f6765746163: .category
        case 0x72656974: .tier
        case 0x6567616c6c6976: .village
        case 0x6c6576656c: .level
        case 0x666572: .ref
        case 0x656c6f736e6f63: .console
        default: nil
        }
    }

    /// Reads a key of `len` bytes at `p` as a word; nil when longer than 8.
    @inline(__always)
    static func word(_ p: UnsafeRawPointer, _ len: Int, available: Int) -> UInt64? {
        guard len >= 1 && len <= 8 else { return nil }
        if available >= 8 {
            let w = p.loadUnaligned(as: UInt64.self)
            return len == 8 ? w : w & ((1 << UInt64(len * 8)) - 1)
        }
        var w: UInt64 = 0
        for i in 0..<len { w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << UInt64(i * 8) }
        return w
    }

    static func match(_ p: UnsafeRawPointer, _ len: Int) -> Field? {
        word(p, len, available: 0).flatMap { match(word: $0) }
    }
}

/// A validating single-pass JSON scanner for one feed line. It checks the
/// whole line against RFC 8259 (JSONTestSuite's y_/n_ cases) and UTF-8, and
/// records where each known top-level field's value lies, without building
/// any tree. Nested values (unknown fields) are validated iteratively, so a
/// line of 100,000 open brackets cannot blow the stack. Strings are skipped
/// eight bytes at a time: this loop is most of the ingest's cost.
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
        if !unknownKeys.isEmpty { unknownKeys.removeAll(keepingCapacity: true) }
        guard b.count > 0 else { return FeedError(.invalidJSON, "empty line") }
        if let e = UTF8Check.line(b) { return e }
        var sp: [Span] = []
        swap(&sp, &spans)     // borrow the spans without a uniqueness check per field
        defer { swap(&sp, &spans) }
        return sp.withUnsafeMutableBufferPointer { scanObject(b, $0.baseAddress!) }
    }

    private mutating func scanObject(_ b: UnsafeRawBufferPointer, _ sp: UnsafeMutablePointer<Span>) -> FeedError? {
        let n = b.count
        let p = b.baseAddress!
        var i = skipWS(p, 0, n)
        guard i < n else { return FeedError(.invalidJSON, "empty line") }
        guard p.load(fromByteOffset: i, as: UInt8.self) == 0x7B else {   // {
            // Tell "valid JSON, but not an object" from plain invalid JSON.
            var j = i
            if let e = skipValue(b, &j) { return e }
            j = skipWS(p, j, n)
            if j < n { return .json("unexpected character after value", at: j) }
            return FeedError(.notObject, "not an object (a record must be a JSON object)")
        }
        i = skipWS(p, i + 1, n)
        if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x7D {   // }
            i = skipWS(p, i + 1, n)
            return i < n ? .json("unexpected character after object", at: i) : nil
        }
        while true {
            guard i < n else { return .json("unterminated object", at: i) }
            guard p.load(fromByteOffset: i, as: UInt8.self) == 0x22 else { return .json("expected a key string", at: i) }
            let keyStart = i + 1
            var escaped = false
            if let e = scanString(b, &i, &escaped) { return e }
            let keyLen = i - 1 - keyStart
            i = skipWS(p, i, n)
            guard i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x3A else { return .json("expected ':' after key", at: i) }
            i = skipWS(p, i + 1, n)
            guard i < n else { return .json("missing value", at: i) }
            var span = Span()
            if let e = scanValue(b, &i, &span) { return e }
            var field: Field?
            if !escaped, let w = Field.word(p + keyStart, keyLen, available: n - keyStart) {
                field = Field.match(word: w)
            }
            if let f = field {
                let bit: UInt32 = 1 << UInt32(f.rawValue)
                if present & bit != 0 { return FeedError(.duplicateKey, "duplicate key \"\(f.name)\"", column: keyStart - 1) }
                present |= bit
                sp[f.rawValue] = span
            } else if let e = assignOther(b, keyStart, keyStart + keyLen, escaped, span, sp) {
                return e
            }
            i = skipWS(p, i, n)
            guard i < n else { return .json("unterminated object", at: i) }
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == 0x2C {   // ,
                i = skipWS(p, i + 1, n)
                continue
            }
            if c == 0x7D {
                i = skipWS(p, i + 1, n)
                return i < n ? .json("unexpected character after object", at: i) : nil
            }
            return .json("expected ',' or '}'", at: i)
        }
    }

    /// Files a value under a key that was escaped or is not a known field,
    /// refusing duplicate keys among all of them.
    private mutating func assignOther(_ b: UnsafeRawBufferPointer, _ ks: Int, _ ke: Int, _ escaped: Bool,
                                      _ span: Span, _ sp: UnsafeMutablePointer<Span>) -> FeedError? {
        var key = Array(UnsafeRawBufferPointer(rebasing: b[ks..<ke]))
        if escaped {
            keyScratch.removeAll(keepingCapacity: true)
            StringDecoder.unescape(UnsafeRawBufferPointer(rebasing: b[ks..<ke]), into: &keyScratch)
            key = keyScratch
            if let f = key.withUnsafeBytes({ k in k.count == 0 ? nil : Field.match(k.baseAddress!, k.count) }) {
                let bit: UInt32 = 1 << UInt32(f.rawValue)
                if present & bit != 0 { return FeedError(.duplicateKey, "duplicate key \"\(f.name)\"", column: ks - 1) }
                present |= bit
                sp[f.rawValue] = span
                return nil
            }
        }
        if unknownKeys.contains(key) {
            let shown = Sanitize.visible(String(decoding: key, as: UTF8.self), limit: 40)
            return FeedError(.duplicateKey, "duplicate key \"\(shown)\"", column: ks - 1)
        }
        unknownKeys.append(key)
        return nil
    }

    @inline(__always)
    private func skipWS(_ p: UnsafeRawPointer, _ i0: Int, _ n: Int) -> Int {
        var i = i0
        while i < n {
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } else { break }
        }
        return i
    }

    @inline(__always)
    private func skipWS(_ b: UnsafeRawBufferPointer, _ i0: Int) -> Int { skipWS(b.baseAddress!, i0, b.count) }

    /// Scans one value at b[i]; top-level strings and scalars fill `span`.
    @inline(__always)
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
    /// quote. Validates escapes (including surrogate pairs) and refuses raw
    /// control characters; UTF-8 was validated for the whole line already.
    @inline(__always)
    func scanString(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ escaped: inout Bool) -> FeedError? {
        let n = b.count
        let p = b.baseAddress!
        var k = i + 1
        while true {
            // Eight bytes at a time while none is '"', '\\' or a control byte.
            while k + 8 <= n {
                let w = p.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                let q = w ^ 0x2222_2222_2222_2222
                let s = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((q &- 0x0101_0101_0101_0101) & ~q) | ((s &- 0x0101_0101_0101_0101) & ~s)
                    | ((w &- 0x2020_2020_2020_2020) & ~w)
                let flags = special & 0x8080_8080_8080_8080
                if flags != 0 {
                    // The lowest flag is exact (borrows only run upwards): jump to it.
                    k += flags.trailingZeroBitCount >> 3
                    break
                }
                k += 8
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
            k += 1
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

    /// Validates a whole line, skipping ASCII eight bytes at a time and
    /// taking the common three-byte (CJK) sequences on a short path.
    @inline(__always)
    static func line(_ b: UnsafeRawBufferPointer) -> FeedError? {
        let n = b.count
        let p = b.baseAddress!
        var k = 0
        while k < n {
            if k + 8 <= n && p.loadUnaligned(fromByteOffset: k, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                k += 8
                continue
            }
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            if c < 0x80 { k += 1; continue }
            if c >= 0xE1 && c <= 0xEF && c != 0xED && k + 2 < n
                && p.load(fromByteOffset: k + 1, as: UInt8.self) & 0xC0 == 0x80
                && p.load(fromByteOffset: k + 2, as: UInt8.self) & 0xC0 == 0x80 {
                k += 3
                continue
            }
            if let e = sequence(b, &k) { return e }
        }
        return nil
    }

    static func bad(_ k: Int) -> FeedError {
        FeedError(.invalidUTF8, "invalid UTF-8 at byte \(k + 1)", column: k)
    }
}
