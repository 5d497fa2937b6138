@testable import DutyCore

/// An independent reading of the feed format, for the fuzz test: its own
/// tokenizer (a plain recursive-descent JSON reader that decodes every
/// string, keeps how numbers were written and sees every duplicate key),
/// its own UTF-8 decoder, its own RFC 3339 reader and calendar, and the
/// schema of the README's feed-format section written out field by field.
/// Slow and simple on purpose: nothing here is shared with the parser.
enum FeedReference {
    /// A decoded field, in a form both readings can be put into.
    enum Val: Equatable, CustomStringConvertible {
        case text([UInt8])
        case word(String)
        case int(Int)
        /// Microseconds since the epoch and the offset in minutes.
        case time(Int64, Int)
        case none

        var description: String {
            switch self {
            case .text(let b): "text(\(String(decoding: b, as: UTF8.self).debugDescription))"
            case .word(let w): "word(\(w))"
            case .int(let i): "int(\(i))"
            case .time(let t, let o): "time(\(t), \(o))"
            case .none: "none"
            }
        }
    }

    enum Outcome {
        case accept([String: Val])
        case reject(String)
    }

    struct Refused: Error { let why: String; init(_ why: String) { self.why = why } }

    /// A top-level value: strings decoded, numbers as written, containers only validated.
    enum JSON {
        case string([UInt8])
        case number([UInt8])
        case literal(String)
        case container
    }

    static let maxLine = 1 << 20

    static func check(_ line: [UInt8]) -> Outcome {
        guard line.count <= maxLine else { return .reject("too long") }
        do {
            let fields = try line.withUnsafeBufferPointer { b -> [([UInt8], JSON)] in
                var r = Reader(b: b)
                return try r.record()
            }
            return .accept(try schema(fields))
        } catch let e as Refused {
            return .reject(e.why)
        } catch {
            return .reject("\(error)")
        }
    }

    // MARK: - Tokenizer

    struct Reader {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        var atEnd: Bool { i >= b.count }

        mutating func skipSpace() {
            while i < b.count {
                let c = b[i]
                guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
                i += 1
            }
        }

