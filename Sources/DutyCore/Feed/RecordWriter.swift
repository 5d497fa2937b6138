/// Writes records back in the feed format: one JSON object per line, keys in a
/// fixed order (kind, id, ts, the kind's fields, by, note) so that files are
/// diffable and the same record always gives the same bytes. The inverse of
/// `FeedParser`: every record written parses back equal to itself.
public enum RecordWriter {
    /// One record as a line, without the newline.
    public static func line(_ record: Record) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(320)
        append(record, to: &bytes, newline: false)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one record's UTF-8 bytes to `out`, then "\n" when `newline`.
    /// The generator and exporters write millions of records through one
    /// reused buffer, so this makes no intermediate String per record.
    public static func append(_ record: Record, to out: inout [UInt8], newline: Bool = true) {
        let s = record.snapshot
        raw("{\"kind\":", &out)
        string(record.kind.wire, &out)
        raw(",\"id\":", &out)
        string(record.id, &out)
        raw(",\"ts\":", &out)
        timestamp(s.ts, s.tsMicros, s.offsetMinutes, &out)
        switch s.body {
        case .event(let e):
            field("town", e.town, &out)
            field("grid", e.grid, &out)
            field("domain", e.domain, &out)
            raw(",\"priority\":", &out)
            decimal(e.priority, &out)
            field("source", e.source.wire, &out)
            field("title", e.title, &out)
            field("status", e.status.wire, &out)
            field("detail", e.detail, &out)
            field("reporter", e.reporter, &out)
            if let satisfied = e.satisfied { raw(satisfied ? ",\"satisfied\":true" : ",\"satisfied\":false", &out) }
        case .task(let t):
            // `event` is required by the format: null marks a task with no event.
            raw(",\"event\":", &out)
            if let event = t.event { string(event, &out) } else { raw("null", &out) }
            field("type", t.type.wire, &out)
            field("unit", t.unit, &out)
            field("town", t.town, &out)
            raw(",\"due\":", &out)
            timestamp(t.due, t.dueMicros, t.dueOffsetMinutes, &out)
            field("status", t.status.wire, &out)
            field("outcome", t.outcome?.wire, &out)
            field("reason", t.reason, &out)
        case .mediation(let m):
            field("town", m.town, &out)
            field("category", m.category, &out)
            field("tier", m.tier.wire, &out)
            field("status", m.status.wire, &out)
            field("village", m.village, &out)
        case .alert(let a):
            field("level", a.level.wire, &out)
            field("type", a.type, &out)
            field("title", a.title, &out)
            field("status", a.status.wire, &out)
            field("ref", a.ref, &out)
        case .notice(let n):
            field("type", n.type.wire, &out)
            field("number", n.number, &out)
            field("title", n.title, &out)
            raw(",\"to\":", &out)
            list(n.to, &out)
            raw(",\"refs\":", &out)
            list(n.refs, &out)
            field("body", n.body, &out)
            // `due` is required by the format: null marks a notice that asks no reply.
            raw(",\"due\":", &out)
            if let due = n.due { timestamp(due, n.dueMicros, n.dueOffsetMinutes, &out) } else { raw("null", &out) }
            field("status", n.status.wire, &out)
            field("reply", n.reply, &out)
            field("replied_by", n.repliedBy, &out)
        }
        field("by", s.by, &out)
        field("note", s.note, &out)
        out.append(UInt8(ascii: "}"))
        if newline { out.append(UInt8(ascii: "\n")) }
    }

    /// `,"key":"value"`; nothing when the value is nil (optional fields are omitted).
    @inline(__always)
    private static func field(_ key: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "\""))
        raw(key, &out)
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
        string(value, &out)
    }

    /// A JSON array of strings.
    private static func list(_ items: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            string(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A quoted RFC 3339 timestamp; its bytes never need escaping.
    @inline(__always)
    private static func timestamp(_ millis: Millis, _ micros: UInt16, _ offsetMinutes: Int16, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        Timestamp.append(millis, offsetMinutes: offsetMinutes, micros: micros, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func raw(_ s: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private static func decimal(_ v: UInt8, _ out: inout [UInt8]) {
        if v >= 100 { out.append(UInt8(ascii: "0") + v / 100) }
        if v >= 10 { out.append(UInt8(ascii: "0") + v / 10 % 10) }
        out.append(UInt8(ascii: "0") + v % 10)
    }

    /// A JSON string literal. Most values need no escape, so they are copied in
    /// one go; only a string with a quote, backslash or control byte is walked.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Bool? = s.utf8.withContiguousStorageIfAvailable { buf in
            for b in buf where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return false }
            out.append(contentsOf: buf)
            return true
        }
        if done != true {
            for b in s.utf8 { escaped(b, &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Escapes one byte. Non-ASCII bytes pass through: the feed is UTF-8.
    @inline(__always)
    private static func escaped(_ b: UInt8, _ out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0..<0x20, 0x7F:
            let hex: StaticString = "0123456789abcdef"
            raw("\\u00", &out)
            out.append(hex.utf8Start[Int(b >> 4)])
            out.append(hex.utf8Start[Int(b & 0xF)])
        default: out.append(b)
        }
    }
}
