/// How wide a table column is.
public enum ColumnWidth: Equatable, Sendable {
    /// Exactly this many columns (a symbol, a priority).
    case fixed(Int)
    /// At least `min` columns, plus a share of what is left over in
    /// proportion to `weight` (titles, units: the text that can be cut).
    case flexible(min: Int, weight: Int)
    /// Sized from the rows shown, as htop and lnav size theirs: at least
    /// `min`, and as wide as its widest visible cell (or its title) up to
    /// `max` when the table has room. Columns of lower `priority` get their
    /// width first (grid codes, ids and times before towns), and all of them
    /// before a flexible column grows past its minimum.
    case content(min: Int, max: Int, priority: Int)

    /// A flexible column of weight 1 with room for at least `min` columns.
    public static func flexible(min: Int = 6) -> ColumnWidth { .flexible(min: min, weight: 1) }

    /// A fixed width wide enough for the widest of `texts` — e.g. every
    /// status label of the current language — computed from the vocabulary,
    /// never from the rows on screen, so columns do not shift when scrolling.
    public static func fitting(_ texts: [String], minimum: Int = 1, maximum: Int = .max) -> ColumnWidth {
        let widest = texts.map(TextFit.width).max() ?? 0
        return .fixed(Swift.min(maximum, Swift.max(minimum, widest)))
    }

    /// A content column that can reach the widest of `texts` (a vocabulary:
    /// every status label of the language) and is cut no narrower than `min`;
    /// a narrow column shows the label's abbreviation (`Abbreviations`).
    public static func content(_ texts: [String], min: Int, priority: Int) -> ColumnWidth {
        // Built for every frame: the fast measure (labels are ASCII or CJK).
        let widest = texts.map(ColumnFit.width).max() ?? min
        return .content(min: min, max: Swift.max(min, widest), priority: priority)
    }
}

/// One column of a table.
public struct TableColumn: Equatable, Sendable {
    public var title: String
    public var width: ColumnWidth
    public var alignment: Alignment
    /// When the table is too narrow for every column, columns are hidden
    /// highest value first (ties: the rightmost); nil is never hidden.
    public var hidePriority: Int?
    /// Hidden rather than cut the table's flexible column short of its
    /// content: a column the title repeats (an alert's type, which its
    /// title names).
    public var yieldsToTitle: Bool

    public init(_ title: String, _ width: ColumnWidth, alignment: Alignment = .left, hidePriority: Int? = nil,
                yieldsToTitle: Bool = false) {
        self.title = title; self.width = width; self.alignment = alignment; self.hidePriority = hidePriority
        self.yieldsToTitle = yieldsToTitle
    }

    /// The least width the column is drawn at.
    var minimum: Int {
        switch width {
        case .fixed(let n): max(0, n)
        case .flexible(let m, _): max(0, m)
        case .content(let m, _, _): max(0, m)
        }
    }
}
