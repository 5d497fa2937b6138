import DutyCore
import DutyUI

extension Bench {
    /// The situation board (issue 14) over the whole store: computing its
    /// figures (what the console pays about once a second: `PeriodReport`
    /// for today, 30 days, this month, this year and the trend windows, and
    /// one pass for what is open now), then the 200×60 frame drawing figures
    /// already computed (what every frame pays; target ≤ 2 ms).
    func board(_ store: Store) {
        _ = DisplayWidth.ensureUTF8Locale()
        let now = store.now
        let w = BoardWindows(now: now)
        var parts: [String] = []
        for (name, from) in [("today", w.today.lowerBound), ("1 h", w.hours[23]), ("30 d", w.last30.lowerBound),
                             ("month", w.month.lowerBound), ("year", w.year.lowerBound)] {
            let t = Platform.monotonicNanos()
            _ = PeriodReport.compute(store, from: from, to: now)
            parts.append(String(format: "%@ %.1f ms", name, seconds(since: t) * 1000))
        }
        print("  PeriodReport.compute by window: " + parts.joined(separator: ", "))
        var t0 = Platform.monotonicNanos()
        var figures = BoardFigures.compute(store, now: now)
        let first = seconds(since: t0) * 1000
        let n = 5
        t0 = Platform.monotonicNanos()
        for _ in 0..<n { figures = BoardFigures.compute(store, now: now) }
        print(String(format: "board figures (recompute): %.1f ms (mean of %d; the first %.1f ms; %d events today, %d over 24 h)",
                     seconds(since: t0) * 1000 / Double(n), n, first, figures.district.eventsToday, figures.hourly.reduce(0, +)))
        // What the console pays: a first refresh computes every window, each
        // later one today's, the current hour's, a period in turn and past
        // windows within its budget (the clock moved on a second each time).
        let live = BoardFigureCache(cheap: .max, wall: { Int64(Platform.monotonicNanos() / 1_000_000) })   // never held back: each call refreshes
        let saved = store.clock
        t0 = Platform.monotonicNanos()
        _ = live.figures(store)
        let firstRefresh = seconds(since: t0) * 1000
        let refreshes = 10
        let before = live.reportsComputed
        t0 = Platform.monotonicNanos()
        for i in 1...refreshes {
            store.clock = .fixed(now + Int64(i) * TimeSpan.second)
            _ = live.figures(store)
        }
        print(String(format: "board refresh (the console's, about once a second): %.1f ms (mean of %d, %.1f reports each; the first %.1f ms)",
                     seconds(since: t0) * 1000 / Double(refreshes), refreshes,
                     Double(live.reportsComputed - before) / Double(refreshes), firstRefresh))
        store.clock = saved
        let cache = BoardFigureCache()
        let view = ConsoleView(store: store, paneRows: PaneRows(), badge: .live, board: cache)
        var state = ConsoleState()
        state.mode = .board
        _ = view.render(state, width: 200, height: 60)   // computes once, then cached
        let frames = 200
        t0 = Platform.monotonicNanos()
        for i in 0..<frames {
            if i % 50 == 0 { state.board.sortNext() }
            _ = view.render(state, width: 200, height: 60)
        }
        print(String(format: "board frame 200×60: %.3f ms (mean of %d, figures cached; %d computations)",
                     seconds(since: t0) * 1000 / Double(frames), frames, cache.computations))
    }
}
