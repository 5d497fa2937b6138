import DutyCore

/// The board's words, looked up in `ConsoleLabels` (`col.board_…`, `ui.board_…`).
enum BoardLabels {
    /// A column's title, full (`col.board_events`) or short (`…_short`).
    static func title(_ column: BoardColumn, full: Bool, _ lang: Language) -> String {
        let key = column == .town || full ? column.labelKey : column.labelKey + "_short"
        return ConsoleLabels.of("col", key).text(lang)
    }

    static func ui(_ key: String, _ lang: Language) -> String { ConsoleLabels.of("ui", key).text(lang) }

    /// "12.3%", one decimal; "—" for no rate (a zero denominator).
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        if rate >= 1 { return "100%" }
        return String(format1: rate * 100) + "%"
    }

    /// A whole percent: "80%".
    static func wholePercent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
}
