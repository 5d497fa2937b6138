import DutyCore

/// How the console is fed: shown as a badge, and it sets the clock's meaning.
public enum ConsoleBadge: Equatable, Sendable {
    case live
    /// The demo's generated day on its clock; `paused` while Space holds it.
    case demo(speed: Int, paused: Bool = false)
    /// A replay: its speed (nil: max), state, how far through, and the
    /// scratch journal where its actions go.
    case replay(ReplayStatus)
}

public struct ReplayStatus: Equatable, Sendable {
    public var speed: Int?
    public var paused: Bool
    public var finished: Bool
    public var progress: Double
    public var journal: String
    public init(speed: Int?, paused: Bool, finished: Bool, progress: Double, journal: String) {
        self.speed = speed; self.paused = paused; self.finished = finished; self.progress = progress; self.journal = journal
    }
}
