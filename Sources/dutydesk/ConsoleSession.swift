import Dispatch
import DutyCore
import DutyDB
import DutyTerminal
import DutyUI
import Logging

/// Wires one running console: the store and its feed (tailed files or the
/// demo), the screen, keys to commands, and redraws. All of its state lives
/// on the main queue; ncurses runs on the terminal's own queue. Redraws are
/// coalesced: any number of changes in one turn of the queue draw one frame.
/// `@unchecked Sendable` is safe: every member is used on the main queue only,
/// which each entry point checks in debug builds (`dispatchPrecondition`).
final class ConsoleSession: @unchecked Sendable {
    enum Feed {
        case tail(FeedTailer, interval: Int)
        /// A recording played on its own clock; actions go to `journal`, a
        /// scratch file. `demo`: the generated day of `dutydesk` with no arguments.
        case replay(Recording, ReplayClock, journal: String, demo: Bool)
        /// The shared database's record log, loaded up to `position` and
        /// followed from there (`RecordFollower`).
        case database(DatabaseFeed)
    }

    /// The store and what reads it are replaced when a replay seeks back.
    private(set) var store: Store
    private var paneRows = PaneRows()
    private var listRows = ItemListRows()
    /// The situation board's figures: recomputed at most once a second.
    private let board = BoardFigureCache(minimumInterval: 1000, wall: { Platform.wallClockMillis() })
    let themes: [Theme]
    let terminal = Terminal()
    private var feed: Feed
    private var state = ConsoleState()
    private var size = TerminalSize(width: 80, height: 24)
    private var redrawPending = false
    /// When the last key arrived (uptime ns): a paste left open ends after a second without keys.
    private var lastKeyAt: UInt64 = 0
    private var drawnRecords = 0
    /// Carries out operator actions through the journal (nil: read-only).
    var performer: ActionPerformer?
    /// `watch --record`: every good record ingested is appended here.
    var recorder: RecordingWriter?
    /// The demo's or replay's temporary folder, removed (or reported) on exit.
    var scratch: ScratchFolder?
    /// The console's own alert rules, evaluated on the store's clock.
    private var rules = AlertRuleEngine()
    private var tick: DispatchSourceTimer?
    /// Alerts looked at for handover records (`HandoverNotice`): the store
    /// numbers items as they first arrive, so only those above are new.
    private var alertsSeen = 0
    /// `watch --db`: the log's follower and whether it reaches the database.
    private var follower: RecordFollower?
    private var databaseStatus = RecordFollower.Status.online
    /// Replay: how many of the recording's read problems the status line has shown.
    private var readProblemsShown = 0

    init(store: Store, feed: Feed, themes: [Theme], language: Language) {
        self.store = store
        self.feed = feed
        self.themes = themes
        state.language = language
        if case .database(let db) = feed { state.town = db.town }
    }

    private var badge: ConsoleBadge {
        switch feed {
        case .tail: .live
        case .replay(_, let clock, _, true):
            .demo(speed: clock.speed ?? 0, paused: clock.paused)
        case .replay(_, let clock, let journal, false):
            .replay(ReplayStatus(speed: clock.speed, paused: clock.paused, finished: clock.finished(wall: Platform.wallClockMillis()),
                                 progress: clock.progress(wall: Platform.wallClockMillis()), journal: journal))
        case .database:
            if case .offline(let since, _) = databaseStatus {
                .databaseOffline(seconds: Int((Platform.wallClockMillis() - since) / 1000))
            } else {
                .live
            }
        }
    }

