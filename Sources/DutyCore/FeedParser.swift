/// Turns one feed line into a snapshot, or says exactly why not.
/// Not Foundation's JSON: it parses ten times too slowly for a year of feeds.
/// The scanner validates the line; this decodes the known fields in place
/// into a `CompactSnapshot`, interning every text, never building a JSON tree
/// and never making a String on the hot path.
public struct FeedParser {
    /// Lines longer than this are refused before scanning.
    public static let maxLineBytes = 1 << 20

    private var scanner = JSONScanner()
    private var scratch: [UInt8] = []
    /// The last calendar date parsed and its day number: feeds are mostly in
    /// time order, so most timestamps skip the calendar arithmetic.
    private var dayCache = Timestamp.DayCache()
    /// Where texts are interned; nil to validate only (`check`), holding nothing.
    public let texts: TextTable?
    /// The decoded id of the last line parsed successfully (bytes, so the store
    /// can look it up without making a String).
    public private(set) var idBytes: [UInt8] = []
    /// The kind of the last line parsed successfully.
    public private(set) var kind: Kind = .event

    /// A parser interning into `texts` (a store's table), or its own table.
    public init(texts: TextTable? = TextTable()) { self.texts = texts }

    /// A parser that validates only and keeps no texts.
    public static func validating() -> FeedParser { FeedParser(texts: nil) }

    /// Parses a line into a whole record (readable form): for tools and tests.
    public mutating func parseRecord(_ line: String) -> Result<Record, FeedError> {
        var line = line
        return line.withUTF8 { buf in
            parse(UnsafeRawBufferPointer(buf)).map { Record(id: String(decoding: idBytes, as: UTF8.self), snapshot: $0) }
        }
    }

    /// Parses a line into a readable snapshot.
    public mutating func parse(_ line: UnsafeRawBufferPointer) -> Result<Snapshot, FeedError> {
        if let texts { return parseCompact(line).map { $0.snapshot(texts) } }
        var p = FeedParser()
        defer { idBytes = p.idBytes; kind = p.kind }
        return p.parse(line)
    }

    /// Parses one line (without its newline; a trailing CR is whitespace).
    public mutating func parseCompact(_ line: UnsafeRawBufferPointer) -> Result<CompactSnapshot, FeedError> {
        if let e = scan(line) { return .failure(e) }
        return decodeScanned(line)
    }

    /// The first half of `parseCompact`: checks the line is a JSON object of
    /// allowed size and finds its fields. Nil when it is; else why not.
    public mutating func scan(_ line: UnsafeRawBufferPointer) -> FeedError? {
        if line.count > Self.maxLineBytes {
            return FeedError(.tooLong, "line too long (\(line.count) bytes, limit 1 MiB)")
        }
        return scanner.scan(line)
    }

    /// The kind and the raw id bytes of the line just scanned, when both are
    /// plain strings (no escapes, a known kind): what the store needs to start
    /// fetching the item before the rest of the line is decoded. Mutating
    /// only so that a call on a class's stored parser borrows it in place
    /// instead of copying the parser (a retain per array it holds).
    public mutating func scannedIdentity(_ line: UnsafeRawBufferPointer) -> (kind: Kind, id: UnsafeRawBufferPointer)? {
        guard scanner.has(.kind), scanner.has(.id) else { return nil }
        let ks = scanner.spans[Field.kind.rawValue], ids = scanner.spans[Field.id.rawValue]
        guard ks.type == .string, !ks.escaped, ids.type == .string, !ids.escaped,
              let kind = Kind.match(UnsafeRawBufferPointer(rebasing: line[Int(ks.start)..<Int(ks.end)]))
        else { return nil }
        return (kind, UnsafeRawBufferPointer(rebasing: line[Int(ids.start)..<Int(ids.end)]))
    }