        mutating func record() throws -> [([UInt8], JSON)] {
            skipSpace()
            guard !atEnd, b[i] == UInt8(ascii: "{") else { throw Refused("not an object") }
            i += 1
            var pairs: [([UInt8], JSON)] = []
            skipSpace()
            if !atEnd, b[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard !atEnd, b[i] == UInt8(ascii: "\"") else { throw Refused("key expected") }
                    let key = try string()
                    skipSpace()
                    guard !atEnd, b[i] == UInt8(ascii: ":") else { throw Refused("colon expected") }
                    i += 1
                    let v = try value(depth: 1)
                    if pairs.contains(where: { $0.0 == key }) { throw Refused("duplicate key") }
                    pairs.append((key, v))
                    skipSpace()
                    guard !atEnd else { throw Refused("unterminated object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; break }
                    throw Refused("comma or brace expected")
                }
            }
            skipSpace()
            guard atEnd else { throw Refused("trailing bytes") }
            return pairs
        }

        mutating func value(depth: Int) throws -> JSON {
            skipSpace()
            guard !atEnd else { throw Refused("value expected") }
            switch b[i] {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if !atEnd, b[i] == UInt8(ascii: "}") { i += 1; return .container }
                while true {
                    skipSpace()
                    guard !atEnd, b[i] == UInt8(ascii: "\"") else { throw Refused("key expected") }
                    _ = try string()   // nested objects may repeat keys: the format only forbids it at the top
                    skipSpace()
                    guard !atEnd, b[i] == UInt8(ascii: ":") else { throw Refused("colon expected") }
                    i += 1
                    _ = try value(depth: depth + 1)
                    skipSpace()
                    guard !atEnd else { throw Refused("unterminated object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .container }
                    throw Refused("comma or brace expected")
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if !atEnd, b[i] == UInt8(ascii: "]") { i += 1; return .container }
                while true {
                    _ = try value(depth: depth + 1)
                    skipSpace()
                    guard !atEnd else { throw Refused("unterminated array") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .container }
                    throw Refused("comma or bracket expected")
                }
            default:
                if matches("true") { i += 4; return .literal("true") }
                if matches("false") { i += 5; return .literal("false") }
                if matches("null") { i += 4; return .literal("null") }
                throw Refused("unexpected byte")
            }
        }

        func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard b.count - i >= n else { return false }
            for k in 0..<n where b[i + k] != word.utf8Start[k] { return false }
            return true
        }

        /// -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?, returned as written.
        mutating func number() throws -> [UInt8] {
            let start = i
            func isDigit() -> Bool { i < b.count && b[i] >= 0x30 && b[i] <= 0x39 }
            if b[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit() else { throw Refused("bad number") }
            if b[i] == UInt8(ascii: "0") { i += 1 } else { while isDigit() { i += 1 } }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit() else { throw Refused("bad fraction") }
                while isDigit() { i += 1 }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard isDigit() else { throw Refused("bad exponent") }
                while isDigit() { i += 1 }
            }
            // A digit right after a number (as in 01) is not a separator: the caller refuses it.
            return Array(b[start..<i])
        }

        /// A string at its opening quote, decoded to UTF-8 bytes.
        mutating func string() throws -> [UInt8] {
            i += 1
            var out: [UInt8] = []
            out.reserveCapacity(32)
            while true {
                guard i < b.count else { throw Refused("unterminated string") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return out }
                if c < 0x20 { throw Refused("control byte in string") }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < b.count else { throw Refused("unterminated escape") }
                    let e = b[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var cp = try hex4()
                        if cp >= 0xDC00 && cp <= 0xDFFF { throw Refused("lone low surrogate") }
                        if cp >= 0xD800 && cp <= 0xDBFF {
                            guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                                throw Refused("lone high surrogate")
                            }
                            i += 2
                            let lo = try hex4()
                            guard lo >= 0xDC00 && lo <= 0xDFFF else { throw Refused("lone high surrogate") }
                            cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
                        }
                        encode(cp, into: &out)
                    default: throw Refused("bad escape")
                    }
                    continue
                }
                if c < 0x80 { out.append(c); i += 1; continue }
                // A multi-byte character: decode it to its code point and check that.
                let need: Int, lead: UInt32
                if c & 0xE0 == 0xC0 { need = 1; lead = UInt32(c & 0x1F) }
                else if c & 0xF0 == 0xE0 { need = 2; lead = UInt32(c & 0x0F) }
                else if c & 0xF8 == 0xF0 { need = 3; lead = UInt32(c & 0x07) }
                else { throw Refused("bad UTF-8 lead") }
                guard i + need < b.count else { throw Refused("cut UTF-8") }
                var cp = lead
                for k in 1...need {
                    let t = b[i + k]
                    guard t & 0xC0 == 0x80 else { throw Refused("bad UTF-8 continuation") }
                    cp = cp << 6 | UInt32(t & 0x3F)
                }
                let smallest: UInt32 = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000
                guard cp >= smallest, cp <= 0x10FFFF, !(cp >= 0xD800 && cp <= 0xDFFF) else { throw Refused("bad UTF-8 value") }
                out.append(contentsOf: b[i...(i + need)])
                i += need + 1
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= b.count else { throw Refused("short \\u") }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = b[i + k]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if c >= 0x61 && c <= 0x66 { d = UInt32(c - 0x61 + 10) }
                else if c >= 0x41 && c <= 0x46 { d = UInt32(c - 0x41 + 10) }
                else { throw Refused("bad hex") }
                v = v * 16 + d
            }
            i += 4
            return v
        }

        func encode(_ cp: UInt32, into out: inout [UInt8]) {
            if cp < 0x80 { out.append(UInt8(cp)); return }
            if cp < 0x800 { out += [UInt8(0xC0 + cp / 64), UInt8(0x80 + cp % 64)]; return }
            if cp < 0x10000 { out += [UInt8(0xE0 + cp / 4096), UInt8(0x80 + cp / 64 % 64), UInt8(0x80 + cp % 64)]; return }
            out += [UInt8(0xF0 + cp / 262_144), UInt8(0x80 + cp / 4096 % 64), UInt8(0x80 + cp / 64 % 64), UInt8(0x80 + cp % 64)]
        }
    }

