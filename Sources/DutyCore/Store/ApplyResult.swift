import DequeModule

/// What became of one record.
public enum ApplyResult: Sendable, Equatable {
    /// A new item.
    case created
    /// A newer snapshot: the item's current state changed.
    case updated
    /// An older snapshot, filed in the timeline; the current state is unchanged.
    case historical
    /// The same snapshot was already held: counted, not stored.
    case duplicate
    /// Same kind, id and ts (to the microsecond) as a held snapshot but different content: the first is kept.
    case conflict
}