    /// The second half of `parseCompact`: decodes the fields of the line just scanned.
    public mutating func decodeScanned(_ line: UnsafeRawBufferPointer) -> Result<CompactSnapshot, FeedError> {
        do {
            return .success(try decode(line))
        } catch let e as FeedError {
            return .failure(e)
        } catch {
            return .failure(FeedError(.invalidJSON, "\(error)"))
        }
    }

    // MARK: - Decoding the fields

    private mutating func decode(_ line: UnsafeRawBufferPointer) throws -> CompactSnapshot {
        guard scanner.has(.kind) else { throw FeedError.missing("kind") }
        let k: Kind = try requiredEnum(.kind, line, nil)
        kind = k
        guard scanner.has(.id) else { throw FeedError.missing("id", for: k) }
        try checkType(.id, .string, "a string")
        idBytes.removeAll(keepingCapacity: true)
        let span = scanner.spans[Field.id.rawValue]
        let raw = UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)])
        if span.escaped { StringDecoder.unescape(raw, into: &idBytes) } else { idBytes.append(contentsOf: raw) }
        var chars = 0
        for b in idBytes where b & 0xC0 != 0x80 { chars += 1 }
        guard chars >= 1 && chars <= 64 else {
            throw FeedError(.outOfRange, "field \"id\": length \(chars) out of range 1–64 characters")
        }
        let ts = try timestamp(.ts, line, k)
        var s = CompactSnapshot(ts: ts.millis, offsetMinutes: ts.offsetMinutes, kind: k, status: 0)
        s.by = try optionalText(.by, line)
        s.note = try optionalText(.note, line, free: true)
        switch k {
        case .event:
            s.t1 = try requiredText(.town, line, k)
            s.t2 = try requiredText(.grid, line, k)
            s.t3 = try requiredText(.domain, line, k)
            s.priority = try priorityField(line)
            s.code = (try requiredEnum(.source, line, k) as EventSource).rawValue
            s.t4 = try requiredText(.title, line, k)
            s.status = (try requiredEnum(.status, line, k) as EventStatus).rawValue
            s.t5 = try optionalText(.detail, line, free: true)
            s.t6 = try optionalText(.reporter, line)
        case .task:
            guard scanner.has(.event) else { throw FeedError.missing("event", for: k) }
            s.t3 = try optionalText(.event, line, free: true)
            s.code = (try requiredEnum(.type, line, k) as TaskType).rawValue
            s.t2 = try requiredText(.unit, line, k)
            s.t1 = try requiredText(.town, line, k)
            let due = try timestamp(.due, line, k)
            s.due = due.millis
            s.dueOffsetMinutes = due.offsetMinutes
            s.status = (try requiredEnum(.status, line, k) as TaskStatus).rawValue
            s.outcome = (try optionalEnum(.outcome, line) as TaskOutcome?)?.rawValue ?? CompactSnapshot.noOutcome
            s.t4 = try optionalText(.reason, line)
        case .mediation:
            s.t1 = try requiredText(.town, line, k)
            s.t2 = try requiredText(.category, line, k)
            s.code = (try requiredEnum(.tier, line, k) as MediationTier).rawValue
            s.status = (try requiredEnum(.status, line, k) as MediationStatus).rawValue
            s.t3 = try optionalText(.village, line)
        case .alert:
            s.code = (try requiredEnum(.level, line, k) as AlertLevel).rawValue
            s.t1 = try alertType(line)
            s.t2 = try requiredText(.title, line, k)
            s.status = (try requiredEnum(.status, line, k) as AlertStatus).rawValue
            s.t3 = try optionalText(.ref, line, free: true)
        }
        return s
    }

    @inline(__always)
    private func checkType(_ f: Field, _ type: JSONValueType, _ want: StaticString) throws {
        let got = scanner.spans[f.rawValue].type
        if got != type { throw FeedError.type(f.name, want: want.description, got: got) }
    }

    /// Hands the decoded bytes of a string field to `body` (no copy when unescaped).
    @inline(__always)
    private mutating func withBytes<T>(_ f: Field, _ line: UnsafeRawBufferPointer,
                                       _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let span = scanner.spans[f.rawValue]
        let raw = UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)])
        if !span.escaped { return try body(raw) }
        scratch.removeAll(keepingCapacity: true)
        StringDecoder.unescape(raw, into: &scratch)
        return try scratch.withUnsafeBytes { try body($0) }
    }

    private mutating func requiredText(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws -> Sym {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "a string")
        let texts = self.texts
        return try withBytes(f, line) { bytes in
            guard bytes.count > 0 else { throw FeedError(.outOfRange, "field \"\(f.name)\": must not be empty") }
            return texts?.intern(bytes) ?? Sym(raw: 1)
        }
    }

    /// An optional text: interned when it is a name that repeats, stored as
    /// free text otherwise (notes, details, ids of other items).
    private mutating func optionalText(_ f: Field, _ line: UnsafeRawBufferPointer, free: Bool = false) throws -> Sym {
        guard scanner.has(f), scanner.spans[f.rawValue].type != .null else { return .none }
        try checkType(f, .string, "a string or null")
        guard let texts = self.texts else { return Sym(raw: 1) }
        return withBytes(f, line) { free ? texts.store($0) : texts.intern($0) }
    }

    private mutating func alertType(_ line: UnsafeRawBufferPointer) throws -> Sym {
        guard scanner.has(.type) else { throw FeedError.missing("type", for: .alert) }
        try checkType(.type, .string, "a string")
        let texts = self.texts
        return try withBytes(.type, line) { bytes in
            guard bytes.count > 0, bytes.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }) else {
                let shown = Sanitize.visible(String(decoding: bytes, as: UTF8.self), limit: 40)
                throw FeedError(.unknownValue, "field \"type\": unknown value \"\(shown)\" "
                                + "(want risk_notice, supervision, bulletin, or a rule name of a–z, 0–9 and _)")
            }
            return texts?.intern(bytes) ?? Sym(raw: 1)
        }
    }

    private mutating func requiredEnum<E: WireEnum>(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind?) throws -> E {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        guard let e: E = try optionalEnum(f, line) else { throw FeedError.type(f.name, want: "a string", got: .null) }
        return e
    }

    private mutating func optionalEnum<E: WireEnum>(_ f: Field, _ line: UnsafeRawBufferPointer) throws -> E? {
        guard scanner.has(f), scanner.spans[f.rawValue].type != .null else { return nil }
        try checkType(f, .string, "a string")
        return try withBytes(f, line) { bytes in
            guard let e = E.match(bytes) else {
                let shown = String(decoding: bytes, as: UTF8.self)
                if f == .kind {
                    throw FeedError(.unknownValue, "unknown kind \"\(Sanitize.visible(shown, limit: 40))\" (want \(Kind.wireList))")
                }
                throw FeedError.unknown(f.name, shown, E.self)
            }
            return e
        }
    }

    private mutating func timestamp(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws -> Timestamp.Parsed {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "an RFC 3339 timestamp string")
        var cache = dayCache
        defer { dayCache = cache }
        return try withBytes(f, line) { bytes in
            switch Timestamp.parse(bytes, days: &cache) {
            case .success(let t): return t
            case .failure(let e): throw FeedError(.badTimestamp, "field \"\(f.name)\": \(e)")
            }
        }
    }

    private func priorityField(_ line: UnsafeRawBufferPointer) throws -> UInt8 {
        guard scanner.has(.priority) else { throw FeedError.missing("priority", for: .event) }
        let span = scanner.spans[Field.priority.rawValue]
        guard span.type == .number, span.integer else {
            throw FeedError(.wrongType, "field \"priority\": expected an integer 1–4, got "
                            + (span.type == .number ? "a non-integer number" : span.type.rawValue))
        }
        if span.end - span.start == 1 {
            let d = line[Int(span.start)]
            if d >= 0x31 && d <= 0x34 { return d - 0x30 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)]), as: UTF8.self)
        throw FeedError(.outOfRange, "field \"priority\": \(text.prefix(24)) out of range 1–4")
    }
}
