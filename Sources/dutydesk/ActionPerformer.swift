import DutyCore
import DutyUI

/// Carries out an operator's action: the core decides the records
/// (`OperatorActions`), the journal makes them durable (lock, read what other
/// consoles wrote, check the item is still as the operator saw it, one write,
/// fdatasync), and only then does the store — and so the screen — show it.
struct ActionPerformer {
    let store: Store
    let journal: OperatorJournal
    let operatorName: String
    /// Task time limits by priority (`--task-limits`).
    let limits: TaskTimeLimits
    /// Where `H` writes the handover summary.
    let handoverDirectory: String
    /// `watch --record` when the journal is not itself a watched feed.
    var recorder: RecordingWriter? = nil

    /// What an action left for the operator: a status line, and for the
    /// handover the document to show.
    struct Outcome {
        var status: String
        var document: (title: String, lines: [String])? = nil
    }

    /// Performs a request.
    func perform(_ request: ActionRequest, language: Language) -> Outcome {
        if request.kind == .handover { return handover(context, language) }
        return Outcome(status: performAction(request, language: language))
    }

    private var context: ActionContext { ActionContext(operator: operatorName, now: store.now, limits: limits) }

    private func performAction(_ request: ActionRequest, language: Language) -> String {
        let ctx = context
        let kind = PaneSource.kind(of: request.pane)
        let id = request.item.flatMap { item in kind.map { store.id($0, item) } }
        let label = request.kind.label.text(language)
        guard let records = records(for: request, id: id, ctx) else {
            return Labels.of("ui", "no_selection").text(language)
        }
        let built: [Record]
        switch records {
        case .failure(let refusal): return label + ": " + refusal.message.text(language)
        case .success(let r): built = r
        }
        let result = commit(built)
        switch result.outcome {
        case .written:
            return label + " ✓ " + summary(built)
        case .refused(let refusal):
            return label + " ✗ " + refusal.reason
        case .failed(let failure), .blocked(let failure):
            return "⚠ " + Labels.of("ui", "journal_blocked").text(language) + ": " + failure.message
        }
    }

    /// Alerts snoozed by anyone whose 30 minutes are up go back to `open`,
    /// through the journal like any action. Returns a status line if any did.
    func reopenDueSnoozes(language: Language) -> String? {
        let now = store.now
        let ctx = context
        var reopened: [String] = []
        for item in store.activeAlerts(from: 0, limit: store.aggregates.activeAlerts.count) {
            let current = item.current
            guard case .alert(let a) = current.body, a.status == .acked,
                  let end = OperatorActions.snoozeEnd(of: current), end <= now,
                  case .success(let records) = OperatorActions.reopenSnoozed(store, alert: item.id, at: end, ctx)
            else { continue }
            if commit(records).isWritten { reopened.append(item.id) }
        }
        return reopened.isEmpty ? nil : Labels.of("action", "snooze").text(language) + " ⏰ " + reopened.joined(separator: ", ")
    }

    /// Writes records through the journal, refusing when an item they touch
    /// changed since the operator saw it (another console got there first);
    /// what other consoles wrote is ingested either way, and the records
    /// reach the store (and the recording) only once durable.
    private func commit(_ records: [Record]) -> JournalResult {
        let built = OperatorActions.afterLatest(records, in: store)
        let seen = built.map { r in store.item(r.kind, id: r.id)?.current.exactTs }
        let result = journal.append(built) { view in
            for r in view.newRecords { store.apply(r) }
            for (r, before) in zip(built, seen) where store.item(r.kind, id: r.id)?.current.exactTs != before {
                if let latest = view.latest(r.kind, id: r.id) { return .alreadyChanged(latest) }
                return JournalRefusal("\(r.id) changed meanwhile")
            }
            return nil
        }
        for r in result.read { store.apply(r) }
        if result.isWritten {
            for r in built { store.apply(r); recorder?.append(r) }
            try? recorder?.flush()
        }
        return result
    }

    private func records(for r: ActionRequest, id: String?, _ ctx: ActionContext) -> ActionResult? {
        switch r.kind {
        case .dispatch:
            guard let id, let unit = r.choice else { return nil }
            return OperatorActions.dispatch(store, event: id, unit: unit,
                                            type: r.option.flatMap { TaskType(wire: $0) } ?? .empowered, ctx)
        case .cancelEvent:
            guard let id else { return nil }
            return OperatorActions.cancel(store, event: id, reason: r.choice ?? "", ctx)
        case .closeEvent:
            return id.map { OperatorActions.close(store, event: $0, ctx) }
        case .returnTask:
            guard let id, let reason = r.choice else { return nil }
            return OperatorActions.returnTask(store, task: id, reason: reason, ctx)
        case .urge:
            return id.map { OperatorActions.urge(store, task: $0, ctx) }
        case .done:
            guard let id, let outcome = r.choice.flatMap({ TaskOutcome(wire: $0) }) else { return nil }
            return OperatorActions.done(store, task: id, outcome: outcome, ctx)
        case .escalate:
            return id.map { OperatorActions.escalate(store, case: $0, ctx) }
        case .refer:
            return id.map { OperatorActions.refer(store, case: $0, ctx) }
        case .acknowledge:
            return id.map { OperatorActions.acknowledge(store, alert: $0, ctx) }
        case .acknowledgeAll:
            let ids = r.items.map { store.id(.alert, $0) }
            return OperatorActions.acknowledgeAll(store, alerts: ids, ctx)
        case .snooze:
            return id.map { OperatorActions.snooze(store, alert: $0, ctx).map(\.records) }
        case .resolve:
            return id.map { OperatorActions.resolve(store, alert: $0, ctx) }
        case .handover:
            return nil
        }
    }

    private func summary(_ records: [Record]) -> String {
        records.map { r -> String in
            if case .task(let t) = r.snapshot.body, t.status == .dispatched { return "\(r.id) → \(t.unit)" }
            return "\(r.id) \(r.snapshot.statusWire)"
        }.joined(separator: ", ")
    }

    /// Writes the 交接班 summary of the last 8 hours to a Markdown file and shows it.
    private func handover(_ ctx: ActionContext, _ language: Language) -> Outcome {
        let text = ShiftHandover.markdown(store: store, now: ctx.now, hours: 8, language: language)
        let stamp = Timestamp.format(ctx.now).prefix(16).replacingOccurrences(of: ":", with: "")
        let path = handoverDirectory + "/handover-\(stamp).md"
        let document = (title: Labels.of("action", "handover").text(language) + " · " + path,
                        lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        guard let fd = Platform.createFile(path) else { return Outcome(status: "⚠ \(path): \(Platform.errnoText)", document: document) }
        defer { Platform.close(fd) }
        guard Array(text.utf8).withUnsafeBytes({ Platform.writeAll(fd, $0) }) else {
            return Outcome(status: "⚠ \(path): \(Platform.errnoText)", document: document)
        }
        return Outcome(status: Labels.of("action", "handover").text(language) + " ✓ " + path, document: document)
    }
}
