/// The closed vocabularies of the feed format. Each enum's wire names are the
/// exact strings upstream systems write; its UInt8 raw value is an ordinal so that
/// aggregates can count into small arrays instead of dictionaries.
public protocol WireEnum: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == UInt8 {
    /// Wire names in case order (index == rawValue).
    static var wireNames: [String] { get }
    /// Key prefix in the label table, e.g. "event.status".
    static var labelKey: String { get }
    /// The names as (first 8 bytes, next 8 bytes, length), compared as words.
    static var wireWords: [WireWord] { get }
    /// This enum's place in `WireTable.enums` (the parser's match table).
    static var wireSlot: Int { get }
}

/// A wire name of at most 16 bytes held as two little-endian words, so that
/// matching feed bytes is two integer compares per candidate.
public struct WireWord: Sendable {
    let lo: UInt64
    let hi: UInt64
    let count: Int

    init(_ name: String) {
        let bytes = Array(name.utf8)
        precondition(bytes.count <= 16, "wire name longer than 16 bytes")
        count = bytes.count
        (lo, hi) = bytes.withUnsafeBytes { ByteHash.firstWords($0) }
    }

    /// Reads up to 16 bytes as two words (zero-padded); nil when longer.
    @inline(__always)
    static func words(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        b.count <= 16 ? ByteHash.firstWords(b) : nil
    }
}

extension WireEnum {
    /// The name written in feeds.
    public var wire: String { Self.wireNames[Int(rawValue)] }

    /// The label for the operator, from the one label table.
    public var label: Label { Labels.of(Self.labelKey, wire) }

    /// Parses a wire name; nil when unknown.
    public init?(wire: String) {
        guard let i = Self.wireNames.firstIndex(of: wire) else { return nil }
        self.init(rawValue: UInt8(i))
    }

    /// "a, b, c" for error messages.
    public static var wireList: String { wireNames.joined(separator: ", ") }

    /// Made from `wireNames` when `WireTable` is built, once at start-up;
    /// the parser's hot path reads the table, never this.
    public static var wireWords: [WireWord] { wireNames.map(WireWord.init) }
}

/// The kinds of item a feed carries: the four of the first format, and the
/// center's own documents (`notice`, 文书), added last so ordinals stay.
public enum Kind: UInt8, WireEnum {
    case event, task, mediation, alert, notice
    public static let wireNames = ["event", "task", "mediation", "alert", "notice"]
    public static let labelKey = "kind"
    public static var wireSlot: Int { 0 }
}
