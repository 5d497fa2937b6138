/// A dispatched task's time limit by its event's priority (P1 2 h, P2 4 h,
/// P3 24 h, P4 72 h by default): the due time written into the task.
/// Configurable because districts set their own limits.
public struct TaskTimeLimits: Sendable, Equatable {
    /// Milliseconds for priorities 1…4, index 0 = P1.
    public var byPriority: [Millis]

    public init(p1: Millis, p2: Millis, p3: Millis, p4: Millis) { byPriority = [p1, p2, p3, p4] }

    /// The one table of default limits: the console's `--task-limits`
    /// default and the generator's task deadlines are read from it.
    public static let standard = TaskTimeLimits(p1: 2 * TimeSpan.hour, p2: 4 * TimeSpan.hour,
                                                p3: 24 * TimeSpan.hour, p4: 72 * TimeSpan.hour)

    /// The limits as `--task-limits` takes them: hours, P1 first, comma
    /// separated ("2,4,24,72"); a fraction of an hour as a decimal ("0.5").
    public var hoursText: String {
        byPriority.map { ms in
            ms % TimeSpan.hour == 0 ? "\(ms / TimeSpan.hour)" : "\(Double(ms) / Double(TimeSpan.hour))"
        }.joined(separator: ",")
    }

    /// The limit for a priority; anything outside 1…4 gets the P4 limit.
    public func limit(priority: UInt8) -> Millis {
        let i = Int(priority) - 1
        return byPriority.indices.contains(i) ? byPriority[i] : byPriority[byPriority.count - 1]
    }
}
