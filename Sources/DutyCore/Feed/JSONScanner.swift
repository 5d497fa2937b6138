/// A validating single-pass JSON scanner for one feed line. It checks the
/// whole line against RFC 8259 (JSONTestSuite's y_/n_ cases) and UTF-8, and
/// records where each known top-level field's value lies, without building
/// any tree. Nested values (unknown fields) are validated iteratively, so a
/// line of 100,000 open brackets cannot blow the stack.
///
/// This is most of the ingest's cost, so it is written for speed: strings are
/// skipped eight bytes at a time, UTF-8 is validated inside that same loop,
/// and the scanning functions return a Bool with the error kept aside, so
/// the hot path never moves an error value around.
struct JSONScanner {
    struct Span {
        var start: Int32 = 0       // first byte of the value (inside the quotes for strings)
        var end: Int32 = 0         // one past the last byte
        var type: JSONValueType = .null
        var escaped = false        // string contains backslash escapes
        var integer = false        // number without fraction or exponent
    }

    var spans = [Span](repeating: Span(), count: Field.allCases.count)
    var present: UInt64 = 0
    /// Why the last scan failed.
    private var failure: FeedError?
    /// Unknown top-level keys, for duplicate detection.
    private var unknownKeys = KeySet()
    /// Bit stack for nested validation: 1 = object, 0 = array.
    private var stack: [UInt64] = []
    private var keyScratch: [UInt8] = []

    @inline(__always) func has(_ f: Field) -> Bool { present & (1 << UInt64(f.rawValue)) != 0 }

    /// Scans a whole line; on success `spans`/`present` describe the object.
    mutating func scan(_ b: UnsafeRawBufferPointer) -> FeedError? {
        present = 0
        if failure != nil { failure = nil }
        if !unknownKeys.isEmpty { unknownKeys.removeAll() }
        guard b.count > 0 else { return FeedError(.invalidJSON, "empty line") }
        var sp: [Span] = []
        swap(&sp, &spans)     // borrow the spans without a uniqueness check per field
        let ok = sp.withUnsafeMutableBufferPointer { scanObject(b.baseAddress!, b.count, $0.baseAddress!) }
        swap(&sp, &spans)
        return ok ? nil : (failure ?? FeedError(.invalidJSON, "invalid JSON"))
    }

    @inline(__always)
    private mutating func fail(_ e: FeedError) -> Bool { failure = e; return false }

    @inline(__always)
    private mutating func fail(_ what: String, at column: Int) -> Bool { failure = .json(what, at: column); return false }

