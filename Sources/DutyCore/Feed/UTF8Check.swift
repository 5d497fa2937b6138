/// UTF-8 well-formedness per Unicode Table 3-7 (no overlongs, no surrogates).
enum UTF8Check {
    /// Validates one sequence at p[k] and moves past it; false if ill-formed.
    @inline(__always)
    static func sequence(_ p: UnsafeRawPointer, _ n: Int, _ k: inout Int) -> Bool {
        let c0 = p.load(fromByteOffset: k, as: UInt8.self)
        var len = 0
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        switch c0 {
        case 0xC2...0xDF: len = 2
        case 0xE0: len = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: len = 3
        case 0xED: len = 3; hi = 0x9F
        case 0xF0: len = 4; lo = 0x90
        case 0xF1...0xF3: len = 4
        case 0xF4: len = 4; hi = 0x8F
        default: return false
        }
        guard k + len <= n else { return false }
        let c1 = p.load(fromByteOffset: k + 1, as: UInt8.self)
        guard c1 >= lo && c1 <= hi else { return false }
        for j in 2..<len where p.load(fromByteOffset: k + j, as: UInt8.self) & 0xC0 != 0x80 { return false }
        k += len
        return true
    }

    static func bad(_ k: Int) -> FeedError {
        FeedError(.invalidUTF8, "invalid UTF-8 at byte \(k + 1)", column: k)
    }
}
