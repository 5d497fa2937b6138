extension String {
    /// Every occurrence of `target` replaced, Characters compared as Swift
    /// compares them. The one string-replace helper, so that DutyCore and
    /// DutyUI need no Foundation (`replacingOccurrences`) for a template's
    /// `{s}`, a file name's `:` or a TOML string's quotes.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
