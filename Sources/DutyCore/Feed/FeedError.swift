/// Why one feed line was refused. The message names the field (or the byte
/// column for JSON syntax) so that whoever runs the upstream system can fix it.
public struct FeedError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Class: String, Sendable {
        case invalidJSON = "invalid JSON"
        case invalidUTF8 = "invalid UTF-8"
        case notObject = "not an object"
        case duplicateKey = "duplicate key"
        case missingField = "missing field"
        case wrongType = "wrong type"
        case unknownValue = "unknown value"
        case badTimestamp = "bad timestamp"
        case outOfRange = "out of range"
        case tooLong = "line too long"
    }

    public var errorClass: Class
    public var message: String
    /// Byte column within the line (0-based) where the problem was found, if known.
    public var column: Int?

    public init(_ errorClass: Class, _ message: String, column: Int? = nil) {
        self.errorClass = errorClass
        self.message = message
        self.column = column
    }

    public var description: String { message }

    static func json(_ what: String, at column: Int) -> FeedError {
        FeedError(.invalidJSON, "invalid JSON at byte \(column + 1): \(what)", column: column)
    }

    static func missing(_ field: String, for kind: Kind? = nil) -> FeedError {
        let suffix = kind.map { " (required for \($0.wire))" } ?? ""
        return FeedError(.missingField, "missing field \"\(field)\"" + suffix)
    }

    static func type(_ field: String, want: String, got: JSONValueType) -> FeedError {
        FeedError(.wrongType, "field \"\(field)\": expected \(want), got \(got.rawValue)")
    }

    static func unknown<E: WireEnum>(_ field: String, _ value: String, _: E.Type) -> FeedError {
        FeedError(.unknownValue,
                  "field \"\(field)\": unknown value \"\(Sanitize.visible(value, limit: 40))\" (want \(E.wireList))")
    }
}

/// The JSON type of a value, for "expected X, got Y" messages.
public enum JSONValueType: String, Sendable {
    case string, number, object, array, `true` = "true", `false` = "false", null
}