    /// Starts the screen and runs until quit or a signal; never returns.
    func run(mouse: Bool) throws -> Never {
        size = try terminal.start(mouse: mouse, queue: .main,
                                  onEvent: { [self] in handle($0) },
                                  onSignal: { [self] in
                                      dispatchPrecondition(condition: .onQueue(.main))
                                      finish(status: $0.exitStatus)
                                  })
        // A journal that cannot be used (a planted symlink, a FIFO, a foreign
        // owner) is reported before the first action, not after it.
        if let failure = performer?.journal.preflight() {
            state.status = ActionStatusLine.journalBlocked(failure, state.language)
        }
        startFeed()
        // The header's clock moves every second even when no record arrives.
        let timer = DispatchSource.makeTimerSource(queue: .main)
        timer.schedule(deadline: .now() + 1, repeating: 1, leeway: .milliseconds(100))
        timer.setEventHandler { [self] in
            dispatchPrecondition(condition: .onQueue(.main))
            replayStep()
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
            pollFeeds(tailer)
            tailer.start(interval: .milliseconds(interval), queue: .main) { [self] tailer in
                dispatchPrecondition(condition: .onQueue(.main))
                if pollFeeds(tailer) { requestRedraw() }
            }
        case .replay(let recording, _, _, _):
            state.replaying = true
            // The refused lines first; from here on the recording saves
            // checkpoints of this store, and of each one a seek puts in its place.
            recording.prepare(store)
            replayStep()
        case .database(let db):
            // Batches and status arrive on the main queue, where the store lives.
            let follower = RecordFollower(url: db.url, town: db.town, after: db.position, queue: .main,
                deliver: { [self] batch in
                    dispatchPrecondition(condition: .onQueue(.main))
                    // What this console's actions already brought is skipped;
                    // what the follower brought, its next action need not read.
                    let ledger = performer?.journal as? DatabaseLedger
                    batch.apply(to: store, skippingThrough: ledger?.seen ?? 0)
                    ledger?.markSeen(batch.position.records)
                    requestRedraw()
                },
                report: { [self] status in
                    dispatchPrecondition(condition: .onQueue(.main))
                    // The reason goes to the log (DUTYDESK_LOG, stderr not a terminal); the badge says how long.
                    if case .offline(_, let reason) = status { Logger(label: "dutydesk.db").warning("database offline: \(reason)") }
                    if status == .online, databaseStatus != .online { Logger(label: "dutydesk.db").notice("database online again") }
                    databaseStatus = status
                    requestRedraw()
                })
            self.follower = follower
            follower.start()
        }
    }

    /// Feeds the recording up to the replay clock's now, in slices so that
    /// keys stay answered even at max speed.
    private func replayStep() {
        guard case .replay(let recording, let clock, _, _) = feed else { return }
        let now = clock.now(wall: Platform.wallClockMillis())
        let slice = 200_000
        let target = recording.position + slice < recording.count ? recording.ts(at: recording.position + slice) : now
        recording.feed(until: min(now, target), into: store)
        store.clock = .fixed(min(now, target))
        // A file changed under the replay: its records are no longer fed; say so once.
        let problems = recording.readProblems
        if problems.count > readProblemsShown {
            state.status = problems[problems.count - 1]
            readProblemsShown = problems.count
        }
        if min(now, target) < now {
            DispatchQueue.main.async { [self] in replayStep(); requestRedraw() }
        }
    }

    /// Applies a replay control to the clock; seeking back rebuilds the
    /// store at the new time (identical to having played up to it).
    private func replayControl(_ control: ReplayControl) {
        guard case .replay(let recording, var clock, let journal, let demo) = feed else { return }
        let wall = Platform.wallClockMillis()
        let before = clock.now(wall: wall)
        switch control {
        case .pause: clock.togglePause(wall: wall)
        case .speed(let d): clock.step(d, wall: wall)
        case .seek(let ms): clock.seek(by: ms, wall: wall)
        case .restart: clock.seek(to: clock.start, wall: wall)
        }
        // At max speed a seek would run straight on to the end: pause at the
        // sought time instead.
        if clock.speed == nil, !clock.paused {
            var target: Millis?
            if case .seek(let ms) = control { target = before + ms }
            if case .restart = control { target = clock.start }
            if let target {
                clock.togglePause(wall: wall)
                clock.seek(to: target, wall: wall)
            }
        }
        feed = .replay(recording, clock, journal: journal, demo: demo)
        let after = clock.now(wall: wall)
        if after < before {
            replace(store: recording.rebuild(at: after, clock: .fixed(after)))
        }
        replayStep()
    }

