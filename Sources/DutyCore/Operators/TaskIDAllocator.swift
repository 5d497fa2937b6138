/// Task ids handed out during one append, under the lock.
final class TaskIDAllocator {
    private let seen: [String: Int]
    private let load: () -> Result<[String: Int], JournalFailure>
    private var state: [String: Int]?
    /// The highest number handed out per date prefix during this append.
    private(set) var issued: [String: Int] = [:]
    /// Reading the state file failed: the append must not go on.
    private(set) var failure: JournalFailure?

    init(seen: [String: Int], load: @escaping () -> Result<[String: Int], JournalFailure>) {
        self.seen = seen
        self.load = load
    }

    func next(now: Millis, above: Int) -> String {
        if state == nil {
            switch load() {
            case .success(let s): state = s
            case .failure(let f): state = [:]; failure = failure ?? f
            }
        }
        let p = TaskNumbering.datePrefix(now)
        let n = max(state?[p] ?? 0, seen[p] ?? 0, above, issued[p] ?? 0) + 1
        // Never an id that would not be counted from (and so could be issued
        // again): past the largest countable number the append fails instead.
        guard n <= TaskNumbering.maxNumber else {
            failure = failure ?? JournalFailure(step: .ids, code: 0,
                                                message: "task ids failed: no number left after \(p)\(TaskNumbering.maxNumber)")
            return p + String(n)
        }
        issued[p] = n
        return p + Timestamp.pad(n, 4)
    }

    /// The state file's counters with this append's ids.
    var merged: [String: Int] {
        var out = state ?? [:]
        for (p, n) in issued { out[p] = max(out[p] ?? 0, n) }
        return out
    }
}
