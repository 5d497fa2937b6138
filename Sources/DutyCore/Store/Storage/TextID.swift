/// A symbol: a string held once in a `TextTable`. 0 means "absent", so an
/// optional text costs no more than a required one.
public struct TextID: Hashable, Sendable, Comparable {
    public let raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
    public static let none = TextID(raw: 0)
    public var isNone: Bool { raw == 0 }
    public static func < (a: TextID, b: TextID) -> Bool { a.raw < b.raw }
}