    /// Puts a rebuilt store in place of the old one, with fresh readers.
    private func replace(store new: Store) {
        new.confine(to: .main)   // as the first store was (ScreenOptions)
        store = new
        paneRows = PaneRows()
        listRows = ItemListRows()
        board.reset()
        rules = AlertRuleEngine()
        performer = performer?.acting(on: new)
        state.anchors = [nil, nil, nil, nil, nil]
        drawnRecords = 0
        alertsSeen = new.count(.alert)
    }

    /// Reads new feed lines into the store (and the recording, if any).
    @discardableResult
    private func pollFeeds(_ tailer: FeedTailer) -> Bool {
        if let recorder {
            var sink = RecordingSink(inner: store, writer: recorder)
            let lines = tailer.poll(into: &sink).lines
            try? recorder.flush()
            return lines > 0
        }
        if store.records == 0 && store.quarantinedTotal == 0 {
            // The first poll reads what the feeds already hold: on every
            // core. Lines appended later come a poll at a time, on one.
            return ParallelIngest(store: store).read(tailer).lines > 0
        }
        var sink = store
        return tailer.poll(into: &sink).lines > 0
    }

    /// Applies the console's own alerts (late signing, task ladder, clusters,
    /// 6:3:1 drift, feed health) as of the store's clock. They are derived
    /// state with deterministic ids: every console computes the same ones, so
    /// they go to the store, not the journal; acknowledging one is journaled.
    /// The item and window rules are a function of the records alone (the
    /// same alerts as a fresh console, a replay or `dutydesk alerts`); the
    /// feed signals passed here (quiet feed, bad-line bursts) are not.
    private func evaluateRules() {
        var signals: FeedSignals?
        if case .tail(let tailer, _) = feed {
            signals = FeedSignals(lastLineMillis: tailer.health.lastLineMillis, quarantinedTotal: store.quarantinedTotal, live: true)
        }
        for record in rules.evaluate(store: store, now: store.now, feed: signals) { store.apply(record) }
    }

    /// Feed health for the header, when the console tails files.
    private var feedStatus: FeedStatus? {
        guard case .tail(let tailer, let interval) = feed else { return nil }
        let health = tailer.health
        return FeedStatus(files: health.files, lastLine: health.lastLineMillis, problems: tailer.feedProblems,
                          waiting: tailer.waiting, pollMillis: interval)
    }

