/// RFC 3339 timestamps, parsed straight from feed bytes. Hand-written because
/// Foundation's formatters cost microseconds per call and the ingest parses
/// millions; the calendar is checked (no 2026-02-30) and a zone is required,
/// since a zone-less time is ambiguous across consoles.
///
/// Precision is the microsecond (PostgreSQL's `timestamptz`): an instant is
/// its milliseconds (`Millis`, the unit every aggregate counts in) and the
/// microseconds within that millisecond (0–999), kept beside it for the
/// decisions that need them exactly (ordering one item's snapshots,
/// duplicates, conflicts) and for writing a record back as it came.
/// Fractional digits past the sixth are accepted and truncated toward the
/// earlier microsecond (`.1234567` is `.123456`). A leap second (`:60`, which
/// RFC 3339 allows) is read as the last microsecond of its minute
/// (`23:59:60Z` and `23:59:60.5Z` are both `23:59:59.999999Z`), so it stays
/// within its minute and before the next one.
public enum Timestamp {
    public struct Parsed: Equatable, Sendable {
        public var millis: Millis
        public var offsetMinutes: Int16
        /// The microseconds within `millis`, 0–999.
        public var micros: UInt16 = 0

        public init(millis: Millis, offsetMinutes: Int16, micros: UInt16 = 0) {
            self.millis = millis; self.offsetMinutes = offsetMinutes; self.micros = micros
        }

        /// Microseconds since the epoch.
        public var exact: Int64 { millis &* 1000 &+ Int64(micros) }
    }

