/// Column widths from the table's width and its content: a pure function,
/// so every case can be tested as numbers or as drawn text.
///
/// The order of claims, as htop and lnav size their columns:
/// 1. every column gets its minimum; while even those do not fit, columns
///    are hidden by `hidePriority`;
/// 2. content columns grow to their widest visible cell (bounded by their
///    maximum), lowest `priority` first: a grid code, an id or a time is
///    whole before anything else grows;
/// 3. while a content column would still be cut, the next hideable column
///    is hidden to make room (a town cut to `岳…` says less than no town);
///    while a flexible one would be, columns that yield to it are hidden;
/// 4. flexible columns (a title, a unit) share what is left by weight, each
///    up to its own widest cell; what is left after that stays blank at the
///    table's right edge, so no column holds tens of empty cells;
/// 5. columns still left let content columns show their titles unabridged;
/// 6. when the minimums alone are too wide, the rightmost columns are cut.
public enum ColumnFit {
    /// The plan for `width`. `wanted[i]`: how wide column `i`'s content is
    /// (its widest visible cell and its shortest title, `wanted(_:rows:titles:)`);
    /// empty: nothing measured, content columns keep their minimum and
    /// flexible ones fill the width.
    /// `titles`: the full width of each column's title, when the header is
    /// shown: room nobody else wants lets a title be whole (`status`, not
    /// `stat.`).
    public static func plan(_ columns: [TableColumn], gap: Int, width: Int, wanted: [Int] = [],
                            titles: [Int] = []) -> TablePlan {
        var shown = Array(columns.indices)
        func needed(_ cols: [Int]) -> Int { cols.map { columns[$0].minimum }.reduce(0, +) + gap * max(0, cols.count - 1) }
        func victim() -> Int? {
            shown.filter { columns[$0].hidePriority != nil }
                .max { (columns[$0].hidePriority!, $0) < (columns[$1].hidePriority!, $1) }
        }
        while needed(shown) > width, let v = victim() { shown.removeAll { $0 == v } }
        var fitted = allocate(columns, shown: shown, gap: gap, width: width, wanted: wanted, titles: titles)
        while fitted.cut, let v = victim() {
            shown.removeAll { $0 == v }
            fitted = allocate(columns, shown: shown, gap: gap, width: width, wanted: wanted, titles: titles)
        }
        while fitted.titleCut, let v = shown.last(where: { columns[$0].yieldsToTitle }) {
            shown.removeAll { $0 == v }
            fitted = allocate(columns, shown: shown, gap: gap, width: width, wanted: wanted, titles: titles)
        }
        var widths = fitted.widths
        var extra = width - widths.reduce(0, +) - gap * max(0, widths.count - 1)
        // Too narrow even after hiding: take columns off the right.
        while extra < 0, let k = widths.indices.last {
            let take = min(widths[k], -extra)
            widths[k] -= take; extra += take
            if widths[k] == 0 {
                widths.removeLast(); shown.removeLast()
                if !widths.isEmpty { extra += gap }
            }
        }
        var offsets: [Int] = []
        var x = 0
        for w in widths { offsets.append(x); x += w + gap }
        return TablePlan(columns: shown, widths: widths, offsets: offsets)
    }

    /// Widths of the `shown` columns (steps 2, 4 and 5), whether a content
    /// column is left narrower than its content, and whether a flexible one is.
    static func allocate(_ columns: [TableColumn], shown: [Int], gap: Int, width: Int,
                         wanted: [Int], titles: [Int] = []) -> (widths: [Int], cut: Bool, titleCut: Bool) {
        var widths = shown.map { columns[$0].minimum }
        var extra = max(0, width - widths.reduce(0, +) - gap * max(0, shown.count - 1))
        func want(_ i: Int, _ lo: Int) -> Int { max(lo, i < wanted.count ? wanted[i] : lo) }
        // Content columns, by priority (ties left to right), up to what they hold.
        let content = shown.indices.compactMap { k -> (k: Int, priority: Int, want: Int)? in
            guard case .content(let lo, let hi, let priority) = columns[shown[k]].width else { return nil }
            return (k, priority, min(want(shown[k], lo), max(lo, hi)))
        }.sorted { ($0.priority, $0.k) < ($1.priority, $1.k) }
        var cut = false
        for c in content {
            let give = min(extra, c.want - widths[c.k])
            if give > 0 { widths[c.k] += give; extra -= give }
            if widths[c.k] < c.want { cut = true }
        }
        // Flexible columns share the rest by weight, each up to its content
        // when the rows were measured; a column whose content takes less
        // than its share gets just that, and the others share the rest.
        var flexible = shown.indices.compactMap { k -> (k: Int, weight: Int, cap: Int)? in
            guard case .flexible(let lo, let w) = columns[shown[k]].width else { return nil }
            return (k, max(1, w), wanted.isEmpty ? Int.max : want(shown[k], lo))
        }
        let capped = flexible
        while extra > 0, !flexible.isEmpty {
            let totalWeight = flexible.reduce(0) { $0 + $1.weight }
            if let full = flexible.firstIndex(where: { $0.cap - widths[$0.k] <= extra * $0.weight / totalWeight }) {
                let c = flexible.remove(at: full)
                let give = max(0, c.cap - widths[c.k])
                widths[c.k] += give; extra -= give
                continue
            }
            var given = 0
            for c in flexible {
                let share = extra * c.weight / totalWeight
                widths[c.k] += share; given += share
            }
            for c in flexible where given < extra { widths[c.k] += 1; given += 1 }
            extra = 0
        }
        // Room left over: content columns grow to show their full titles.
        for c in content where extra > 0 {
            let i = shown[c.k]
            guard i < titles.count, case .content(_, let hi, _) = columns[i].width else { continue }
            let give = min(extra, min(titles[i], hi) - widths[c.k])
            if give > 0 { widths[c.k] += give; extra -= give }
        }
        let titleCut = capped.contains { $0.cap != .max && widths[$0.k] < $0.cap }
        return (widths, cut, titleCut)
    }

    /// How wide each column's cells are, over `rows` only (the visible
    /// ones: a frame never measures the whole store), and its title in its
    /// shortest form when the header is shown; fixed columns: 0. No rows:
    /// `[]`, no measure.
    public static func wanted(_ columns: [TableColumn], rows: some Collection<TableRow>, titles: Bool) -> [Int] {
        guard !rows.isEmpty else { return [] }
        return columns.indices.map { i in
            if case .fixed = columns[i].width { return 0 }   // never resized: not measured
            var widest = titles ? Abbreviations.shortestWidth(columns[i].title) : 0
            for row in rows where i < row.cells.count {
                widest = max(widest, width(row.cells[i]))
            }
            return widest
        }
    }

    /// Display width, as `TextFit.width` gives it, without building glyphs
    /// for the text most cells hold: printable ASCII (ids, grid codes,
    /// times), CJK ideographs (U+4E00–U+9FFF: towns, titles, statuses) and
    /// fullwidth forms (U+FF01–U+FF3F: `：`, `（`). Anything else — an emoji,
    /// a combining mark, a control character — is measured the slow way.
    static func width(_ s: String) -> Int {
        DisplayWidth.simpleWidth(s) ?? TextFit.width(s)
    }
}