    private mutating func scanObject(_ p: UnsafeRawPointer, _ n: Int, _ sp: UnsafeMutablePointer<Span>) -> Bool {
        var i = skipWS(p, 0, n)
        guard i < n else { return fail(FeedError(.invalidJSON, "empty line")) }
        guard p.load(fromByteOffset: i, as: UInt8.self) == 0x7B else {   // {
            // Tell "valid JSON, but not an object" from plain invalid JSON.
            var j = i
            guard skipValue(p, n, &j) else { return false }
            j = skipWS(p, j, n)
            if j < n { return fail("unexpected character after value", at: j) }
            return fail(FeedError(.notObject, "not an object (a record must be a JSON object)"))
        }
        i = skipWS(p, i + 1, n)
        if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x7D {   // }
            i = skipWS(p, i + 1, n)
            return i < n ? fail("unexpected character after object", at: i) : true
        }
        guard i < n else { return fail("unterminated object", at: i) }
        guard p.load(fromByteOffset: i, as: UInt8.self) == 0x22 else { return fail("expected a key string", at: i) }
        while true {
            // Here p[i] is the '"' that opens a key (checked before the loop
            // and at the bottom, where it is usually seen right after ',').
            let keyStart = i &+ 1
            var escaped = false
            var field: Field?
            var keyLen = -1
            if keyStart + 9 <= n {
                // Fast path for the plain keys of at most 8 bytes that every record has.
                let w = p.loadUnaligned(fromByteOffset: keyStart, as: UInt64.self)
                let s = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let q = w ^ 0x2222_2222_2222_2222
                let special = (((s &- 0x0101_0101_0101_0101) & ~s) | ((w &- 0x2020_2020_2020_2020) & ~w) | w)
                    & 0x8080_8080_8080_8080
                let quote = (q &- 0x0101_0101_0101_0101) & ~q & 0x8080_8080_8080_8080
                if quote != 0 {
                    let len = quote.trailingZeroBitCount >> 3
                    let mask: UInt64 = (1 << UInt64(len * 8)) &- 1
                    if len > 0 && special & mask == 0 { keyLen = len; field = Field.match(word: w & mask) }
                } else if special == 0 && p.load(fromByteOffset: keyStart + 8, as: UInt8.self) == 0x22 {
                    keyLen = 8
                    field = Field.match(word: w)
                }
            }
            if keyLen >= 0 {
                i = keyStart + keyLen + 1
            } else {
                guard scanString(p, n, &i, &escaped) else { return false }
                keyLen = i - 1 - keyStart
                if !escaped {
                    if let w = Field.word(p + keyStart, keyLen, available: n - keyStart) {
                        field = Field.match(word: w)
                    } else if keyLen == 9 || keyLen == 10 {
                        field = Field.matchLong(p + keyStart, keyLen)
                    }
                }
            }
            if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x3A {
                i += 1
            } else {
                i = skipWS(p, i, n)
                guard i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x3A else { return fail("expected ':' after key", at: i) }
                i += 1
            }
            if !(i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x22) {
                i = skipWS(p, i, n)
                guard i < n else { return fail("missing value", at: i) }
            }
            if let f = field {
                let bit: UInt64 = 1 << UInt64(f.rawValue)
                if present & bit != 0 { return fail(FeedError(.duplicateKey, "duplicate key \"\(f.name)\"", column: keyStart - 1)) }
                present |= bit
                if p.load(fromByteOffset: i, as: UInt8.self) == 0x22 {
                    // Strings, most values, inline here rather than through scanValue's call.
                    var escaped = false
                    var end = Self.shortStringEnd(p, n, i + 1)
                    if end < 0 { end = Self.stringEnd(p, n, i + 1, &escaped) }
                    guard end >= 0 else { return failString(p, n, i) }
                    sp[f.rawValue] = Span(start: Int32(truncatingIfNeeded: i + 1), end: Int32(truncatingIfNeeded: end),
                                          type: .string, escaped: escaped, integer: false)
                    i = end + 1
                } else {
                    guard scanValue(p, n, &i, &sp[f.rawValue]) else { return false }
                }
            } else {
                var span = Span()
                guard scanValue(p, n, &i, &span) else { return false }
                guard assignOther(p, keyStart, keyStart + keyLen, escaped, span, sp) else { return false }
            }
            var c: UInt8 = i < n ? p.load(fromByteOffset: i, as: UInt8.self) : 0
            if c != 0x2C && c != 0x7D {
                i = skipWS(p, i, n)
                guard i < n else { return fail("unterminated object", at: i) }
                c = p.load(fromByteOffset: i, as: UInt8.self)
            }
            if c == 0x2C {   // ,
                i &+= 1
                if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x22 { continue }
                i = skipWS(p, i, n)
                guard i < n else { return fail("unterminated object", at: i) }
                guard p.load(fromByteOffset: i, as: UInt8.self) == 0x22 else { return fail("expected a key string", at: i) }
                continue
            }
            if c == 0x7D {
                i = skipWS(p, i + 1, n)
                return i < n ? fail("unexpected character after object", at: i) : true
            }
            return fail("expected ',' or '}'", at: i)
        }
    }

    /// Files a value under a key that was escaped or is not a known field,
    /// refusing duplicate keys among all of them.
    private mutating func assignOther(_ p: UnsafeRawPointer, _ ks: Int, _ ke: Int, _ escaped: Bool,
                                      _ span: Span, _ sp: UnsafeMutablePointer<Span>) -> Bool {
        let raw = UnsafeRawBufferPointer(start: p + ks, count: ke - ks)
        guard escaped else { return addUnknown(raw, at: ks) }
        keyScratch.removeAll(keepingCapacity: true)
        StringDecoder.unescape(raw, into: &keyScratch)
        if let f = keyScratch.withUnsafeBytes({ k in k.count == 0 ? nil : Field.match(k.baseAddress!, k.count) }) {
            let bit: UInt64 = 1 << UInt64(f.rawValue)
            if present & bit != 0 { return fail(FeedError(.duplicateKey, "duplicate key \"\(f.name)\"", column: ks - 1)) }
            present |= bit
            sp[f.rawValue] = span
            return true
        }
        var key: [UInt8] = []
        swap(&key, &keyScratch)
        defer { swap(&key, &keyScratch) }
        return key.withUnsafeBytes { addUnknown($0, at: ks) }
    }