    // MARK: - Schema

    static let kinds = ["event", "task", "mediation", "alert", "notice"]
    static let enums: [String: [String]] = [
        "event.source": ["grid", "public", "hotline", "sensor", "upper", "referral", "petition"],
        "event.status": ["open", "self_resolved", "dispatched", "closed", "cancelled"],
        "task.type": ["joint", "inspection", "empowered", "campaign", "referral", "general"],
        "task.status": ["dispatched", "signed", "on_site", "feedback", "done", "returned"],
        "task.outcome": ["rectified", "penalty", "no_penalty", "transferred", "no_issue"],
        "mediation.tier": ["village", "town", "district"],
        "mediation.status": ["accepted", "mediating", "resolved", "escalated", "referred", "failed"],
        "alert.level": ["info", "warning", "critical"],
        "alert.status": ["open", "acked", "resolved"],
        "notice.type": ["risk_notice", "supervision", "bulletin"],
        "notice.status": ["issued", "replied", "closed", "withdrawn"],
    ]

    /// What each kind requires and allows, by the README.
    /// `list`: a notice's `to`/`refs`, only checked to be an array here (this
    /// reader keeps no container values; NoticeRecordTests checks their items);
    /// `nullableTime`: a notice's `due`; `optionalBool`: an event's `satisfied`.
    enum Rule { case text, optionalText, nullableText, word(String), optionalWord(String), priority, time, alertType,
                    list, nullableTime, optionalBool }
    static let rules: [String: [(String, Rule)]] = [
        "event": [("town", .text), ("grid", .text), ("domain", .text), ("priority", .priority),
                  ("source", .word("event.source")), ("title", .text), ("status", .word("event.status")),
                  ("detail", .optionalText), ("reporter", .optionalText), ("satisfied", .optionalBool)],
        "task": [("event", .nullableText), ("type", .word("task.type")), ("unit", .text), ("town", .text),
                 ("due", .time), ("status", .word("task.status")), ("outcome", .optionalWord("task.outcome")),
                 ("reason", .optionalText)],
        "mediation": [("town", .text), ("category", .text), ("tier", .word("mediation.tier")),
                      ("status", .word("mediation.status")), ("village", .optionalText)],
        "alert": [("level", .word("alert.level")), ("type", .alertType), ("title", .text),
                  ("status", .word("alert.status")), ("ref", .optionalText)],
        "notice": [("type", .word("notice.type")), ("number", .text), ("title", .text), ("to", .list), ("refs", .list),
                   ("body", .text), ("due", .nullableTime), ("status", .word("notice.status")),
                   ("reply", .optionalText), ("replied_by", .optionalText)],
    ]

