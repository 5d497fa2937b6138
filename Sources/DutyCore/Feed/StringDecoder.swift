/// JSON string escapes: validation during the scan, decoding afterwards (only
/// for the few strings that have escapes; the rest are used as bytes directly).
enum StringDecoder {
    /// Validates the escape at b[k] (a backslash) and moves past it. Lone
    /// surrogates are refused: they cannot be held in a Swift String, and a
    /// silent U+FFFD would change what the upstream system sent.
    @inline(__always)
    static func checkEscape(_ b: UnsafeRawBufferPointer, _ k: inout Int) -> FeedError? {
        let n = b.count
        guard k + 1 < n else { return .json("unterminated escape", at: k) }
        switch b[k + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            k += 2
            return nil
        case UInt8(ascii: "u"):
            guard let u = hex4(b, k + 2) else { return .json("invalid \\u escape", at: k) }
            if u >= 0xDC00 && u <= 0xDFFF { return .json("lone low surrogate in \\u escape", at: k) }
            if u >= 0xD800 && u <= 0xDBFF {
                guard k + 12 <= n, b[k + 6] == UInt8(ascii: "\\"), b[k + 7] == UInt8(ascii: "u"),
                      let lo = hex4(b, k + 8), lo >= 0xDC00 && lo <= 0xDFFF
                else { return .json("lone high surrogate in \\u escape", at: k) }
                k += 12
                return nil
            }
            k += 6
            return nil
        default:
            return .json("invalid escape", at: k)
        }
    }

    @inline(__always)
    static func hex4(_ b: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for j in at..<(at + 4) {
            let c = b[j]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// Decodes the raw (already validated) content of a string into UTF-8 bytes.
    static func unescape(_ raw: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        let n = raw.count
        var i = 0
        while i < n {
            let c = raw[i]
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            switch e {
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            case UInt8(ascii: "u"):
                var u = hex4(raw, i + 2)!
                i += 6
                if u >= 0xD800 && u <= 0xDBFF {
                    let lo = hex4(raw, i + 2)!
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
                    i += 6
                }
                appendUTF8(u, &out)
            default: out.append(e); i += 2   // \" \\ \/
            }
        }
    }

    static func appendUTF8(_ u: UInt32, _ out: inout [UInt8]) {
        switch u {
        case 0..<0x80: out.append(UInt8(u))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (u >> 6))); out.append(UInt8(0x80 | (u & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (u >> 12))); out.append(UInt8(0x80 | ((u >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (u & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (u >> 18))); out.append(UInt8(0x80 | ((u >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((u >> 6) & 0x3F))); out.append(UInt8(0x80 | (u & 0x3F)))
        }
    }
}
