/// The commit protocol of operator actions, in one place: an action's
/// records are decided from the store, made durable through the ledger
/// (`JournaledAction`: lock, read what other consoles wrote, check every item
/// the action touches is still as the operator saw it, one write, made
/// durable: fdatasync for the file journal, a commit for the database), and
/// only then applied to the store — and to the recording, if any. The
/// console only wires keys to it and words its outcome.
public struct ActionDesk {
    public let store: Store
    /// The file journal (`OperatorJournal`) or the database (DutyDB's `DatabaseLedger`).
    public let journal: any ActionLedger
    /// The name given (`--operator`, else the login name).
    let givenName: String
    /// Written as `by` on every record: the ledger's own identity of the
    /// operator when it has one (the database role), else the name given.
    public var operatorName: String { journal.operatorIdentity ?? givenName }
    /// Task time limits by priority.
    public let limits: TaskTimeLimits
    /// `watch --record` when the journal is not itself a watched feed: gets
    /// every record that gave the store something new, flushed after each commit.
    public let recorder: RecordingWriter?

    public init(store: Store, journal: any ActionLedger, operatorName: String,
                limits: TaskTimeLimits = .standard, recorder: RecordingWriter? = nil) {
        self.store = store; self.journal = journal; self.givenName = operatorName
        self.limits = limits; self.recorder = recorder
    }

    /// Who acts, now (the store's clock), under which limits.
    public var context: ActionContext { ActionContext(operator: operatorName, now: store.now, limits: limits) }

    /// Commits one action. Its records are decided once before the journal's
    /// lock and again under it, from the store brought up to date (task ids
    /// are allocated there); see `JournaledAction`.
    public func perform(_ action: OperatorAction) -> JournaledAction.Outcome {
        performReporting(action).outcome
    }

    /// What an action left: the journal's outcome and, for a document
    /// issued, its Markdown copy (`NoticeCopy`).
    public struct Performed: Equatable, Sendable {
        public let outcome: JournaledAction.Outcome
        public let copy: NoticeCopy?
    }

    /// `perform`, saying where a document's copy went. A document issued
    /// (`issueNotice` written) gets its copy in `notices/` of the ledger's
    /// documents folder once its record is durable; a copy that cannot be written is reported
    /// in `copy` and never undoes the record.
    public func performReporting(_ action: OperatorAction) -> Performed {
        let ctx = context
        let outcome = commit { numbers in action.records(in: store, ctx, numbers: numbers) }
        guard case .issueNotice = action, case .written(let records) = outcome else {
            return Performed(outcome: outcome, copy: nil)
        }
        return Performed(outcome: outcome, copy: NoticeCopy.write(for: records, store: store, directory: noticeDirectory))
    }

    /// The folder whose `notices/` holds the copies: the ledger's documents
    /// folder (the file journal's own folder).
    public var noticeDirectory: String { journal.documentsFolder }

    /// Alerts snoozed by anyone whose snooze is over go back to `open`,
    /// through the journal like any action. Returns the ids reopened, in the
    /// order of the active-alerts list.
    public func reopenDueSnoozes() -> [String] {
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
        return reopened
    }

    /// Journals the record of a handover (`ShiftHandover.record`) like an
    /// action, so every console watching the journal learns of it.
    public func recordHandover(_ record: Record) -> JournaledAction.Outcome {
        commit { _ in .success([record]) }
    }

    /// Writes an action's records through the journal; what other consoles
    /// wrote is ingested either way, and the records reach the store (and
    /// the recording) only once durable.
    private func commit(_ build: (_ numbers: ActionNumbers) -> ActionResult) -> JournaledAction.Outcome {
        let outcome = JournaledAction.perform(store: store, journal: journal,
                                              applied: { recorder?.append($0) }, build: build)
        try? recorder?.flush()
        return outcome
    }
}
