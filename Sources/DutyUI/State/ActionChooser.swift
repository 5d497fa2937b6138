import DutyCore

/// The list the operator picks from before an action: a unit to dispatch to
/// (with its town and open-task load), a reason, an outcome — and, for a
/// dispatch, the task type cycled with Tab.
public struct ActionChooser: Equatable, Sendable {
    public var request: ActionRequest
    public var title: String
    public var options: [ChooserOption]
    public var selected = 0
    /// The second option (task types for a dispatch), cycled with Tab.
    public var cycle: [ChooserOption] = []
    public var cycleIndex = 0
    /// A dispatch's time limit (by its event's priority): its title names
    /// the due time it would set, now + this.
    public var limit: Millis?

    /// The request with the choices made (unchanged when the list is empty:
    /// nothing was chosen).
    public var chosen: ActionRequest {
        var r = request
        guard !options.isEmpty else { return r }
        let second = cycle.isEmpty ? nil : cycle[cycleIndex].value
        switch (request.kind, options[selected].value, second) {
        case (.dispatch, .unit(let unit), .taskType(let type)?): r.choice = .dispatch(unit: unit, type: type)
        case (.cancelEvent, .reason(let reason), _): r.choice = .cancel(reason: reason)
        case (.returnTask, .reason(let reason), _): r.choice = .returnTask(reason: reason)
        case (.done, .outcome(let outcome), _): r.choice = .done(outcome)
        default: break
        }
        return r
    }
}