    /// Remembers the last date's ten bytes and its day number, and the last
    /// zone offset's six bytes and its minutes (a feed keeps one offset).
    public struct DayCache: Sendable {
        var dateWord: UInt64 = 0
        var dateTail: UInt16 = 0
        var days = 0
        /// "±HH:MM" as a little-endian word (never 0 when set), and its value.
        var zoneWord: UInt64 = 0
        var zoneMinutes = 0
        public init() {}
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`; the error says what is wrong.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Result<Parsed, TimestampError> {
        var cache = DayCache()
        return parse(b, days: &cache)
    }

    /// As `parse`, reusing the day number when the date is the one before.
    public static func parse(_ b: UnsafeRawBufferPointer, days cache: inout DayCache) -> Result<Parsed, TimestampError> {
        let n = b.count
        guard n >= 20 else { return .failure(n >= 19 ? .missingZone : .malformed) }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = b[i]
            return (c >= 0x30 && c <= 0x39) ? Int(c &- 0x30) : nil
        }
        @inline(__always) func num(_ i: Int, _ len: Int) -> Int? {
            var v = 0
            for k in i..<(i + len) { guard let d = digit(k) else { return nil }; v = v * 10 + d }
            return v
        }
        let dateWord = b.baseAddress!.loadUnaligned(as: UInt64.self)
        let dateTail = b.baseAddress!.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        let days: Int
        if cache.days != 0 && dateWord == cache.dateWord && dateTail == cache.dateTail {
            days = cache.days
        } else {
            guard let year = num(0, 4), b[4] == 0x2D, let month = num(5, 2), b[7] == 0x2D, let day = num(8, 2)
            else { return .failure(.malformed) }
            guard month >= 1 && month <= 12 else { return .failure(.outOfRange("month")) }
            guard day >= 1 && day <= daysIn(month: month, year: year) else { return .failure(.outOfRange("day")) }
            days = daysFromCivil(year: year, month: month, day: day)
            cache.dateWord = dateWord; cache.dateTail = dateTail; cache.days = days
        }
        guard b[10] == 0x54 || b[10] == 0x74 else { return .failure(.malformed) }
        // "HH:MM:SS" checked and read as one word: six digits, two colons.
        let hour: Int, minute: Int
        var second: Int
        let d = b.baseAddress!.loadUnaligned(fromByteOffset: 11, as: UInt64.self) ^ 0x3030_3A30_303A_3030
        if d & 0xF0F0_FFF0_F0FF_F0F0 == 0 && (d &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0 {
            @inline(__always) func at(_ i: Int) -> Int { Int(truncatingIfNeeded: (d >> UInt64(i * 8)) & 0xFF) }
            hour = at(0) * 10 + at(1)
            minute = at(3) * 10 + at(4)
            second = at(6) * 10 + at(7)
        } else {
            return .failure(.malformed)
        }
        guard hour <= 23 else { return .failure(.outOfRange("hour")) }
        guard minute <= 59 else { return .failure(.outOfRange("minute")) }
        guard second <= 60 else { return .failure(.outOfRange("second")) }
        var i = 19
        var millis = 0, micros = 0
        if b[i] == 0x2E {
            i += 1
            // Digits past the sixth are read (they must be digits) and dropped.
            var digits = 0
            while i < n, let d = digit(i) {
                if digits < 3 { millis = millis * 10 + d } else if digits < 6 { micros = micros * 10 + d }
                digits += 1; i += 1
            }
            guard digits > 0 else { return .failure(.malformed) }
            switch digits {
            case 1: millis *= 100
            case 2: millis *= 10
            case 4: micros *= 100
            case 5: micros *= 10
            default: break
            }
        }
        if second == 60 {
            // A leap second: the last microsecond of its minute.
            second = 59; millis = 999; micros = 999
        }
        guard i < n else { return .failure(.missingZone) }
        var offset = 0
        if b[i] == 0x5A || b[i] == 0x7A {
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            guard i + 6 == n else { return .failure(.malformed) }
            let zone = UInt64(b.baseAddress!.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                | UInt64(b.baseAddress!.loadUnaligned(fromByteOffset: i + 4, as: UInt16.self)) << 32
            if zone == cache.zoneWord {
                offset = cache.zoneMinutes
            } else {
                guard let oh = num(i + 1, 2), b[i + 3] == 0x3A, let om = num(i + 4, 2) else { return .failure(.malformed) }
                guard oh <= 23, om <= 59 else { return .failure(.outOfRange("offset")) }
                offset = (oh * 60 + om) * (b[i] == 0x2D ? -1 : 1)
                cache.zoneWord = zone; cache.zoneMinutes = offset
            }
            i += 6
        } else {
            return .failure(.missingZone)
        }
        guard i == n else { return .failure(.malformed) }
        let secs = days * TimeSpan.secondsPerDay + hour * TimeSpan.secondsPerHour + (minute - offset) * TimeSpan.secondsPerMinute + second
        return .success(Parsed(millis: Millis(secs) * TimeSpan.second + Millis(millis), offsetMinutes: Int16(offset),
                               micros: UInt16(truncatingIfNeeded: micros)))
    }

    public static func parse(_ s: String) -> Result<Parsed, TimestampError> {
        var s = s
        return s.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Formats as RFC 3339 in the given offset, with a fraction only when
    /// present: three digits for milliseconds, six when `micros` (0–999,
    /// within the millisecond) is not zero.
    public static func format(_ millis: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes, micros: UInt16 = 0) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        append(millis, offsetMinutes: offsetMinutes, micros: micros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends exactly the bytes of `format(millis, offsetMinutes:, micros:)` to `out`.
    /// The record writer formats two timestamps per record, millions of times;
    /// this writes them straight into its buffer instead of building Strings.
    public static func append(_ millis: Millis, offsetMinutes: Int16, micros: UInt16 = 0, to out: inout [UInt8]) {
        let local = millis + Millis(offsetMinutes) * TimeSpan.minute
        let ms = Int(((local % TimeSpan.second) + TimeSpan.second) % TimeSpan.second)
        let secsTotal = (local - Millis(ms)) / TimeSpan.second
        var days = Int(secsTotal / Millis(TimeSpan.secondsPerDay))
        var rem = Int(secsTotal % Millis(TimeSpan.secondsPerDay))
        if rem < 0 { rem += TimeSpan.secondsPerDay; days -= 1 }
        let (y, m, d) = civilFromDays(days)
        // At most 39 bytes: a 9-digit signed year (Millis spans ±292 million
        // years), "-MM-DDTHH:MM:SS.mmmuuu" and an offset of up to "+546:08".
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buf in
            let p = buf.baseAddress!
            var i = 0
            @inline(__always) func byte(_ b: UInt8) { p[i] = b; i += 1 }
            /// Two digits of 0...99.
            @inline(__always) func two(_ v: Int) {
                byte(0x30 &+ UInt8(truncatingIfNeeded: v / 10))
                byte(0x30 &+ UInt8(truncatingIfNeeded: v % 10))
            }
            /// As `pad(v, width)`: the decimal, sign included, left-filled with "0".
            func padded(_ v: Int, _ width: Int) {
                var digits = 1
                var t = v.magnitude
                while t >= 10 { t /= 10; digits += 1 }
                for _ in 0..<max(0, width - digits - (v < 0 ? 1 : 0)) { byte(0x30) }
                if v < 0 { byte(0x2D) }
                t = v.magnitude
                for k in stride(from: i + digits - 1, through: i, by: -1) {
                    p[k] = 0x30 &+ UInt8(truncatingIfNeeded: t % 10)
                    t /= 10
                }
                i += digits
            }
            if y >= 0 && y <= 9999 { two(y / 100); two(y % 100) } else { padded(y, 4) }
            byte(0x2D); two(m); byte(0x2D); two(d); byte(0x54)
            two(rem / TimeSpan.secondsPerHour); byte(0x3A); two(rem / TimeSpan.secondsPerMinute % 60); byte(0x3A)
            two(rem % TimeSpan.secondsPerMinute)
            if ms != 0 || micros != 0 { byte(0x2E); byte(0x30 &+ UInt8(truncatingIfNeeded: ms / 100)); two(ms % 100) }
            if micros != 0 {
                let us = Int(micros % 1000)
                byte(0x30 &+ UInt8(truncatingIfNeeded: us / 100)); two(us % 100)
            }
            if offsetMinutes == 0 {
                byte(0x5A)
            } else {
                let o = Int(offsetMinutes)
                byte(o < 0 ? 0x2D : 0x2B)
                if abs(o) / 60 < 100 { two(abs(o) / 60) } else { padded(abs(o) / 60, 2) }
                byte(0x3A); two(abs(o) % 60)
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p, count: i))
        }
    }

    /// Wall-clock fields of an instant in an offset: for display and for the
    /// generator's daily rhythm.
    public static func civil(_ millis: Millis, offsetMinutes: Int16 = LocalTime.offsetMinutes)
        -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int) {
        let local = millis + Millis(offsetMinutes) * TimeSpan.minute
        var days = Int(local / TimeSpan.day)
        var rem = Int(local % TimeSpan.day)
        if rem < 0 { rem += Int(TimeSpan.day); days -= 1 }
        let (y, m, d) = civilFromDays(days)
        let secs = rem / Int(TimeSpan.second)
        // 1970-01-01 was a Thursday; weekday 1 = Monday … 7 = Sunday.
        let weekday = ((days % 7 + 7) % 7 + 3) % 7 + 1
        return (y, m, d, secs / TimeSpan.secondsPerHour, secs / TimeSpan.secondsPerMinute % 60, secs % TimeSpan.secondsPerMinute, weekday)
    }

    public static func millis(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                              second: Int = 0, offsetMinutes: Int = Int(LocalTime.offsetMinutes)) -> Millis {
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = days * TimeSpan.secondsPerDay + hour * TimeSpan.secondsPerHour + (minute - offsetMinutes) * TimeSpan.secondsPerMinute + second
        return Millis(secs) * TimeSpan.second
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

public enum TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed
    case missingZone
    case outOfRange(String)

    public var description: String {
        switch self {
        case .malformed: "not an RFC 3339 timestamp (want 2026-11-28T09:15:02+08:00)"
        case .missingZone: "timestamp has no zone (add Z or an offset such as +08:00)"
        case .outOfRange(let part): "timestamp \(part) out of range"
        }
    }
}
