import DutyCore

/// A line of text the console asks the operator for, in `.textInput` mode,
/// drawn in the footer like the filter: for the handover (`H`), first who
/// takes over (required), then a free-text note (may be empty). Chinese and
/// other text arrives as text keys (`KeyRegistry.isText`); Backspace takes
/// back one character as shown (a grapheme), never half of one.
public struct TextPrompt: Equatable, Sendable {
    /// What is being asked, in order.
    public enum Field: Equatable, Sendable {
        /// 接班人: who takes over.
        case successor
        /// 交班备注: the outgoing officer's note.
        case note
        /// A document's reply (登记回复), or why it is withdrawn (撤回原因).
        case noticeReply, withdrawReason
    }

    public var field: Field
    /// What has been typed for the current field.
    public var text = ""
    /// Who takes over, once given (while the note is asked).
    public var successor = ""
    /// The document action the answer completes (reply, withdraw).
    public var request: ActionRequest?

    /// Longest answers taken: a name, and a one-line note.
    public static let successorLimit = 40
    public static let noteLimit = 500

    public init(field: Field = .successor) { self.field = field }

    /// The label key (`ui.*`) of the question.
    public var labelKey: String {
        switch field {
        case .successor: "prompt_successor"
        case .note: "prompt_note"
        case .noticeReply: "prompt_notice_reply"
        case .withdrawReason: "prompt_withdraw_reason"
        }
    }

    /// Appends typed text, up to the field's limit.
    public mutating func type(_ s: String) {
        let limit = field == .successor ? Self.successorLimit : Self.noteLimit
        for ch in s where text.count < limit { text.append(ch) }
    }

    /// Backspace: one character as shown (a grapheme cluster).
    public mutating func erase() {
        if !text.isEmpty { text.removeLast() }
    }

    /// The typed text without surrounding spaces.
    public var answer: String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