    private func handle(_ event: TerminalEvent) {
        dispatchPrecondition(condition: .onQueue(.main))
        let layout = ConsoleView(store: store, paneRows: paneRows, badge: badge, board: board)
            .layout(width: size.width, height: size.height, state: state)
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: themes.count,
                                     limits: performer?.limits ?? .standard, listRows: listRows, feeds: feedStatus,
                                     badge: badge, board: board)
        var effect: ConsoleEffect?
        switch event {
        case .key(let key):
            // A paste whose end mark never came (a cut connection) must not
            // leave every key dead: a second without keys ends it.
            let at = DispatchTime.now().uptimeNanoseconds
            if state.pasting, at - lastKeyAt > 1_000_000_000 { _ = reducer.apply(.pasting(false), to: &state, layout: layout) }
            lastKeyAt = at
            guard let command = KeyRegistry.command(forKey: key.name, in: state.mode, focus: state.actionPane,
                                                    replay: state.replaying, pasting: state.pasting) else { return }
            if case .action(let kind) = command, let refusal = readOnlyRefusal(kind) {
                state.status = refusal
                requestRedraw()
                return
            }
            effect = reducer.apply(command, to: &state, layout: layout)
        case .mouse(let x, let y, let kind):
            switch kind {
            case .click: effect = reducer.apply(.click(x: x, y: y), to: &state, layout: layout)
            case .wheelUp: effect = reducer.apply(.scroll(-3), to: &state, layout: layout)
            case .wheelDown: effect = reducer.apply(.scroll(3), to: &state, layout: layout)
            }
        case .resize(let width, let height):
            size = TerminalSize(width: width, height: height)
        }
        if let effect { carryOut(effect) }
        requestRedraw()
    }

    /// A console over the database has no performer until its actions go
    /// through the database (`DatabaseLedger`): every action key says so at
    /// once, rather than opening a dialog whose end would do nothing.
    private func readOnlyRefusal(_ kind: ActionKind) -> String? {
        guard case .database = feed, performer == nil else { return nil }
        return ConsoleLabels.of("ui", "db_read_only").text(state.language).replacingAll("{action}", with: kind.label.text(state.language))
    }

    /// Carries out what the reducer decided: the session owns the clock,
    /// the journal and the terminal.
    private func carryOut(_ effect: ConsoleEffect) {
        switch effect {
        case .replay(let control):
            replayControl(control)
        case .retryJournal:
            performer?.journal.retry()
            state.status = ConsoleLabels.of("ui", "journal_ready").text(state.language)
        case .perform(let request):
            guard let performer else { ConsoleReducer.noticeNotIssued(&state); return }
            let outcome = performer.perform(request, language: state.language)
            if request.kind == .handover { alertsSeen = store.count(.alert) }   // its own is said by the outcome
            state.status = outcome.status
            // A draft the journal did not take goes back to the dialog, as typed.
            if request.kind == .issueNotice {
                if outcome.written { ConsoleReducer.noticeIssued(&state) } else { ConsoleReducer.noticeNotIssued(&state) }
            }
            evaluateRules()   // an issued document's closed proposal, a return's reopened event: at once, not at the next tick
            if let document = outcome.document {
                state.document = document
                state.mode = .document
                state.overlayScroll = 0
            }
        case .quit:
            finish(status: 0)
        }
    }

    private func requestRedraw() {
        guard !redrawPending else { return }
        redrawPending = true
        DispatchQueue.main.async { [self] in
            dispatchPrecondition(condition: .onQueue(.main))
            redrawPending = false
            draw()
        }
    }

    private func draw() {
        var view = ConsoleView(store: store, paneRows: paneRows, badge: badge, listRows: listRows, board: board)
        view.feeds = feedStatus
        if store.records != drawnRecords {
            // New records: keep each pane's selection on the item the operator chose.
            drawnRecords = store.records
            if let notice = HandoverNotice.fresh(in: store, alertsSeen: &alertsSeen, language: state.language) {
                state.status = notice
            }
            let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: themes.count, listRows: listRows, board: board)
            let layout = view.layout(width: size.width, height: size.height, state: state)
            reducer.followAnchors(&state, layout: layout)
            // A list's selection stays on its item (or in range) and its target on the row shown.
            if case .list(let list) = state.mode { reducer.followList(list, &state, layout: layout) }
            reducer.followLink(&state)   // an incident's selection stays on its item
        }
        let grid = view.render(state, width: size.width, height: size.height)
        terminal.draw(grid, theme: themes[state.themeIndex % themes.count])
    }

    /// Restores the terminal and exits (quit, or SIGINT/SIGTERM/SIGHUP).
    func finish(status: Int32) -> Never {
        tick?.cancel()
        if case .tail(let tailer, _) = feed { tailer.stop() }
        follower?.stop()
        try? recorder?.close()
        terminal.stop()
        // A journal that stayed unusable is said again where it can be read
        // whole: the status line is cut at the screen's width.
        if let blocked = performer?.journal.blocked { Output.error(Sanitize.path(blocked.message)) }
        scratch?.finish()
        exit(status)
    }
}

#if canImport(Glibc)
import Glibc
#endif
