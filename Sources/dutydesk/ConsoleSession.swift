import Dispatch
import DutyCore
import DutyTerminal
import DutyUI
import Logging

/// Wires one running console: the store and its feed (tailed files or the
/// demo), the screen, keys to commands, and redraws. All of its state lives
/// on the main queue; ncurses runs on the terminal's own queue. Redraws are
/// coalesced: any number of changes in one turn of the queue draw one frame.
final class ConsoleSession: @unchecked Sendable {
    enum Feed {
        case tail(FeedTailer, interval: Int)
        case demo(DemoFeed)
    }

    let store: Store
    let source = PaneSource()
    let themes: [Theme]
    let terminal = Terminal()
    let logger = Logger(label: "dutydesk.console")
    private var feed: Feed
    private var state = ConsoleState()
    private var size = TerminalSize(width: 80, height: 24)
    private var redrawPending = false
    private var drawnRecords = 0
    /// Carries out operator actions through the journal (nil: read-only).
    var performer: ActionPerformer?
    /// The console's own alert rules, evaluated on the store's clock.
    private var rules = AlertRuleEngine()
    private var tick: DispatchSourceTimer?

    init(store: Store, feed: Feed, themes: [Theme], language: Language) {
        self.store = store
        self.feed = feed
        self.themes = themes
        state.language = language
    }

    private var badge: ConsoleBadge {
        switch feed {
        case .tail: .live
        case .demo(let demo): .demo(speed: demo.speed)
        }
    }

    /// Starts the screen and runs until quit or a signal; never returns.
    func run(mouse: Bool) throws -> Never {
        size = try terminal.start(mouse: mouse, queue: .main,
                                  onEvent: { [self] in handle($0) },
                                  onSignal: { [self] in finish(status: $0.exitStatus) })
        startFeed()
        // The header's clock moves every second even when no record arrives.
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        timer.setEventHandler { [self] in
            demoStep()
            evaluateRules()
            if let reopened = performer?.reopenDueSnoozes(language: state.language) { state.status = reopened }
            requestRedraw()
        }
        timer.resume()
        tick = timer
        requestRedraw()
        dispatchMain()
    }

    private func startFeed() {
        switch feed {
        case .tail(let tailer, let interval):
            var sink = store
            tailer.poll(into: &sink)
            tailer.start(interval: .milliseconds(interval), queue: .main) { [self] tailer in
                var sink = store
                if tailer.poll(into: &sink).lines > 0 { requestRedraw() }
            }
        case .demo(var demo):
            _ = demo.start(wall: Platform.wallClockMillis(), into: store)
            feed = .demo(demo)
        }
    }

    /// Feeds the demo up to the simulated now (called every second; at 60×
    /// a second is a simulated minute).
    private func demoStep() {
        guard case .demo(var demo) = feed else { return }
        demo.advance(wall: Platform.wallClockMillis(), into: store)
        feed = .demo(demo)
    }

    /// Applies the console's own alerts (late signing, task ladder, clusters,
    /// 6:3:1 drift, feed health) as of the store's clock. They are derived
    /// state with deterministic ids: every console computes the same ones, so
    /// they go to the store, not the journal; acknowledging one is journaled.
    private func evaluateRules() {
        var signals: FeedSignals?
        if case .tail(let tailer, _) = feed {
            signals = FeedSignals(lastLineMillis: tailer.health.lastLineMillis, quarantinedTotal: store.quarantinedTotal, live: true)
        }
        for record in rules.evaluate(store: store, now: store.now, feed: signals) { store.apply(record) }
    }

    private func handle(_ event: TerminalEvent) {
        let layout = ConsoleView.layout(width: size.width, height: size.height, state: state)
        let reducer = ConsoleReducer(store: store, source: source, themeCount: themes.count)
        switch event {
        case .key(let key):
            guard let command = KeyRegistry.command(forKey: key.name, in: state.mode, focus: state.focus) else { return }
            reducer.apply(command, to: &state, layout: layout)
        case .mouse(let x, let y, let kind):
            switch kind {
            case .click: reducer.apply(.click(x: x, y: y), to: &state, layout: layout)
            case .wheelUp: reducer.apply(.scroll(-3), to: &state, layout: layout)
            case .wheelDown: reducer.apply(.scroll(3), to: &state, layout: layout)
            }
        case .resize(let width, let height):
            size = TerminalSize(width: width, height: height)
        }
        if state.retryRequested {
            state.retryRequested = false
            performer?.journal.retry()
            state.status = Labels.of("ui", "journal_ready").text(state.language)
        }
        if let request = state.effect {
            state.effect = nil
            if let performer {
                let outcome = performer.perform(request, language: state.language)
                state.status = outcome.status
                if let document = outcome.document {
                    state.document = document
                    state.mode = .document
                    state.overlayScroll = 0
                }
            }
        }
        if state.quitRequested { finish(status: 0) }
        requestRedraw()
    }

    private func requestRedraw() {
        guard !redrawPending else { return }
        redrawPending = true
        DispatchQueue.main.async { [self] in
            redrawPending = false
            draw()
        }
    }

    private func draw() {
        var view = ConsoleView(store: store, source: source, badge: badge)
        if case .tail(let tailer, _) = feed {
            let health = tailer.health
            view.feeds = FeedStatus(files: health.files, lastLine: health.lastLineMillis, problems: tailer.problems)
        }
        if store.records != drawnRecords {
            // New records: keep each pane's selection on the item the operator chose.
            drawnRecords = store.records
            ConsoleReducer(store: store, source: source, themeCount: themes.count)
                .followAnchors(&state, layout: ConsoleView.layout(width: size.width, height: size.height, state: state))
        }
        let grid = view.render(state, width: size.width, height: size.height)
        terminal.draw(grid, theme: themes[state.themeIndex % themes.count])
    }

    /// Restores the terminal and exits (quit, or SIGINT/SIGTERM/SIGHUP).
    func finish(status: Int32) -> Never {
        tick?.cancel()
        if case .tail(let tailer, _) = feed { tailer.stop() }
        terminal.stop()
        exit(status)
    }
}

#if canImport(Glibc)
import Glibc
#endif
