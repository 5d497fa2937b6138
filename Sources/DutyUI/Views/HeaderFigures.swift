import DutyCore

/// The header's figures (受理 转派 结案 超期 未确认告警 错误行) as laid out on
/// its second line: text and columns, from the store, the language and the
/// width alone. Drawing and clicking both use this, so a click lands on the
/// figure drawn there.
enum HeaderFigures {
    struct Part: Equatable {
        var figure: HeaderFigure
        var text: String
        var x: Int
        var width: Int
        /// Drawn as a warning (overdue tasks, unacknowledged alerts, bad lines).
        var warn: Bool
    }

    /// Columns between two parts.
    static let gap = 3

    /// The figures that fit in `width` columns, from column 1.
    static func parts(store: Store, language: Language, width: Int) -> [Part] {
        let now = store.now
        var x = 1
        var out: [Part] = []
        for figure in HeaderFigure.allCases {
            let n = figure.count(store, now: now)
            let text = ConsoleLabels.of("ui", figure.labelKey).text(language) + " \(n)"
            let w = TextFit.width(text)
            guard x + w <= width - 1 else { break }
            let warn = n > 0 && (figure == .overdue || figure == .unacked || figure == .badLines)
            out.append(Part(figure: figure, text: text, x: x, width: w, warn: warn))
            x += w + gap
        }
        return out
    }

    /// The figure drawn at column `x` of the second header line, if any.
    static func figure(atX x: Int, store: Store, language: Language, width: Int) -> HeaderFigure? {
        parts(store: store, language: language, width: width).first { x >= $0.x && x < $0.x + $0.width }?.figure
    }
}
