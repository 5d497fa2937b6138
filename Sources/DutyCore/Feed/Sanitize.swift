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