    static func schema(_ pairs: [([UInt8], JSON)]) throws -> [String: Val] {
        var byName: [String: JSON] = [:]
        for (k, v) in pairs { byName[String(decoding: k, as: UTF8.self)] = v }
        func string(_ name: String) throws -> [UInt8] {
            guard let v = byName[name] else { throw Refused("missing \(name)") }
            guard case .string(let s) = v else { throw Refused("\(name) not a string") }
            return s
        }
        var out: [String: Val] = [:]
        let kind = String(decoding: try string("kind"), as: UTF8.self)
        guard kinds.contains(kind) else { throw Refused("unknown kind") }
        out["kind"] = .word(kind)
        let id = try string("id")
        let chars = id.filter { $0 & 0xC0 != 0x80 }.count
        guard chars >= 1 && chars <= 64 else { throw Refused("id length") }
        out["id"] = .text(id)
        guard let ts = timestamp(try string("ts")) else { throw Refused("bad ts") }
        out["ts"] = .time(ts.exact, ts.offset)
        for name in ["by", "note"] { out[name] = try optional(byName[name], name) }
        for (name, rule) in rules[kind]! {
            let v = byName[name]
            switch rule {
            case .text:
                let s = try string(name)
                guard !s.isEmpty else { throw Refused("\(name) empty") }
                out[name] = .text(s)
            case .optionalText:
                out[name] = try optional(v, name)
            case .nullableText:
                guard v != nil else { throw Refused("missing \(name)") }
                out[name] = try optional(v, name)
            case .word(let e):
                let s = String(decoding: try string(name), as: UTF8.self)
                guard enums[e]!.contains(s) else { throw Refused("\(name) unknown value") }
                out[name] = .word(s)
            case .optionalWord(let e):
                switch v {
                case nil, .literal("null")?: out[name] = Val.none
                case .string(let b)?:
                    let s = String(decoding: b, as: UTF8.self)
                    guard enums[e]!.contains(s) else { throw Refused("\(name) unknown value") }
                    out[name] = .word(s)
                default: throw Refused("\(name) not a string")
                }
            case .priority:
                guard let v else { throw Refused("missing priority") }
                guard case .number(let n) = v, n.count == 1, n[0] >= UInt8(ascii: "1"), n[0] <= UInt8(ascii: "4") else {
                    throw Refused("bad priority")
                }
                out[name] = .int(Int(n[0]) - 0x30)
            case .time:
                guard let t = timestamp(try string(name)) else { throw Refused("bad \(name)") }
                out[name] = .time(t.exact, t.offset)
            case .alertType:
                let s = try string(name)
                let allowed = Array("abcdefghijklmnopqrstuvwxyz0123456789_".utf8)
                guard !s.isEmpty, s.allSatisfy({ allowed.contains($0) }) else { throw Refused("bad alert type") }
                out[name] = .text(s)
            case .list:
                guard case .container? = v else { throw Refused("\(name) not an array") }
            case .nullableTime:
                guard let v else { throw Refused("missing \(name)") }
                if case .literal("null") = v { out[name] = Val.none; continue }
                guard let t = timestamp(try string(name)) else { throw Refused("bad \(name)") }
                out[name] = .time(t.exact, t.offset)
            case .optionalBool:
                switch v {
                case nil, .literal("null")?: out[name] = Val.none
                case .literal("true")?: out[name] = .int(1)
                case .literal("false")?: out[name] = .int(0)
                default: throw Refused("\(name) not a boolean")
                }
            }
        }
        if kind == "notice", out["status"] == .word("replied"), out["reply"] == Val.none || out["replied_by"] == Val.none {
            throw Refused("reply required")
        }
        return out
    }

    static func optional(_ v: JSON?, _ name: String) throws -> Val {
        switch v {
        case nil, .literal("null")?: return Val.none
        case .string(let s)?: return .text(s)
        default: throw Refused("\(name) not a string or null")
        }
    }

    // MARK: - Timestamps

