/// Fits the header's second row — today's figures, then feed health — into
/// the screen's width: the figures keep their order and wording, the gaps
/// between parts narrow first, then parts with shorter forms (the feed part:
/// `数据源 3 文件 · 最近接入 10:29:59` → `数据源 3 · 10:29:59`) take them,
/// so that feed health stays visible at 120 columns in both languages.
/// Pure: tested with plain strings.
enum HeaderFit {
    /// Gaps tried between parts, widest first.
    static let gaps = [3, 2]

    /// The form of each part and the gap between parts that fit `width`
    /// columns. `parts[i]`: the forms of part i, longest first (at least
    /// one). Tries every gap with the full forms, then with each shorter
    /// level; when nothing fits, the shortest forms at the narrowest gap
    /// (the row is cut at the edge, figures first).
    static func fit(_ parts: [[String]], width: Int) -> (texts: [String], gap: Int) {
        let levels = parts.map(\.count).max() ?? 1
        var last: (texts: [String], gap: Int) = ([], gaps.last ?? 1)
        for level in 0..<max(1, levels) {
            let texts = parts.map { $0.isEmpty ? "" : $0[min(level, $0.count - 1)] }
            let widths = texts.reduce(0) { $0 + TextFit.width($1) }
            for gap in gaps {
                last = (texts, gap)
                if widths + gap * max(0, texts.count - 1) <= width { return last }
            }
        }
        return last
    }
}
