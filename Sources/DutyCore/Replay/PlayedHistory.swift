/// What a replay's played store went through beyond the recording's
/// records, and the checkpoints taken from it: the two things a seek back
/// needs to return to any earlier time of the same play.
///
/// Why the checkpoints are copies of the played store itself, not of a
/// second store fed in the background: a copy shares every page with the
/// store it came from, so the played store and all its checkpoints hold
/// each page once (at 10 M records a background store doubled the replay's
/// memory). The played store also takes changes from outside the recording
/// (operator actions, rule alerts, `Store.OutsideChange`), so each is kept
/// here with the position it came at: a seek back copies the nearest
/// checkpoint that holds none later than the time sought, and replays the
/// records and the kept changes from there, in the order they first came.
struct PlayedHistory {
    /// A change from outside, with the number of records fed when it came.
    struct Change {
        var position: Int
        var change: Store.OutsideChange

        /// The time it belongs to: a record's ts; a refused line has none
        /// (it stays whenever its position does).
        var ts: Millis {
            if case .applied(let r) = change { return r.snapshot.ts }
            return .min
        }

        func apply(to store: Store) {
            switch change {
            case .applied(let r): store.apply(r)
            case .refused(let q): store.refuse(q)
            }
        }
    }

    /// A copy of the played store after `position` records and the first
    /// `changes` outside changes; `latestTs`: the latest ts among those.
    struct Checkpoint {
        var position: Int
        var changes: Int
        var latestTs: Millis
        var store: Store
    }

    private(set) var checkpoints: [Checkpoint] = []
    private(set) var changes: [Change] = []
    /// The latest ts among `changes` (`.min` when none).
    private(set) var latestTs: Millis = .min

    mutating func note(_ change: Store.OutsideChange, at position: Int) {
        let c = Change(position: position, change: change)
        changes.append(c)
        latestTs = max(latestTs, c.ts)
    }

    /// Saves a copy of `store`, just fed through `position`, unless one is
    /// already saved there.
    mutating func checkpoint(_ store: Store, at position: Int) {
        guard position > (checkpoints.last?.position ?? 0) else { return }
        checkpoints.append(Checkpoint(position: position, changes: changes.count, latestTs: latestTs,
                                      store: store.checkpointCopy()))
    }

    /// The latest checkpoint at or before record `target` holding no change
    /// later than `t` (nil: start from an empty store).
    func nearest(target: Int, t: Millis) -> Checkpoint? {
        // `latestTs` never decreases along the checkpoints: the last that fits wins.
        checkpoints.last { $0.position <= target && $0.latestTs <= t }
    }

    /// Goes back to `base` (nil: the start): checkpoints after it and the
    /// changes it does not hold are dropped. Returns those changes that
    /// belong to the state at `t` (record `target`), in order, for the
    /// caller to apply again as it feeds (`note` them as it does).
    mutating func rewind(to base: Checkpoint?, target: Int, t: Millis) -> [Change] {
        let held = base?.changes ?? 0
        let again = changes[held...].filter { $0.position <= target && $0.ts <= t }
        checkpoints.removeAll { $0.position > (base?.position ?? 0) }
        changes.removeSubrange(held...)
        latestTs = base?.latestTs ?? .min
        return again
    }
}
