import DutyCore
import PostgresNIO

/// Writes values in COPY's text format straight from bytes: a row's fields
/// separated by tabs, backslash, tab, newline and carriage return escaped,
/// `\N` for NULL. No String is made per line.
struct CopyText {
    var buffer = ByteBuffer()

    init(capacity: Int) { buffer.reserveCapacity(capacity) }

    mutating func integer<T: BinaryInteger>(_ value: T) {
        if value == 0 { buffer.writeInteger(UInt8(ascii: "0")); return }
        var v = Int64(value), digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        if v < 0 { buffer.writeInteger(UInt8(ascii: "-")); v = -v }
        withUnsafeMutableBytes(of: &digits) { out in
            var i = out.count
            while v > 0 { i -= 1; out[i] = UInt8(48 + v % 10); v /= 10 }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: out[i...]))
        }
    }

    mutating func bytes(_ value: UnsafeRawBufferPointer) {
        var start = 0
        for i in 0..<value.count {
            let escaped: UInt8
            switch value[i] {
            case 0x5C: escaped = 0x5C
            case 0x09: escaped = UInt8(ascii: "t")
            case 0x0A: escaped = UInt8(ascii: "n")
            case 0x0D: escaped = UInt8(ascii: "r")
            default: continue
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: value[start..<i]))
            buffer.writeInteger(UInt8(0x5C))
            buffer.writeInteger(escaped)
            start = i + 1
        }
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: value[start...]))
    }

    mutating func text(_ value: String?) {
        guard var value else { buffer.writeStaticString(#"\N"#); return }
        value.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// An instant given in microseconds since 1970, as `timestamptz` input
    /// (RFC 3339 in UTC, the fraction only when there is one): the same
    /// value `to_timestamp(µs / 1e6)` gives, without a float.
    mutating func timestamp(exact micros: Int64) {
        let millis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
        var text: [UInt8] = []
        text.reserveCapacity(40)
        Timestamp.append(Millis(millis), offsetMinutes: 0, micros: UInt16(micros - millis * 1000), to: &text)
        text.withUnsafeBytes { buffer.writeBytes($0) }
    }

    mutating func tab() { buffer.writeInteger(UInt8(0x09)) }
    mutating func endRow() { buffer.writeInteger(UInt8(0x0A)) }

    /// The text of one value, for tests.
    static func escaped(_ value: String) -> String {
        var copy = CopyText(capacity: value.utf8.count + 8)
        copy.text(value)
        return copy.buffer.readString(length: copy.buffer.readableBytes) ?? ""
    }
}
