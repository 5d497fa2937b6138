import DutyCore

/// The header's second row as laid out: the figures (受理 转派 结案 超期
/// 未确认告警 错误行 待回复 逾期未回复), then feed health, fitted to the width (`HeaderFit`: the
/// gaps narrow first, then the feed part takes a shorter form), each part
/// whole or not at all. From the store, the language, the width and the feed
/// status alone: drawing and clicking both use this, so a click lands on the
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

    struct Row: Equatable {
        var figures: [Part]
        /// The feed-health part, if it fits, and its column.
        var feeds: (text: String, x: Int)?
        /// The first column after the last part drawn (and its gap).
        var end: Int

        static func == (a: Row, b: Row) -> Bool {
            a.figures == b.figures && a.feeds?.text == b.feeds?.text && a.feeds?.x == b.feeds?.x && a.end == b.end
        }
    }

    /// The row for `width` columns, from column 1.
    /// `leave`: columns what follows the row needs (a replay's progress and
    /// journal): the documents' figures give way to it too.
    static func row(store: Store, language: Language, width: Int, feeds: FeedStatus?, leave: Int = 0) -> Row {
        let all = row(store: store, language: language, width: width, feeds: feeds, figures: HeaderFigure.allCases)
        guard (feeds != nil && all.feeds == nil) || all.end > width - leave else { return all }
        // Feed health says whether the figures are live at all: the documents'
        // figures (待回复 逾期未回复, one key away in the documents tab) give way to it.
        let fewer = row(store: store, language: language, width: width, feeds: feeds,
                        figures: HeaderFigure.allCases.filter { $0 != .awaitingReply && $0 != .overdueReplies })
        return fewer.feeds == nil && feeds != nil ? all : fewer
    }

    private static func row(store: Store, language: Language, width: Int, feeds: FeedStatus?, figures: [HeaderFigure]) -> Row {
        let now = store.now
        func label(_ key: String) -> String { ConsoleLabels.of("ui", key).text(language) }
        let counts = figures.map { $0.count(store, now: now) }
        let texts = zip(figures, counts).map { label($0.labelKey) + " \($1)" }
        var forms = texts.map { [$0] }
        if let feeds {
            // Feed health in a full form and two shorter ones (HeaderFit picks).
            var full = "\(label("feeds")) \(feeds.files) \(label("files"))"
            var short = "\(label("feeds")) \(feeds.files)"
            if let last = feeds.lastLine {
                full += " · \(label("last_ingest")) \(DisplayFormat.clockSeconds(last))"
                short += " · \(DisplayFormat.clockSeconds(last))"
            }
            forms.append([full, short, "\(label("feeds")) \(feeds.files)"])
        }
        let fitted = HeaderFit.fit(forms, width: width - 2)
        var x = 1
        var parts: [Part] = []
        for (i, figure) in figures.enumerated() {
            let w = TextFit.width(fitted.texts[i])
            guard x + w <= width - 1 else { return Row(figures: parts, feeds: nil, end: x) }
            let warn = counts[i] > 0 && (figure == .overdue || figure == .unacked || figure == .badLines
                                           || figure == .overdueReplies)
            parts.append(Part(figure: figure, text: fitted.texts[i], x: x, width: w, warn: warn))
            x += w + fitted.gap
        }
        guard feeds != nil, let text = fitted.texts.last else { return Row(figures: parts, feeds: nil, end: x) }
        let w = TextFit.width(text)
        guard x + w <= width - 1 else { return Row(figures: parts, feeds: nil, end: x) }
        return Row(figures: parts, feeds: (text, x), end: x + w + fitted.gap)
    }

    /// The figures that fit (for tests and clicks).
    static func parts(store: Store, language: Language, width: Int, feeds: FeedStatus? = nil) -> [Part] {
        row(store: store, language: language, width: width, feeds: feeds).figures
    }

    /// The figure drawn at column `x` of the second header line, if any.
    static func figure(atX x: Int, store: Store, language: Language, width: Int, feeds: FeedStatus?,
                       leave: Int = 0) -> HeaderFigure? {
        row(store: store, language: language, width: width, feeds: feeds, leave: leave).figures
            .first { x >= $0.x && x < $0.x + $0.width }?.figure
    }

    /// Columns the header's second row leaves after the figures: a replay's
    /// progress bar and practice journal (the demo shows none).
    static func leave(for badge: ConsoleBadge) -> Int {
        if case .replay = badge { return 60 }
        return 0
    }
}
