import DutyCore
import TOMLKit

/// Why a theme could not be had. Every message names the file and, when it
/// is about a value, the key, so a typo in a theme is found at once.
public enum ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid TOML.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A key is unknown or its value is wrong.
    case invalid(file: String, key: String, message: String)
    /// No theme of that name in any place searched.
    case notFound(name: String, searched: [String])

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "theme file \(Sanitize.path(file)): cannot read: \(reason)"
        case .syntax(let file, let line, let column, let message):
            "theme file \(Sanitize.path(file)):\(line):\(column): invalid TOML: \(message)"
        case .invalid(let file, let key, let message):
            "theme file \(Sanitize.path(file)): key \"\(key)\": \(message)"
        case .notFound(let name, let searched):
            "theme \"\(name)\" not found (looked in: \(searched.joined(separator: ", ")))"
        }
    }
}

/// Reads a theme from TOML. The format, one inline table per role:
///
/// ```toml
/// name = "default"
/// description = "dark background"
/// background = { fg = "#d0d0d0", bg = "#1c1c1c" }
/// priority_1 = { fg = "#ff5f5f", attrs = ["bold"] }
/// ```
///
/// (`[priority_1]` tables work as well.) Keys are the `Role` raw values;
/// `fg`/`bg` take a `Color` (`#RRGGBB`, a name, `default`); `attrs` takes
/// `bold`, `dim`, `reverse`, `underline`. A role left out is the default
/// theme's; an unknown key, a bad colour or a value of the wrong type is an
/// error naming the key — never silently ignored.
public enum ThemeFile {
    /// Parses theme text; `file` is only used in error messages, and the
    /// theme is named after it when the text has no `name`.
    public static func parse(_ text: String, file: String, base: Theme = BuiltinThemes.dark) throws(ThemeError) -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw .syntax(file: file, line: e.source.begin.line, column: e.source.begin.column, message: e.description)
        } catch {
            throw .syntax(file: file, line: 0, column: 0, message: "\(error)")
        }
        var name = defaultName(for: file)
        var summary = ""
        var styles: [Role: RoleStyle] = [:]
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            switch key {
            case "name":
                name = try string(value, key: key, file: file)
            case "description":
                summary = try string(value, key: key, file: file)
            default:
                guard let role = Role(rawValue: key) else {
                    throw .invalid(file: file, key: key, message: "unknown key\(suggestion(for: key))")
                }
                styles[role] = try roleStyle(value, key: key, file: file)
            }
        }
        return Theme(name: name, summary: summary, styles: styles, base: base)
    }

    /// The theme written back as TOML in the shipped files' layout: what a
    /// user copies to start a theme of their own.
    public static func render(_ theme: Theme) -> String {
        var out = "name = \(quoted(theme.name))\n"
        if !theme.summary.isEmpty { out += "description = \(quoted(theme.summary))\n" }
        out += "\n"
        let width = Role.allCases.map(\.rawValue.count).max() ?? 0
        for role in Role.allCases {
            let st = theme[role]
            var parts: [String] = []
            if let fg = st.fg { parts.append("fg = \(quoted(fg.description))") }
            if let bg = st.bg { parts.append("bg = \(quoted(bg.description))") }
            let attrs = Attributes.names.filter { st.attributes.contains($0.1) }.map { quoted($0.0) }
            if !attrs.isEmpty { parts.append("attrs = [\(attrs.joined(separator: ", "))]") }
            let key = role.rawValue + String(repeating: " ", count: width - role.rawValue.count)
            out += parts.isEmpty ? "\(key) = {}\n" : "\(key) = { \(parts.joined(separator: ", ")) }\n"
        }
        return out
    }

    static func defaultName(for file: String) -> String {
        var base = Substring(file.split(separator: "/").last ?? Substring(file))
        if base.hasSuffix(".toml") { base = base.dropLast(5) }
        return String(base)
    }

    private static func roleStyle(_ value: TOMLValueConvertible, key: String, file: String) throws(ThemeError) -> RoleStyle {
        guard let t = value.table else {
            throw .invalid(file: file, key: key,
                           message: "expected a table such as { fg = \"#ff5f5f\", attrs = [\"bold\"] }, got \(value.type)")
        }
        var style = RoleStyle()
        for field in t.keys.sorted() {
            guard let v = t[field] else { continue }
            let path = key + "." + field
            switch field {
            case "fg": style.fg = try color(v, key: path, file: file)
            case "bg": style.bg = try color(v, key: path, file: file)
            case "attrs": style.attributes = try attributes(v, key: path, file: file)
            default:
                throw .invalid(file: file, key: path, message: "unknown field (want fg, bg or attrs)")
            }
        }
        return style
    }

    private static func color(_ value: TOMLValueConvertible, key: String, file: String) throws(ThemeError) -> Color {
        let text = try string(value, key: key, file: file)
        guard let c = Color(parsing: text) else {
            throw .invalid(file: file, key: key, message:
                "invalid colour \(quoted(text)) (want #RRGGBB, #RGB, default, colorN, or a name: \(Color.ansiNames.joined(separator: ", ")))")
        }
        return c
    }

    private static func attributes(_ value: TOMLValueConvertible, key: String, file: String) throws(ThemeError) -> Attributes {
        var names: [String] = []
        if let s = value.string {
            names = [s]
        } else if let a = value.array {
            for element in a {
                guard let s = element.string else {
                    throw .invalid(file: file, key: key, message: "expected attribute names as strings, got \(element.type)")
                }
                names.append(s)
            }
        } else {
            throw .invalid(file: file, key: key, message: "expected a list such as [\"bold\", \"underline\"], got \(value.type)")
        }
        var result: Attributes = []
        for n in names {
            guard let a = Attributes(name: n.trimmingSpaces.lowercased()) else {
                throw .invalid(file: file, key: key, message:
                    "unknown attribute \(quoted(n)) (want \(Attributes.names.map(\.0).joined(separator: ", ")))")
            }
            result.insert(a)
        }
        return result
    }

    private static func string(_ value: TOMLValueConvertible, key: String, file: String) throws(ThemeError) -> String {
        guard let s = value.string else { throw .invalid(file: file, key: key, message: "expected a string, got \(value.type)") }
        return s
    }

    /// " (did you mean priority_1?)" for a key a small edit away from a role.
    private static func suggestion(for key: String) -> String {
        let best = Role.allCases.map { ($0.rawValue, editDistance(key, $0.rawValue)) }.min { $0.1 < $1.1 }
        if let best, best.1 <= 3 { return " (did you mean \(best.0)?)" }
        return " (the role keys are listed in Themes/default.toml)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in 1...max(1, b.count) where !b.isEmpty {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = old
            }
        }
        return row[b.count]
    }

    private static func quoted(_ s: String) -> String {
        "\"" + s.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}
