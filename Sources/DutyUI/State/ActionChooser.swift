import DutyCore

/// One choice in a chooser: what is shown, and the value handed to the action.
public struct ChooserOption: Equatable, Sendable {
    public var label: String
    public var detail: String
    public var value: String
}

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

    /// The request with the choices made.
    public var chosen: ActionRequest {
        var r = request
        if !options.isEmpty { r.choice = options[selected].value }
        if !cycle.isEmpty { r.option = cycle[cycleIndex].value }
        return r
    }
}