    /// Remembers an unknown key (unescaped), refusing it when seen before in the line.
    private mutating func addUnknown(_ key: UnsafeRawBufferPointer, at ks: Int) -> Bool {
        if unknownKeys.insert(key) { return true }
        let shown = Sanitize.visible(String(decoding: key, as: UTF8.self), limit: 40)
        return fail(FeedError(.duplicateKey, "duplicate key \"\(shown)\"", column: ks - 1))
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

    /// Scans one value at p[i]; strings and scalars fill `span`.
    @inline(__always)
    private mutating func scanValue(_ p: UnsafeRawPointer, _ n: Int, _ i: inout Int, _ span: inout Span) -> Bool {
        let c = p.load(fromByteOffset: i, as: UInt8.self)
        if c == 0x22 {
            span.start = Int32(truncatingIfNeeded: i + 1)
            span.type = .string
            var escaped = false
            guard scanString(p, n, &i, &escaped) else { return false }
            span.escaped = escaped
            span.end = Int32(truncatingIfNeeded: i - 1)
            return true
        }
        span.start = Int32(truncatingIfNeeded: i)
        span.escaped = false
        if c == 0x2D || (c >= 0x30 && c <= 0x39) {
            span.type = .number
            guard scanNumber(p, n, &i, &span.integer) else { return false }
        } else if c == 0x7B || c == 0x5B {
            span.type = c == 0x7B ? .object : .array
            guard skipValue(p, n, &i) else { return false }
        } else {
            guard scanLiteral(p, n, &i, &span.type) else { return false }
        }
        span.end = Int32(truncatingIfNeeded: i)
        return true
    }

    private mutating func scanLiteral(_ p: UnsafeRawPointer, _ n: Int, _ i: inout Int, _ type: inout JSONValueType) -> Bool {
        let rest = n - i
        func word(_ w: StaticString) -> Bool {
            let len = w.utf8CodeUnitCount
            return rest >= len && Platform.equal(p + i, w.utf8Start, len)
        }
        if word("true") { type = .true; i += 4; return true }
        if word("false") { type = .false; i += 5; return true }
        if word("null") { type = .null; i += 4; return true }
        if p.load(fromByteOffset: i, as: UInt8.self) >= 0x80 {
            var k = i
            if !UTF8Check.sequence(p, n, &k) { return fail(UTF8Check.bad(i)) }
        }
        return fail("unexpected character", at: i)
    }

    /// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func scanNumber(_ p: UnsafeRawPointer, _ n: Int, _ i: inout Int, _ integer: inout Bool) -> Bool {
        let start = i
        @inline(__always) func isDigit(_ k: Int) -> Bool {
            guard k < n else { return false }
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            return c >= 0x30 && c <= 0x39
        }
        if p.load(fromByteOffset: i, as: UInt8.self) == 0x2D { i += 1 }
        guard isDigit(i) else { return fail("invalid number", at: start) }
        if p.load(fromByteOffset: i, as: UInt8.self) == 0x30 {
            i += 1
            if isDigit(i) { return fail("number with leading zero", at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        integer = true
        if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x2E {
            i += 1
            guard isDigit(i) else { return fail("invalid number fraction", at: start) }
            while isDigit(i) { i += 1 }
            integer = false
        }
        if i < n && p.load(fromByteOffset: i, as: UInt8.self) | 0x20 == 0x65 {   // e E
            i += 1
            if i < n && (p.load(fromByteOffset: i, as: UInt8.self) == 0x2B || p.load(fromByteOffset: i, as: UInt8.self) == 0x2D) { i += 1 }
            guard isDigit(i) else { return fail("invalid number exponent", at: start) }
            while isDigit(i) { i += 1 }
            integer = false
        }
        return true
    }

    /// Scans a string starting at its opening quote; leaves `i` after the
    /// closing quote. Validates escapes (surrogate pairs included) and UTF-8,
    /// and refuses raw control characters.
    @inline(__always)
    private mutating func scanString(_ p: UnsafeRawPointer, _ n: Int, _ i: inout Int, _ escaped: inout Bool) -> Bool {
        let end = Self.stringEnd(p, n, i + 1, &escaped)
        guard end >= 0 else { return failString(p, n, i) }
        i = end + 1
        return true
    }

    /// Where the string whose body starts at p[k] ends: the index of its
    /// closing quote, or -1 when it is not a valid string (`failString` then
    /// says why). No error kept, no state touched, and Chinese text checked
    /// sixteen bytes at a time with the ASCII around it: a block whose
    /// non-ASCII bytes are all whole three-byte sequences passes in one step
    /// (`wholeUpTo`); any other block is walked a character at a time.
    @inline(__always)
    private static func stringEnd(_ p: UnsafeRawPointer, _ n: Int, _ k0: Int, _ escaped: inout Bool) -> Int {
        var k = k0
        while true {
            if k + 16 <= n {
                let m = Platform.stringMasks16(p + k)
                let stops = UInt32(truncatingIfNeeded: m) & 0xFFFF
                if m & 0xFFFF_FFFF == 0 { k += 16; continue }   // no stop, no non-ASCII byte
                let limit = stops == 0 ? 16 : stops.trailingZeroBitCount
                if let cut = wholeUpTo(m, limit: limit) {
                    if stops == 0 {
                        // A character cut by the block's end begins the next block.
                        k += cut
                        continue
                    }
                    k += limit
                } else {
                    let blockEnd = k + 16
                    guard walk(p, n, &k, upTo: blockEnd) else { return -1 }
                    if k >= blockEnd { continue }
                }
            } else {
                guard walk(p, n, &k, upTo: n), k < n else { return -1 }
            }
            // At a '"', a '\\' or a control byte.
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            if c == 0x22 { return k }
            guard c == 0x5C else { return -1 }
            escaped = true
            guard StringDecoder.checkEscape(UnsafeRawBufferPointer(start: p, count: n), &k) == nil else { return -1 }
        }
    }

    /// Whether the first `limit` bytes of a block (its `stringMasks16`) hold
    /// nothing but ASCII and whole three-byte characters with leads E1–EC,
    /// EE–EF. When `limit` is 16, a character may run past the block: then
    /// the answer is where that character starts (14 or 15), else 16; when
    /// `limit` is a stop byte, a character cut by it is refused. Nil: walk it.
    @inline(__always)
    private static func wholeUpTo(_ m: UInt64, limit: Int) -> Int? {
        let within: UInt32 = (1 << UInt32(limit)) &- 1
        let high = UInt32(truncatingIfNeeded: m >> 16) & within
        if high == 0 { return limit }
        let leads = UInt32(truncatingIfNeeded: m >> 32) & within
        let conts = UInt32(truncatingIfNeeded: m >> 48) & within
        let expected = (leads << 1) | (leads << 2)
        guard high == leads | conts, expected & within == conts else { return nil }
        if limit < 16 { return expected >> UInt32(limit) == 0 ? limit : nil }
        return leads & 0x4000 != 0 ? 14 : leads & 0x8000 != 0 ? 15 : 16
    }

    /// The closing quote of a string whose body starts at p[k] and ends within
    /// 32 bytes with nothing but ASCII and whole three-byte characters before
    /// it (most values: ids, times, names, titles); -1 for anything else,
    /// which `stringEnd` then decides. Near the line's end it looks at the
    /// line's last 32 bytes, so it never reads past the line. Small enough
    /// to be inlined into the object loop.
    @inline(__always)
    private static func shortStringEnd(_ p: UnsafeRawPointer, _ n: Int, _ k: Int) -> Int {
        if k + 32 <= n {
            let end = Platform.shortStringEnd32(p + k, skip: 0)
            return end < 0 ? -1 : k + end
        }
        guard n >= 32 && k < n else { return -1 }
        // Near the line's end: its last 32 bytes, from the body's start.
        let end = Platform.shortStringEnd32(p + (n - 32), skip: k - (n - 32))
        return end < 0 ? -1 : k + end
    }

    /// Walks a string's bytes one character at a time until a '"', '\\' or
    /// control byte (left at `k`) or `end`; false on ill-formed UTF-8.
    @inline(__always)
    private static func walk(_ p: UnsafeRawPointer, _ n: Int, _ k: inout Int, upTo end: Int) -> Bool {
        while k < end {
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            if c < 0x80 {
                if c == 0x22 || c == 0x5C || c < 0x20 { return true }
                k += 1
            } else if !UTF8Check.sequence(p, n, &k) {
                return false
            }
        }
        return true
    }

    /// Why the string at p[i] (its opening quote) is not valid: walked a byte
    /// at a time for the first fault, out of the hot path.
    @inline(never)
    private mutating func failString(_ p: UnsafeRawPointer, _ n: Int, _ i: Int) -> Bool {
        var k = i + 1
        while k < n {
            let c = p.load(fromByteOffset: k, as: UInt8.self)
            if c == 0x22 { return fail("invalid string", at: i) }   // not reached: stringEnd would have accepted it
            if c == 0x5C {
                if let e = StringDecoder.checkEscape(UnsafeRawBufferPointer(start: p, count: n), &k) { return fail(e) }
                continue
            }
            if c < 0x20 { return fail("unescaped control character in string", at: k) }
            if c >= 0x80 {
                if !UTF8Check.sequence(p, n, &k) { return fail(UTF8Check.bad(k)) }
                continue
            }
            k += 1
        }
        return fail("unterminated string", at: i)
    }

    /// Validates one nested value of any depth with an explicit stack.
    private mutating func skipValue(_ p: UnsafeRawPointer, _ n: Int, _ i: inout Int) -> Bool {
        var depth = 0
        stack.removeAll(keepingCapacity: true)
        func push(_ isObject: Bool) {
            let w = depth >> 6, bit = UInt64(1) << UInt64(depth & 63)
            if w == stack.count { stack.append(0) }
            if isObject { stack[w] |= bit } else { stack[w] &= ~bit }
            depth += 1
        }
        func topIsObject() -> Bool { stack[(depth - 1) >> 6] & (UInt64(1) << UInt64((depth - 1) & 63)) != 0 }
        func key(_ i: inout Int) -> Bool {
            i = skipWS(p, i, n)
            guard i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x22 else { return fail("expected a key string", at: i) }
            var esc = false
            guard scanString(p, n, &i, &esc) else { return false }
            i = skipWS(p, i, n)
            guard i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x3A else { return fail("expected ':' after key", at: i) }
            i += 1
            return true
        }
        while true {
            // Expect a value.
            i = skipWS(p, i, n)
            guard i < n else { return fail("unexpected end of line, expected a value", at: i) }
            let c = p.load(fromByteOffset: i, as: UInt8.self)
            if c == 0x7B {
                push(true)
                i = skipWS(p, i + 1, n)
                if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x7D { i += 1; depth -= 1 } else {
                    guard key(&i) else { return false }
                    continue
                }
            } else if c == 0x5B {
                push(false)
                i = skipWS(p, i + 1, n)
                if i < n && p.load(fromByteOffset: i, as: UInt8.self) == 0x5D { i += 1; depth -= 1 } else { continue }
            } else {
                var span = Span()
                guard scanValue(p, n, &i, &span) else { return false }
            }
            // After a value: close containers or move to the next element.
            while true {
                if depth == 0 { return true }
                i = skipWS(p, i, n)
                guard i < n else { return fail("unterminated \(topIsObject() ? "object" : "array")", at: i) }
                let d = p.load(fromByteOffset: i, as: UInt8.self)
                if d == 0x2C {
                    i += 1
                    if topIsObject() { guard key(&i) else { return false } }
                    break
                }
                if topIsObject() ? d == 0x7D : d == 0x5D {
                    i += 1; depth -= 1; continue
                }
                return fail(topIsObject() ? "expected ',' or '}'" : "expected ',' or ']'", at: i)
            }
        }
    }
}