    /// YYYY-MM-DD(T|t)HH:MM:SS[.digits](Z|z|±HH:MM), calendar-checked.
    /// Microseconds kept (later digits dropped); second 60 is the minute's last microsecond.
    static func timestamp(_ s: [UInt8]) -> (exact: Int64, offset: Int)? {
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard s[k] >= 0x30 && s[k] <= 0x39 else { return nil }
                v = v * 10 + Int(s[k] - 0x30)
            }
            return v
        }
        func at(_ k: Int, _ c: Character) -> Bool { k < s.count && s[k] == c.asciiValue! }
        guard let year = digits(0, 4), at(4, "-"), let month = digits(5, 2), at(7, "-"), let day = digits(8, 2),
              at(10, "T") || at(10, "t"), let hour = digits(11, 2), at(13, ":"), let minute = digits(14, 2),
              at(16, ":"), var second = digits(17, 2)
        else { return nil }
        var k = 19
        var micros = 0
        if at(k, ".") {
            k += 1
            var n = 0
            while k < s.count, s[k] >= 0x30 && s[k] <= 0x39 {
                if n < 6 { micros = micros * 10 + Int(s[k] - 0x30) }
                n += 1; k += 1
            }
            guard n > 0 else { return nil }
            for _ in min(n, 6)..<6 { micros *= 10 }
        }
        var offset = 0
        if at(k, "Z") || at(k, "z") {
            k += 1
        } else if at(k, "+") || at(k, "-") {
            guard let oh = digits(k + 1, 2), at(k + 3, ":"), let om = digits(k + 4, 2), oh <= 23, om <= 59 else { return nil }
            offset = (oh * 60 + om) * (at(k, "-") ? -1 : 1)
            k += 6
        } else {
            return nil
        }
        guard k == s.count else { return nil }
        let monthDays = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), day >= 1, day <= monthDays[month - 1],
              hour <= 23, minute <= 59, second <= 60 else { return nil }
        if second == 60 { second = 59; micros = 999_999 }
        let dayOfYear = monthDays[..<(month - 1)].reduce(0, +) + day - 1
        let days = daysBefore(year + 400) - daysBefore(1970 + 400) + dayOfYear
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset * 60)
        return (seconds * 1_000_000 + Int64(micros), offset)
    }

    static func isLeap(_ y: Int) -> Bool { y % 400 == 0 || (y % 4 == 0 && y % 100 != 0) }

    /// Days from 1 January of year 0 to 1 January of year y (y ≥ 0), year 0 a leap year.
    static func daysBefore(_ y: Int) -> Int { 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 }

    // MARK: - The parser's reading, in the same form

    static func fields(of r: Record) -> [String: Val] {
        func text(_ s: String?) -> Val { s.map { .text(Array($0.utf8)) } ?? Val.none }
        let s = r.snapshot
        var out: [String: Val] = [
            "kind": .word(r.kind.wire), "id": .text(Array(r.id.utf8)),
            "ts": .time(s.exactTs, Int(s.offsetMinutes)), "by": text(s.by), "note": text(s.note),
        ]
        switch s.body {
        case .event(let e):
            out["town"] = text(e.town); out["grid"] = text(e.grid); out["domain"] = text(e.domain)
            out["priority"] = .int(Int(e.priority)); out["source"] = .word(e.source.wire)
            out["title"] = text(e.title); out["status"] = .word(e.status.wire)
            out["detail"] = text(e.detail); out["reporter"] = text(e.reporter)
            out["satisfied"] = e.satisfied.map { .int($0 ? 1 : 0) } ?? Val.none
        case .task(let t):
            out["event"] = text(t.event); out["type"] = .word(t.type.wire); out["unit"] = text(t.unit)
            out["town"] = text(t.town)
            out["due"] = .time(t.due * 1000 + Int64(t.dueMicros), Int(t.dueOffsetMinutes))
            out["status"] = .word(t.status.wire); out["outcome"] = t.outcome.map { .word($0.wire) } ?? Val.none
            out["reason"] = text(t.reason)
        case .mediation(let m):
            out["town"] = text(m.town); out["category"] = text(m.category); out["tier"] = .word(m.tier.wire)
            out["status"] = .word(m.status.wire); out["village"] = text(m.village)
        case .alert(let a):
            out["level"] = .word(a.level.wire); out["type"] = text(a.type); out["title"] = text(a.title)
            out["status"] = .word(a.status.wire); out["ref"] = text(a.ref)
        case .notice(let n):
            out["type"] = .word(n.type.wire); out["number"] = text(n.number); out["title"] = text(n.title)
            out["body"] = text(n.body); out["status"] = .word(n.status.wire)
            out["due"] = n.due.map { .time($0 * 1000 + Int64(n.dueMicros), Int(n.dueOffsetMinutes)) } ?? Val.none
            out["reply"] = text(n.reply); out["replied_by"] = text(n.repliedBy)
        }
        return out
    }
}
