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

/// One entry of the quarantine: a refused line and where it was.
public struct QuarantinedLine: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// Byte offset of the line's start in the file.
    public var offset: Int64
    public var error: FeedError

    public init(file: String, line: Int, offset: Int64, error: FeedError) {
        self.file = file; self.line = line; self.offset = offset; self.error = error
    }

    /// `FILE:LINE: reason`, the format of `dutydesk check`.
    public var description: String { "\(Sanitize.path(file)):\(line): \(error.message)" }
}

/// The JSON type of a value, for "expected X, got Y" messages.
public enum JSONValueType: String, Sendable {
    case string, number, object, array, `true` = "true", `false` = "false", null
}

/// Makes text safe to show: control characters and escape sequences from
/// feeds become visible replacements, so nothing from a feed can drive the
/// terminal. Used for messages here and by every pane in the UI.
public enum Sanitize {
    public static func visible(_ s: String, limit: Int = Int.max) -> String {
        var out = ""
        var count = 0
        for scalar in s.unicodeScalars {
            if count >= limit { out += "…"; break }
            let v = scalar.value
            if v < 0x20 {
                out.unicodeScalars.append(Unicode.Scalar(0x2400 + v)!)   // ␀ … ␟
            } else if v == 0x7F {
                out += "␡"
            } else if (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                        || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                // C1 controls, line separators, bidi overrides: all able to
                // reorder or hide what follows on a terminal.
                out += "\u{FFFD}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// True when the string needs no replacement (the common case, checked fast).
    public static func isClean(_ s: String) -> Bool {
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 {
            return visible(s) == s
        }
        return true
    }
}
