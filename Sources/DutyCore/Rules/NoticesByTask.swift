/// A document that names a task: when it first did (the earliest snapshot of
/// the notice whose `refs` hold `task:<id>`) and its number then.
public struct IssuedNotice: Equatable, Sendable {
    public var at: Millis
    public var number: String

    public init(at: Millis, number: String) {
        self.at = at
        self.number = number
    }

    /// The earlier of two (the lower number on the same millisecond), so the
    /// choice does not depend on the order the records arrived in.
    func isBefore(_ o: IssuedNotice) -> Bool { (at, number) < (o.at, o.number) }
}

/// The documents issued about tasks, by task id and type: what closes the
/// ladder's proposals (`AlertEpisodes.ladder`). Notices are few (dozens a
/// year) and tasks many (~40,000 at 1,000,000 records), so the engine keeps
/// this beside it and brings it up to date from the notices that arrived or
/// whose history grew since (`update`), never scanning the notices per task.
///
/// Each entry is the earliest snapshot of any notice of that type naming the
/// task, whatever became of the notice later: a 督办单 withdrawn after it was
/// issued still closed its proposal (the officer acted; the ladder does not
/// propose it again). Snapshots are only ever added, so entries only move
/// earlier, and an entry at `at` is known to anyone reading records with
/// ts ≥ `at`: the ladder stays a function of the records with ts ≤ t.
public struct NoticesByTask: Sendable {
    /// Task id → type → the first notice of that type naming it.
    private var first: [String: [NoticeType: IssuedNotice]] = [:]
    /// The history length read of each notice, by index.
    private var seen: [Int] = []

    public init() {}

    /// The index over every notice the store holds.
    public init(_ store: Store) { update(store) }

    /// The first document of each type naming the task (any moment: the
    /// ladder keeps those at or before its t).
    public subscript(task id: String) -> [NoticeType: IssuedNotice] { first[id] ?? [:] }

    /// Reads the notices new since the last call and those whose history
    /// grew; returns the ids of the tasks whose entries changed.
    @discardableResult
    public mutating func update(_ store: Store) -> Set<String> {
        var changed = Set<String>()
        let count = store.count(.notice)
        for i in 0..<count {
            let h = store.history(.notice, Int32(i))
            if i < seen.count, seen[i] == h.count { continue }
            if i < seen.count { seen[i] = h.count } else { seen.append(h.count) }
            for s in h { file(s, store, &changed) }
        }
        return changed
    }

    /// The first document of each type naming one task, read from every
    /// notice the store holds: for a single lookup (a key press) without an
    /// index at hand. Costs one pass over the notices.
    public static func scan(_ store: Store, task id: String) -> [NoticeType: IssuedNotice] {
        var out: [NoticeType: IssuedNotice] = [:]
        let ref = "task:" + id
        for i in 0..<store.count(.notice) {
            for s in store.history(.notice, Int32(i)) where refs(s, store).contains(ref) {
                let n = IssuedNotice(at: s.ts, number: store.text(s.notice.number))
                if out[s.noticeType].map({ n.isBefore($0) }) ?? true { out[s.noticeType] = n }
            }
        }
        return out
    }

    /// Files one notice snapshot under each task its refs name.
    private mutating func file(_ s: CompactSnapshot, _ store: Store, _ changed: inout Set<String>) {
        for ref in Self.refs(s, store) {
            guard case .task(let id)? = AlertRef(ref) else { continue }
            let n = IssuedNotice(at: s.ts, number: store.text(s.notice.number))
            if let held = first[id]?[s.noticeType], !n.isBefore(held) { continue }
            first[id, default: [:]][s.noticeType] = n
            changed.insert(id)
        }
    }

    private static func refs(_ s: CompactSnapshot, _ store: Store) -> [String] {
        NoticeLists.decode(store.text(s.notice.lists)).refs
    }
}
