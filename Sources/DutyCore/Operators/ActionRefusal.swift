/// Why an action does not apply to the item's current state. The `code` is
/// an enum so that a typo cannot reach the operator as a raw label key; the
/// message comes from the one label table in both languages.
public struct ActionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every reason an action can be refused. The raw value is the label key
    /// without its "refusal." prefix (stable for tests, logs and the table).
    public enum Code: String, Sendable, CaseIterable {
        case notFound = "not_found"
        case alreadyDispatched = "already_dispatched"
        case eventNotOpen = "event_not_open"
        case noUnit = "no_unit"
        case cancelNotOpen = "cancel_not_open"
        case noReason = "no_reason"
        case closeNotDispatched = "close_not_dispatched"
        case tasksNotDone = "tasks_not_done"
        case noTaskDone = "no_task_done"
        case taskNotOpen = "task_not_open"
        case badReturnReason = "bad_return_reason"
        case caseClosed = "case_closed"
        case caseEscalated = "case_escalated"
        case topTier = "top_tier"
        case alertNotOpen = "alert_not_open"
        case noOpenAlerts = "no_open_alerts"
        case alertResolved = "alert_resolved"
        case notSnoozed = "not_snoozed"
        case urgedRecently = "urged_recently"
        case noNoticeText = "no_notice_text"
        case noAddressee = "no_addressee"
        case badRef = "bad_ref"
        case noticeNotIssued = "notice_not_issued"
        case noticeFinished = "notice_finished"
        case noReply = "no_reply"

        /// The label key of the refusal's message ("refusal.not_found" …).
        public var labelKey: String { "refusal." + rawValue }
    }

    public let code: Code
    public let message: Label

    /// A refusal from the label of `code`, with `{s}` replaced by `detail`
    /// in each language (e.g. the item's status label).
    public init(_ code: Code, _ detail: Label? = nil) {
        self.code = code
        // Every code has its label (ActionRefusalTests); the key is only a last resort.
        let template = Labels.table[code.labelKey] ?? Label(code.rawValue, code.rawValue)
        if let d = detail {
            message = Label(template.zh.replacingAll("{s}", with: d.zh), template.en.replacingAll("{s}", with: d.en))
        } else {
            message = template
        }
    }

    /// "中文 / English", for the status line and logs.
    public var description: String { message.zh + " / " + message.en }
}
