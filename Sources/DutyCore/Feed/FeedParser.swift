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
    /// The same table without reference counting on the hot path (`texts`
    /// keeps it alive), and whether to use it at all.
    private let table: Unmanaged<TextTable>
    private let interning: Bool
    private static let unusedTable = TextTable()
    /// The id of the last line decoded, unescaped, when it had escapes.
    private var idBytes: [UInt8] = []
    /// Where the id of the last line decoded lies in it, when it had no escapes.
    private var idRaw: Range<Int>?
    /// The kind of the last line parsed successfully.
    public private(set) var kind: Kind = .event
    /// `WireTable.block`, read once here rather than per value.
    private let wire: WireTable.Block
    /// Where free texts go instead of `texts`, when set: a parallel load
    /// parses each batch's notes into an arena of the batch's own, so the
    /// worker's table holds names only (see `PreparedLines`).
    var freeTexts: FreeTextArena? {
        didSet { freeArena = freeTexts.map { Unmanaged.passUnretained($0) } }
    }
    private var freeArena: Unmanaged<FreeTextArena>?

    /// A parser interning into `texts` (a store's table), or its own table.
    public init(texts: TextTable? = TextTable()) {
        self.texts = texts
        table = Unmanaged.passUnretained(texts ?? Self.unusedTable)
        interning = texts != nil
        wire = WireTable.block
    }

    /// Matches raw bytes (unescaped) against the wire names of `E`.
    @inline(__always)
    private func match<E: WireEnum>(_: E.Type, _ bytes: UnsafeRawBufferPointer) -> E? {
        Self.match(E.self, bytes, in: wire)
    }

    @inline(__always)
    private static func match<E: WireEnum>(_: E.Type, _ bytes: UnsafeRawBufferPointer, in wire: WireTable.Block) -> E? {
        guard let (lo, hi) = WireWord.words(bytes) else { return nil }
        let i = wire.index(slot: E.wireSlot, lo, hi, bytes.count)
        return i < 0 ? nil : E(rawValue: UInt8(truncatingIfNeeded: i))
    }

    /// A parser that validates only and keeps no texts.
    public static func validating() -> FeedParser { FeedParser(texts: nil) }

    /// Parses a line into a whole record (readable form): for tools and tests.
    public mutating func parseRecord(_ line: String) -> Result<Record, FeedError> {
        var line = line
        return line.withUTF8 { buf in
            let line = UnsafeRawBufferPointer(buf)
            return parse(line).map { Record(id: id(of: line), snapshot: $0) }
        }
    }

    /// Parses a line into a readable snapshot.
    public mutating func parse(_ line: UnsafeRawBufferPointer) -> Result<Snapshot, FeedError> {
        if let texts { return parseCompact(line).map { $0.snapshot(texts) } }
        var p = FeedParser()
        defer { idBytes = p.idBytes; idRaw = p.idRaw; kind = p.kind }
        return p.parse(line)
    }

    /// Parses one line (without its newline; a trailing CR is whitespace).
    public mutating func parseCompact(_ line: UnsafeRawBufferPointer) -> Result<CompactSnapshot, FeedError> {
        if let e = scan(line) { return .failure(e) }
        return decodeScanned(line)
    }

    /// The first half of `parseCompact`: checks the line is a JSON object of
    /// allowed size and finds its fields. Nil when it is; else why not.
    mutating func scan(_ line: UnsafeRawBufferPointer) -> FeedError? {
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
    mutating func scannedIdentity(_ line: UnsafeRawBufferPointer) -> (kind: Kind, id: UnsafeRawBufferPointer)? {
        guard scanner.has(.kind), scanner.has(.id) else { return nil }
        let ks = scanner.spans[Field.kind.rawValue], ids = scanner.spans[Field.id.rawValue]
        guard ks.type == .string, !ks.escaped, ids.type == .string, !ids.escaped,
              let kind = match(Kind.self, UnsafeRawBufferPointer(rebasing: line[Int(ks.start)..<Int(ks.end)]))
        else { return nil }
        return (kind, UnsafeRawBufferPointer(rebasing: line[Int(ids.start)..<Int(ids.end)]))
    }

    /// The second half of `parseCompact`: decodes the fields of the line just scanned.
    /// `kind`: what `scannedIdentity` found for this line, if it was called
    /// (its kind needs no second match).
    mutating func decodeScanned(_ line: UnsafeRawBufferPointer, kind known: Kind? = nil) -> Result<CompactSnapshot, FeedError> {
        do throws(FeedError) {
            return .success(try decode(line, kind: known))
        } catch {
            return .failure(error)
        }
    }

    /// The id's bytes of the line just decoded (unescaped), valid during `body`.
    /// Mutating only so that a call on a class's stored parser borrows it in place.
    @inline(__always)
    mutating func withIdBytes<R>(_ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let idRaw { return body(UnsafeRawBufferPointer(rebasing: line[idRaw])) }
        return idBytes.withUnsafeBytes(body)
    }

    /// The id of the line just decoded, as a String (for tools, not the hot path).
    public mutating func id(of line: UnsafeRawBufferPointer) -> String {
        withIdBytes(line) { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Decoding the fields
    //
    // Each helper below reads a field's span directly and hands the raw
    // bytes to the text table without copying them; only escaped strings
    // take a detour through a scratch buffer, and errors are made out of
    // line, so the path a good line takes stays short.

    private mutating func decode(_ line: UnsafeRawBufferPointer, kind known: Kind?) throws(FeedError) -> CompactSnapshot {
        // Forget the last line's id (empty until this line's is read), so
        // nothing can read it against this line.
        idRaw = 0..<0
        let k: Kind
        if let known { k = known } else {
            guard scanner.has(.kind) else { throw FeedError.missing("kind") }
            k = try requiredEnum(.kind, line, nil)
        }
        kind = k
        guard scanner.has(.id) else { throw FeedError.missing("id", for: k) }
        try checkType(.id, .string, "a string")
        let span = scanner.spans[Field.id.rawValue]
        let raw = bytes(span, line)
        var chars = 0
        if span.escaped {
            idRaw = nil
            idBytes.removeAll(keepingCapacity: true)
            StringDecoder.unescape(raw, into: &idBytes)
            for b in idBytes where b & 0xC0 != 0x80 { chars += 1 }
        } else {
            idRaw = Int(span.start)..<Int(span.end)
            // Up to 64 bytes are at most 64 characters, and empty only when
            // no bytes: characters need counting only in longer ids.
            if raw.count <= 64 { chars = raw.count } else { for b in raw where b & 0xC0 != 0x80 { chars += 1 } }
        }
        guard chars >= 1 && chars <= 64 else { throw Self.idLength(chars) }
        let ts = try timestamp(.ts, line, k)
        var s = CompactSnapshot(ts: ts.millis, offsetMinutes: ts.offsetMinutes, kind: k, status: 0)
        s.tsMicros = ts.micros
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
            if scanner.has(.satisfied) { s.outcome = try satisfiedField() }
        case .task:
            guard scanner.has(.event) else { throw FeedError.missing("event", for: k) }
            s.t3 = try optionalText(.event, line, free: true)
            s.code = (try requiredEnum(.type, line, k) as TaskType).rawValue
            s.t2 = try requiredText(.unit, line, k)
            s.t1 = try requiredText(.town, line, k)
            let due = try timestamp(.due, line, k)
            s.dueExact = due.exact
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
        case .notice:
            try decodeNotice(line, into: &s)
        }
        return s
    }

    /// A notice's fields (文书): rare lines, so decoded out of the hot path.
    @inline(never)
    private mutating func decodeNotice(_ line: UnsafeRawBufferPointer, into s: inout CompactSnapshot) throws(FeedError) {
        let k = Kind.notice
        s.code = (try requiredEnum(.type, line, k) as NoticeType).rawValue
        s.t1 = try requiredText(.number, line, k)
        s.t2 = try requiredText(.title, line, k)
        let to = try stringArray(.to, line, k)
        if to.isEmpty { throw FeedError(.outOfRange, "field \"to\": must name at least one addressee") }
        if let i = to.firstIndex(where: \.isEmpty) {
            throw FeedError(.outOfRange, "field \"to\": item \(i + 1) must not be empty")
        }
        let refs = try stringArray(.refs, line, k)
        for (i, r) in refs.enumerated() where !Self.isItemRef(r) {
            throw FeedError(.outOfRange, "field \"refs\": item \(i + 1) \"\(Sanitize.visible(r, limit: 40))\" "
                            + "is not kind:id (kind one of \(Kind.wireList), id 1–64 characters)")
        }
        if interning {
            var lists = NoticeLists.encode(to: to, refs: refs)
            s.t3 = lists.withUTF8 { Self.keep(UnsafeRawBufferPointer($0), in: table, free: true, arena: freeArena) }
        } else {
            s.t3 = TextID(raw: 1)
        }
        s.t4 = try requiredText(.body, line, k, free: true)
        guard scanner.has(.due) else { throw FeedError.missing("due", for: k) }
        if scanner.spans[Field.due.rawValue].type != .null {
            let due = try timestamp(.due, line, k)
            s.priority = 1
            s.dueExact = due.exact
            s.dueOffsetMinutes = due.offsetMinutes
        }
        let status = try requiredEnum(.status, line, k) as NoticeStatus
        s.status = status.rawValue
        s.t5 = try optionalText(.reply, line, free: true)
        s.t6 = try optionalText(.repliedBy, line)
        if status == .replied {
            if s.t5.isNone { throw FeedError(.missingField, "missing field \"reply\" (required once status is replied)") }
            if s.t6.isNone { throw FeedError(.missingField, "missing field \"replied_by\" (required once status is replied)") }
        }
    }

    /// `kind:id`, with a known kind and an id of 1–64 characters.
    static func isItemRef(_ r: String) -> Bool {
        guard let colon = r.firstIndex(of: ":"), Kind(wire: String(r[..<colon])) != nil else { return false }
        let id = r[r.index(after: colon)...]
        return !id.isEmpty && id.unicodeScalars.count <= 64
    }

    /// A required array of strings (may be empty), unescaped.
    private mutating func stringArray(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws(FeedError) -> [String] {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .array, "an array of strings")
        var i = 0
        do throws(NoticeLists.NotAString) {
            return try NoticeLists.strings(bytes(scanner.spans[f.rawValue], line), &i)
        } catch {
            throw FeedError(.wrongType, "field \"\(f.name)\": item \(error.place) expected a string, got \(error.type.rawValue)")
        }
    }

    /// The optional `satisfied` of an event: 1 true, 0 false, `noOutcome` null.
    @inline(never)
    private func satisfiedField() throws(FeedError) -> UInt8 {
        switch scanner.spans[Field.satisfied.rawValue].type {
        case .true: return 1
        case .false: return 0
        case .null: return CompactSnapshot.noOutcome
        case let got: throw FeedError.type("satisfied", want: "true, false or null", got: got)
        }
    }

    /// The raw bytes of a span (escapes not undone).
    @inline(__always)
    private func bytes(_ span: JSONScanner.Span, _ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: line.baseAddress! + Int(span.start), count: Int(span.end - span.start))
    }

    @inline(__always)
    private func checkType(_ f: Field, _ type: JSONValueType, _ want: StaticString) throws(FeedError) {
        let got = scanner.spans[f.rawValue].type
        if got != type { throw Self.wrongType(f, want, got) }
    }

    /// A text to keep: interned (names that repeat) or free (notes, details,
    /// ids of other items). Escaped strings are undone in a scratch buffer.
    @inline(__always)
    private mutating func keep(_ span: JSONScanner.Span, _ line: UnsafeRawBufferPointer, free: Bool) -> TextID {
        guard interning else { return TextID(raw: 1) }
        if span.escaped { return keepEscaped(bytes(span, line), free: free) }
        return Self.keep(bytes(span, line), in: table, free: free, arena: freeArena)
    }

    /// The one place the table is used without reference counting (a
    /// retain and release on every text of every line otherwise): safe
    /// because `texts`, or `unusedTable`, holds it for the parser's life.
    @inline(__always)
    private static func keep(_ b: UnsafeRawBufferPointer, in table: Unmanaged<TextTable>, free: Bool,
                             arena: Unmanaged<FreeTextArena>? = nil) -> TextID {
        if free, let arena { return TextID(raw: TextTable.freeBit | arena._withUnsafeGuaranteedRef { $0.append(b) }) }
        return table._withUnsafeGuaranteedRef { free ? $0.store(b) : $0.intern(b) }
    }

    @inline(never)
    private mutating func keepEscaped(_ raw: UnsafeRawBufferPointer, free: Bool) -> TextID {
        scratch.removeAll(keepingCapacity: true)
        StringDecoder.unescape(raw, into: &scratch)
        let table = self.table, arena = freeArena
        return scratch.withUnsafeBytes { Self.keep($0, in: table, free: free, arena: arena) }
    }

    @inline(__always)
    private mutating func requiredText(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind, free: Bool = false) throws(FeedError) -> TextID {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "a string")
        let span = scanner.spans[f.rawValue]
        // Escapes only shorten a string, never empty a non-empty one.
        guard span.end > span.start else { throw Self.empty(f) }
        return keep(span, line, free: free)
    }

    /// An optional text: interned when it is a name that repeats, stored as
    /// free text otherwise (notes, details, ids of other items).
    @inline(__always)
    private mutating func optionalText(_ f: Field, _ line: UnsafeRawBufferPointer, free: Bool = false) throws(FeedError) -> TextID {
        guard scanner.has(f) else { return .none }
        let span = scanner.spans[f.rawValue]
        if span.type == .null { return .none }
        if span.type != .string { throw Self.wrongType(f, "a string or null", span.type) }
        return keep(span, line, free: free)
    }

    private mutating func alertType(_ line: UnsafeRawBufferPointer) throws(FeedError) -> TextID {
        guard scanner.has(.type) else { throw FeedError.missing("type", for: .alert) }
        try checkType(.type, .string, "a string")
        let span = scanner.spans[Field.type.rawValue]
        let table = interning ? self.table : nil
        if !span.escaped { return try Self.alertType(bytes(span, line), table).get() }
        scratch.removeAll(keepingCapacity: true)
        StringDecoder.unescape(bytes(span, line), into: &scratch)
        return try scratch.withUnsafeBytes { Self.alertType($0, table) }.get()
    }

    /// An alert type is a name of a–z, 0–9 and _ (upstream's or a rule's),
    /// interned into `table` (none: validating only).
    private static func alertType(_ name: UnsafeRawBufferPointer, _ table: Unmanaged<TextTable>?) -> Result<TextID, FeedError> {
        guard name.count > 0, name.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) })
        else { return .failure(unknownAlertType(name)) }
        return .success(table.map { keep(name, in: $0, free: false) } ?? TextID(raw: 1))
    }

    @inline(never)
    private static func unknownAlertType(_ name: UnsafeRawBufferPointer) -> FeedError {
        let shown = Sanitize.visible(String(decoding: name, as: UTF8.self), limit: 40)
        return FeedError(.unknownValue, "field \"type\": unknown value \"\(shown)\" "
                         + "(want risk_notice, supervision, bulletin, or a rule name of a–z, 0–9 and _)")
    }

    @inline(__always)
    private mutating func requiredEnum<E: WireEnum>(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind?) throws(FeedError) -> E {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        guard let e: E = try optionalEnum(f, line) else { throw FeedError.type(f.name, want: "a string", got: .null) }
        return e
    }

    @inline(__always)
    private mutating func optionalEnum<E: WireEnum>(_ f: Field, _ line: UnsafeRawBufferPointer) throws(FeedError) -> E? {
        guard scanner.has(f) else { return nil }
        let span = scanner.spans[f.rawValue]
        if span.type == .null { return nil }
        if span.type != .string { throw Self.wrongType(f, "a string", span.type) }
        if !span.escaped, let e = match(E.self, bytes(span, line)) { return e }
        return try escapedEnum(f, span, line)
    }

    /// An enum value that is escaped or unknown: undone and matched again,
    /// or refused naming the field and the allowed values.
    @inline(never)
    private mutating func escapedEnum<E: WireEnum>(_ f: Field, _ span: JSONScanner.Span,
                                                   _ line: UnsafeRawBufferPointer) throws(FeedError) -> E {
        scratch.removeAll(keepingCapacity: true)
        if span.escaped { StringDecoder.unescape(bytes(span, line), into: &scratch) } else { scratch.append(contentsOf: bytes(span, line)) }
        let wire = self.wire
        if let e = scratch.withUnsafeBytes({ Self.match(E.self, $0, in: wire) }) { return e }
        let shown = String(decoding: scratch, as: UTF8.self)
        if f == .kind {
            throw FeedError(.unknownValue, "unknown kind \"\(Sanitize.visible(shown, limit: 40))\" (want \(Kind.wireList))")
        }
        throw FeedError.unknown(f.name, shown, E.self)
    }

    @inline(__always)
    private mutating func timestamp(_ f: Field, _ line: UnsafeRawBufferPointer, _ k: Kind) throws(FeedError) -> Timestamp.Parsed {
        guard scanner.has(f) else { throw FeedError.missing(f.name, for: k) }
        try checkType(f, .string, "an RFC 3339 timestamp string")
        let span = scanner.spans[f.rawValue]
        let result: Result<Timestamp.Parsed, TimestampError>
        if span.escaped {
            scratch.removeAll(keepingCapacity: true)
            StringDecoder.unescape(bytes(span, line), into: &scratch)
            var cache = dayCache
            result = scratch.withUnsafeBytes { Timestamp.parse($0, days: &cache) }
            dayCache = cache
        } else {
            result = Timestamp.parse(bytes(span, line), days: &dayCache)
        }
        switch result {
        case .success(let t): return t
        case .failure(let e): throw Self.badTimestamp(f, e)
        }
    }

    @inline(__always)
    private func priorityField(_ line: UnsafeRawBufferPointer) throws(FeedError) -> UInt8 {
        guard scanner.has(.priority) else { throw FeedError.missing("priority", for: .event) }
        let span = scanner.spans[Field.priority.rawValue]
        if span.type == .number && span.integer && span.end - span.start == 1 {
            let d = line[Int(span.start)]
            if d >= 0x31 && d <= 0x34 { return d - 0x30 }
        }
        throw Self.badPriority(span, line)
    }

    // Errors, made out of line so the hot path stays small.

    @inline(never)
    private static func wrongType(_ f: Field, _ want: StaticString, _ got: JSONValueType) -> FeedError {
        FeedError.type(f.name, want: want.description, got: got)
    }

    @inline(never)
    private static func empty(_ f: Field) -> FeedError {
        FeedError(.outOfRange, "field \"\(f.name)\": must not be empty")
    }

    @inline(never)
    private static func idLength(_ chars: Int) -> FeedError {
        FeedError(.outOfRange, "field \"id\": length \(chars) out of range 1–64 characters")
    }

    @inline(never)
    private static func badTimestamp(_ f: Field, _ e: TimestampError) -> FeedError {
        FeedError(.badTimestamp, "field \"\(f.name)\": \(e)")
    }

    @inline(never)
    private static func badPriority(_ span: JSONScanner.Span, _ line: UnsafeRawBufferPointer) -> FeedError {
        guard span.type == .number, span.integer else {
            return FeedError(.wrongType, "field \"priority\": expected an integer 1–4, got "
                             + (span.type == .number ? "a non-integer number" : span.type.rawValue))
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[Int(span.start)..<Int(span.end)]), as: UTF8.self)
        return FeedError(.outOfRange, "field \"priority\": \(text.prefix(24)) out of range 1–4")
    }
}
