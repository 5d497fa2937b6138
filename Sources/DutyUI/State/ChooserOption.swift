import DutyCore

/// One choice in a chooser: what is shown, and the typed value handed to the action.
public struct ChooserOption: Equatable, Sendable {
    /// The value an option stands for.
    public enum Value: Equatable, Sendable {
        case unit(String)
        case taskType(TaskType)
        case reason(String)
        case outcome(TaskOutcome)
    }

    public var label: String
    public var detail: String
    public var value: Value

    public init(label: String, detail: String, value: Value) {
        self.label = label; self.detail = detail; self.value = value
    }
}
