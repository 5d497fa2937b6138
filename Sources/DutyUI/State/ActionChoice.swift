import DutyCore

/// What the operator chose for an action, typed: never a string parsed back
/// (with a silent fallback) when the action is carried out.
public enum ActionChoice: Equatable, Sendable {
    /// Nothing chosen (yet), or an action without a choice.
    case none
    case dispatch(unit: String, type: TaskType)
    case cancel(reason: String)
    case returnTask(reason: String)
    case done(TaskOutcome)
    /// The handover: who takes over, and the outgoing officer's note.
    case handover(successor: String, note: String)
    /// A document's reply (and who replied), or why it is withdrawn: typed text.
    case noticeText(String, by: String)
    /// A document drafted in the issue dialog.
    case notice(OperatorActions.NoticeDraft)
}

extension ActionChoice {
    /// The choice as the confirmation question names it: the unit, the
    /// reason, the outcome in the operator's language; nil when nothing was
    /// chosen.
    public func shown(_ language: Language) -> String? {
        switch self {
        case .none: nil
        case .dispatch(let unit, _): unit
        case .cancel(let reason), .returnTask(let reason): reason
        case .done(let outcome): outcome.label.text(language)
        case .handover(let successor, _): successor
        case .noticeText(let text, _): text
        case .notice(let draft): draft.title
        }
    }
}
