/// The fields of the feed format, in one place. The scanner maps key bytes to
/// these so the decoder never compares strings.
public enum Field: Int, CaseIterable, Sendable {
    case kind, id, ts, by, note, town, grid, domain, priority, source, title, status, detail,
         reporter, event, type, unit, due, outcome, reason, category, tier, village, level, ref,
         console, number, to, refs, body, reply, repliedBy, satisfied

    public static let names: [String] = [
        "kind", "id", "ts", "by", "note", "town", "grid", "domain", "priority", "source", "title",
        "status", "detail", "reporter", "event", "type", "unit", "due", "outcome", "reason",
        "category", "tier", "village", "level", "ref", "console", "number", "to", "refs", "body",
        "reply", "replied_by", "satisfied",
    ]
    public var name: String { Self.names[rawValue] }

    /// Maps a key, read as up to 8 little-endian bytes, to a field. Every field
    /// name fits in 8 bytes and keys cannot contain NUL unescaped, so for a
    /// plain key the word alone identifies it; an escaped key may end in NUL
    /// bytes (`"kind\u0000"`), which the zero padding would hide, so
    /// `match(_:_:)` checks its length too. A test checks this table against `names`.
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
        case 0x7265626d756e: .number
        case 0x6f74: .to
        case 0x73666572: .refs
        case 0x79646f62: .body
        case 0x796c706572: .reply
        default: nil
        }
    }

    /// The fields whose names are longer than 8 bytes (`replied_by`,
    /// `satisfied`): matched off the hot path, only for keys of 9–10 bytes.
    @inline(never)
    static func matchLong(_ p: UnsafeRawPointer, _ len: Int) -> Field? {
        guard len == 9 || len == 10 else { return nil }
        let b = UnsafeRawBufferPointer(start: p, count: len)
        if len == 10 && b.elementsEqual("replied_by".utf8) { return .repliedBy }
        if len == 9 && b.elementsEqual("satisfied".utf8) { return .satisfied }
        return nil
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

    /// The field whose name is exactly the `len` bytes at `p` (which may hold
    /// NUL bytes: an unescaped key), or nil.
    static func match(_ p: UnsafeRawPointer, _ len: Int) -> Field? {
        if len > 8 { return matchLong(p, len) }
        guard let w = word(p, len, available: 0), let f = match(word: w) else { return nil }
        // No name has a NUL byte, so a name's word has its last byte, and no
        // later one, non-zero: trailing NULs make the key longer than that.
        return (64 - w.leadingZeroBitCount + 7) >> 3 == len ? f : nil
    }
}
