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
        let kind = PaneRows.kind(of: request.pane)
        let id = request.item.flatMap { item in kind.map { store.id($0, item) } }
        let label = request.kind.label.text(language)
        guard records(for: request, id: id, ctx, taskID: { _ in "" }) != nil else {
            return Labels.of("ui", "no_selection").text(language)
        }
        // Decided from the store, once before the journal's lock and again
        // under it (task ids are allocated there); see JournaledAction.
        let outcome = commit { taskID in records(for: request, id: id, ctx, taskID: taskID)! }
        switch outcome {
        case .written(let written):
            return label + " ✓ " + summary(written)
        case .refused(let refusal):
            return label + ": " + refusal.message.text(language)
        case .conflict(let refusal):
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
                  let end = OperatorActions.snoozeEnd(of: current), end <= now
            else { continue }
            let outcome = commit { _ in OperatorActions.reopenSnoozed(store, alert: item.id, at: end, ctx) }
            if case .written = outcome { reopened.append(item.id) }
        }
        return reopened.isEmpty ? nil : Labels.of("action", "snooze").text(language) + " ⏰ " + reopened.joined(separator: ", ")
    }

    /// Writes an action's records through the journal (JournaledAction:
    /// refused when an item they touch changed since the operator saw it);
    /// what other consoles wrote is ingested either way, and the records
    /// reach the store (and the recording) only once durable.
    private func commit(_ build: (_ taskID: (Millis) -> String) -> ActionResult) -> JournaledAction.Outcome {
        let outcome = JournaledAction.perform(store: store, journal: journal,
                                              applied: { recorder?.append($0) }, build: build)
        try? recorder?.flush()
        return outcome
    }

    /// The action's records; a dispatch's task id from `taskID` (the
    /// journal's allocation under its lock). nil: nothing selected.
    private func records(for r: ActionRequest, id: String?, _ ctx: ActionContext,
                         taskID: (Millis) -> String) -> ActionResult? {
        switch r.kind {
        case .dispatch:
            guard let id, let unit = r.choice else { return nil }
            return OperatorActions.dispatch(store, event: id, unit: unit,
                                            type: r.option.flatMap { TaskType(wire: $0) } ?? .empowered, ctx,
                                            taskID: taskID(ctx.now))
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

    /// Writes the 交接班 summary of the last 8 hours to a new Markdown file
    /// beside the journal (never through a symlink, never over a file) and shows it.
    private func handover(_ ctx: ActionContext, _ language: Language) -> Outcome {
        let text = ShiftHandover.markdown(store: store, now: ctx.now, hours: 8, language: language)
        let title = Labels.of("action", "handover").text(language)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch ShiftHandover.save(text, directory: handoverDirectory, now: ctx.now) {
        case .success(let path):
            let shown = Sanitize.path(path)
            return Outcome(status: title + " ✓ " + shown, document: (title: title + " · " + shown, lines: lines))
        case .failure(let error):
            return Outcome(status: "⚠ \(title): \(Sanitize.path("\(error)"))",
                           document: (title: title + " · ⚠ " + Sanitize.path(error.path), lines: lines))
        }
    }
}
