/// Turns one feed line into a typed snapshot, or says exactly why not.
/// Not Foundation's JSON: it parses ten times too slowly for a year of feeds.
/// The scanner validates the line; this decodes the known fields in place,
/// interning repeated names and never building a JSON tree.
public struct FeedParser {
    /// Lines longer than this are refused before scanning.
    public static let maxLineBytes = 1 << 20

    private var scanner = JSONScanner()
    private var scratch: [UInt8] = []
    public var interner = Interner()
    /// The decoded id of the last line parsed successfully (bytes, so the store
    /// can look it up without making a String).
    public private(set) var idBytes: [UInt8] = []
    /// The kind of the last line parsed successfully.
    public private(set) var kind: Kind = .event

    public init() {}

    /// Parses a line and returns the whole record (id as a String): for tools
    /// and tests. The ingest uses `parse(_:)` and `idBytes`.
    public mutating func parseRecord(_ line: String) -> Result<Record, FeedError> {
        var line = line
        return line.withUTF8 { buf in
            parse(UnsafeRawBufferPointer(buf)).map { Record(id: String(decoding: idBytes, as: UTF8.self), snapshot: $0) }
        }
    }

    /// Parses one line (without its newline; a trailing CR is whitespace).
    public mutating func parse(_ line: UnsafeRawBufferPointer) -> Result<Snapshot, FeedError> {
        if line.count > Self.maxLineBytes {
            return .failure(FeedError(.tooLong, "line too long (\(line.count) bytes, limit 1 MiB)"))
        }
        if line.count == 0 { return .failure(FeedError(.invalidJSON, "empty line")) }
        if let e = scanner.scan(line) { return .failure(e) }
        do {
            return .success(try decode(line))
        } catch let e as FeedError {
            return .failure(e)
        } catch {
            return .failure(FeedError(.invalidJSON, "\(error)"))
        }
    }

    // MARK: - Decoding the fields

    private mutating func decode(_ line: UnsafeRawBufferPointer) throws -> Snapshot {
        guard scanner.has(.kind) else { throw FeedError.missing("kind") }
        let k: Kind = try requiredEnum(.kind, line, nil)
        kind = k
        guard scanner.has(.id) else { throw FeedError.missing("id", for: k) }
        try checkType(.id, .string, "a string")
        idBytes.removeAll(keepingCapacity: true)
        let span = scanner.spans[Field.id.rawValue]
        let raw = UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)])
        if span.escaped { StringDecoder.unescape(raw, into: &idBytes) } else { idBytes.append(contentsOf: raw) }
        let chars = idBytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        guard chars >= 1 && chars <= 64 else {
            throw FeedError(.outOfRange, "field \"id\": length \(chars) out of range 1–64 characters")
        }
        let ts = try timestamp(.ts, line, k)
        let by = try optionalString(.by, line, intern: true)
        let note = try optionalString(.note, line, intern: false)
        let body: Body
        switch k {
        case .event:
            body = .event(EventBody(
                town: try requiredString(.town, line, k), grid: try requiredString(.grid, line, k),
                domain: try requiredString(.domain, line, k), priority: try priorityField(line),
                source: try requiredEnum(.source, line, k), title: try requiredString(.title, line, k),
                status: try requiredEnum(.status, line, k),
                detail: try optionalString(.detail, line, intern: false),
                reporter: try optionalString(.reporter, line, intern: true)))
        case .task:
            guard scanner.has(.event) else { throw FeedError.missing("event", for: k) }
            let due = try timestamp(.due, line, k)
            body = .task(TaskBody(
                event: try optionalString(.event, line, intern: false), type: try requiredEnum(.type, line, k),
                unit: try requiredString(.unit, line, k), town: try requiredString(.town, line, k),
                due: due.millis, dueOffsetMinutes: due.offsetMinutes, status: try requiredEnum(.status, line, k),
                outcome: try optionalEnum(.outcome, line),
                reason: try optionalString(.reason, line, intern: true)))
        case .mediation:
            body = .mediation(MediationBody(
                town: try requiredString(.town, line, k), category: try requiredString(.category, line, k),
                tier: try requiredEnum(.tier, line, k), status: try requiredEnum(.status, line, k),
                village: try optionalString(.village, line, intern: true)))
        case .alert:
            let level: AlertLevel = try requiredEnum(.level, line, k)
            let type = try requiredString(.type, line, k)
            guard type.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }) else {
                throw FeedError(.unknownValue, "field \"type\": unknown value \"\(Sanitize.visible(type, limit: 40))\" "
                                + "(want risk_notice, supervision, bulletin, or a rule name of a–z, 0–9 and _)")
            }
            body = .alert(AlertBody(
                level: level, type: type, title: try requiredString(.title, line, k),
                status: try requiredEnum(.status, line, k), ref: try optionalString(.ref, line, intern: false)))
        }
        return Snapshot(ts: ts.millis, offsetMinutes: ts.offsetMinutes, by: by, note: note, body: body)
    }

    private func checkType(_ f: Field, _ type: JSONValueType, _ want: String) throws {
        let got = scanner.spans[f.rawValue].type
        if got != type { throw FeedError.type(f.name, want: want, got: got) }
    }

    /// Hands the decoded bytes of a string field to `body` (no copy when unescaped).
    private mutating func withBytes<T>(_ f: Field, _ line: UnsafeRawBufferPointer,
                                       _ body: (inout Interner, UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let span = scanner.spans[f.rawValue]
        let raw = UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)])
        if !span.escaped { return try body(&interner, raw) }
        scratch.removeAll(keepingCapacity: true)
        StringDecoder.unescape(raw, into: &scratch)
        let copy = scratch
        return try copy.withUnsafeBytes { try body(&interner, $0) }
    }

    private mutating func requiredString(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws -> String {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "a string")
        return try withBytes(f, line) { interner, bytes in
            guard bytes.count > 0 else { throw FeedError(.outOfRange, "field \"\(f.name)\": must not be empty") }
            return interner.intern(bytes)
        }
    }

    private mutating func optionalString(_ f: Field, _ line: UnsafeRawBufferPointer, intern: Bool) throws -> String? {
        guard scanner.has(f), scanner.spans[f.rawValue].type != .null else { return nil }
        try checkType(f, .string, "a string or null")
        return withBytes(f, line) { interner, bytes in
            intern ? interner.intern(bytes) : String(decoding: bytes, as: UTF8.self)
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
        return try withBytes(f, line) { _, bytes in
            guard let e = E.match(bytes) else {
                if f == .kind {
                    throw FeedError(.unknownValue, "unknown kind \"\(Sanitize.visible(String(decoding: bytes, as: UTF8.self), limit: 40))\" (want \(Kind.wireList))")
                }
                throw FeedError.unknown(f.name, String(decoding: bytes, as: UTF8.self), E.self)
            }
            return e
        }
    }

    private mutating func timestamp(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws -> Timestamp.Parsed {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "an RFC 3339 timestamp string")
        return try withBytes(f, line) { _, bytes in
            switch Timestamp.parse(bytes) {
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
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)]), as: UTF8.self)
        guard let v = Int(text), v >= 1 && v <= 4 else {
            throw FeedError(.outOfRange, "field \"priority\": \(text.prefix(24)) out of range 1–4")
        }
        return UInt8(v)
    }
}
