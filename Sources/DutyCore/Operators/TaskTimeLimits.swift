/// A dispatched task's time limit by its event's priority (P1 2 h, P2 4 h,
/// P3 24 h, P4 72 h by default): the due time written into the task.
/// Configurable because districts set their own limits.
public struct TaskTimeLimits: Sendable, Equatable {
    /// Milliseconds for priorities 1…4, index 0 = P1.
    public var byPriority: [Millis]

    public init(p1: Millis, p2: Millis, p3: Millis, p4: Millis) { byPriority = [p1, p2, p3, p4] }

    public static let hour: Millis = 3_600_000
    public static let standard = TaskTimeLimits(p1: 2 * hour, p2: 4 * hour, p3: 24 * hour, p4: 72 * hour)

    /// The limit for a priority; anything outside 1…4 gets the P4 limit.
    public func limit(priority: UInt8) -> Millis {
        let i = Int(priority) - 1
        return byPriority.indices.contains(i) ? byPriority[i] : byPriority[byPriority.count - 1]
    }
}
