import DutyCore

/// The operator's actions, as keys name them. What each writes is decided in
/// the core (`OperatorActions`); the console only chooses and confirms.
public enum ActionKind: String, Equatable, Sendable, CaseIterable {
    case dispatch, cancelEvent, closeEvent
    case returnTask, urge, done
    case escalate, refer
    case acknowledge, acknowledgeAll, snooze, resolve
    case handover
    /// 文书办结: a document the center closes (the core refuses one withdrawn or closed).
    case closeNotice
    /// 登记回复 and 撤回文书: a line typed in the footer (`TextPrompt`).
    case replyNotice, withdrawNotice
    /// 印发文书: the issue dialog (`NoticeForm`), from a row of any pane.
    case issueNotice

    /// The pane an action applies to (nil: any).
    public var pane: Pane? {
        switch self {
        case .dispatch, .cancelEvent, .closeEvent: .events
        case .returnTask, .urge, .done: .tasks
        case .escalate, .refer: .mediation
        case .acknowledge, .acknowledgeAll, .snooze, .resolve: .alerts
        case .handover, .issueNotice: nil
        case .closeNotice, .replyNotice, .withdrawNotice: .documents
        }
    }

    /// Destructive or bulk: asks "y/n" first.
    public var needsConfirmation: Bool {
        switch self {
        case .cancelEvent, .closeEvent, .returnTask, .done, .escalate, .refer, .acknowledgeAll, .resolve, .closeNotice: true
        case .dispatch, .urge, .acknowledge, .snooze, .handover, .replyNotice, .withdrawNotice, .issueNotice: false
        }
    }

    public var label: Label {
        switch self {
        case .cancelEvent: Labels.of("action", "cancel")
        case .closeEvent: Labels.of("action", "close")
        case .returnTask: Labels.of("action", "return")
        case .acknowledgeAll: Labels.of("action", "acknowledge_all")
        case .closeNotice: Labels.of("action", "close_notice")
        case .replyNotice: Labels.of("action", "reply_notice")
        case .withdrawNotice: Labels.of("action", "withdraw_notice")
        case .issueNotice: Labels.of("action", "issue_notice")
        default: Labels.of("action", rawValue)
        }
    }
}
