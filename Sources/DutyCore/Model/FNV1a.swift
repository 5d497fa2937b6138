/// FNV-1a (64-bit) of text, written as 16 hex digits: the short stand-in for
/// a key too long to go whole into a derived id (`R-…`, `U-supervision-…`).
/// Ids must come out the same on every console, run and platform, which
/// Swift's per-process seeded `Hasher` does not give. Not for tables (see
/// `ByteHash`): byte at a time, for a few ids, never on the ingest's path.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of `text`'s UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 {
        var h = offsetBasis
        for b in text.utf8 { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    /// `hash(text)` as 16 lowercase hex digits, zero-filled.
    static func hex(_ text: String) -> String {
        let hex = String(hash(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
