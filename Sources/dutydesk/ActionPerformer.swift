import DutyCore
import DutyUI

/// Wires an operator's request to the core's commit protocol (`ActionDesk`:
/// the ledger — the file journal or the database — makes the records
/// durable, and only then does the store — and so the screen — show them)
/// and its outcome to a status line (`ActionStatusLine`; a document issued
/// says where its Markdown copy went). The handover, which writes a file
/// and then a record through the ledger, is done here.
struct ActionPerformer {
    /// The store, ledger, operator, limits and recording actions go through.
    let desk: ActionDesk
    /// Where `H` writes the handover summary.
    let handoverDirectory: String

    /// `handoverDirectory` nil: the ledger's documents folder.
    init(desk: ActionDesk, handoverDirectory: String? = nil) {
        self.desk = desk
        self.handoverDirectory = handoverDirectory ?? desk.journal.documentsFolder
    }

    var store: Store { desk.store }
    /// The file journal or the database (`ActionLedger`).
    var journal: any ActionLedger { desk.journal }
    /// Task time limits by priority (`--task-limits`).
    var limits: TaskTimeLimits { desk.limits }

    /// The same operator, journal and recording acting on `store` (a replay's
    /// store rebuilt at a seek).
    func acting(on store: Store) -> ActionPerformer {
        ActionPerformer(desk: ActionDesk(store: store, journal: desk.journal, operatorName: desk.operatorName,
                                         limits: desk.limits, recorder: desk.recorder),
                        handoverDirectory: handoverDirectory)
    }

    /// What an action left for the operator: a status line, and for the
    /// handover the document to show.
    struct Outcome {
        var status: String
        var document: (title: String, lines: [String])? = nil
        /// Whether the action's records were written (a document not issued goes back to its dialog).
        var written = false
    }

    /// Performs a request.
    func perform(_ request: ActionRequest, language: Language) -> Outcome {
        if request.kind == .handover {
            guard case .handover(let successor, let note) = request.choice else {
                return Outcome(status: ConsoleLabels.of("ui", "need_successor").text(language))
            }
            return handover(successor: successor, note: note, language)
        }
        guard let action = request.action else { return Outcome(status: ConsoleLabels.of("ui", "no_selection").text(language)) }
        let performed = desk.performReporting(action)
        var written = false
        if case .written = performed.outcome { written = true }
        // A document issued: its number and where its copy went (or why not).
        if let copy = performed.copy { return Outcome(status: ActionStatusLine.issued(copy, language), written: written) }
        return Outcome(status: ActionStatusLine.text(performed.outcome, of: request.kind, language), written: written)
    }

    /// Alerts snoozed by anyone whose 30 minutes are up go back to `open`,
    /// through the journal (`ActionDesk`). Returns a status line if any did.
    func reopenDueSnoozes(language: Language) -> String? {
        ActionStatusLine.reopened(desk.reopenDueSnoozes(), language)
    }

    /// The 交接班 of the shift (since the last handover to this operator in
    /// the past 24 hours, else the last 8 hours), with who took over and the note typed:
    /// the document (the operator's actions read from the ledger) written
    /// to a new Markdown file in the documents folder (never through a symlink,
    /// never over a file), then its record journaled so that the other
    /// consoles say a handover happened; shown either way.
    private func handover(successor: String, note: String, _ language: Language) -> Outcome {
        let now = store.now
        let parties = ShiftHandover.Parties(handedBy: desk.operatorName, takenBy: successor, note: note)
        let journalRecords = journal.actionRecords(since: now - TimeSpan.hours(24))
        let start = ShiftHandover.shiftStart(in: store, operatorName: desk.operatorName, now: now)
        let text = ShiftHandover.markdown(store: store, now: now, hours: 8, shiftStart: start, language: language,
                                          parties: parties, journal: journalRecords)
        let title = Labels.of("action", "handover").text(language)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch ShiftHandover.save(text, directory: handoverDirectory, now: now, operatorName: desk.operatorName) {
        case .success(let saved):
            let shown = Sanitize.path(saved.path)
            let record = ShiftHandover.record(now: now, parties: parties, fileName: saved.name)
            var status = title + " ✓ " + shown
            switch desk.recordHandover(record) {
            case .written: break
            case let other: status = "⚠ " + ActionStatusLine.text(other, of: .handover, language) + " · " + shown
            }
            return Outcome(status: status, document: (title: title + " · " + shown, lines: lines))
        case .failure(let error):
            return Outcome(status: "⚠ \(title): \(Sanitize.path("\(error)"))",
                           document: (title: title + " · ⚠ " + Sanitize.path(error.path), lines: lines))
        }
    }
}
