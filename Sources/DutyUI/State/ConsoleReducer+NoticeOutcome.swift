import DutyCore

/// What became of a document the dialog sent to be issued, as the session
/// learns it from the journal. A draft can be a page of typed text: when
/// the journal fails (or refuses it) the draft is not lost but comes back
/// to the dialog as it was, to be issued again once the journal is retried
/// (`C-r`, bound in the dialog too).
extension ConsoleReducer {
    /// Not written: the draft back in the dialog, where it was opened from kept.
    public static func noticeNotIssued(_ state: inout ConsoleState) {
        guard var form = state.issuingNotice else { return }
        state.issuingNotice = nil
        form.confirming = false
        form.discardArmed = false
        switch state.mode {
        case .list, .detail: state.actionReturn = state.mode
        default: break
        }
        state.noticeForm = form
        state.mode = .composing
    }

    /// Written: nothing to bring back.
    public static func noticeIssued(_ state: inout ConsoleState) {
        state.issuingNotice = nil
    }
}
