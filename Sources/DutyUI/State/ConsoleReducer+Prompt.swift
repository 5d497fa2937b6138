import DutyCore

/// The handover's questions in the footer (`TextPrompt`): who takes over,
/// then a note; the answers go to the session with the handover request.
extension ConsoleReducer {
    /// `H`: asks who takes over, then a note, in the footer (`TextPrompt`).
    func startHandover(_ state: inout ConsoleState) -> ConsoleEffect? {
        state.textPrompt = TextPrompt()
        state.mode = .textInput
        return nil
    }

    /// Enter in a text prompt: who takes over (required: without one the
    /// prompt stays, saying so) leads to the note; the note ends the prompt
    /// and hands the handover, with both answers, to the session.
    func commitPrompt(_ state: inout ConsoleState) -> ConsoleEffect? {
        guard var prompt = state.textPrompt else { state.mode = .main; return nil }
        switch prompt.field {
        case .successor:
            guard !prompt.answer.isEmpty else {
                state.status = ConsoleLabels.of("ui", "need_successor").text(state.language)
                return nil
            }
            prompt.successor = prompt.answer
            prompt.field = .note
            prompt.text = ""
            state.textPrompt = prompt
            return nil
        case .noticeReply, .withdrawReason:
            guard !prompt.answer.isEmpty, var request = prompt.request else {
                state.status = ConsoleLabels.of("ui", "need_text").text(state.language)
                return nil
            }
            request.choice = .noticeText(prompt.answer, by: prompt.successor)
            state.textPrompt = nil
            state.mode = .main
            return .perform(request)
        case .note:
            state.textPrompt = nil
            state.mode = .main
            return .perform(ActionRequest(kind: .handover, choice: .handover(successor: prompt.successor, note: prompt.answer)))
        }
    }
}
