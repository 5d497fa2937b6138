import DequeModule

/// Where "now" comes from: the wall clock when watching live, the latest
/// ingested ts in stats and replay, or a fixed time (`--at`, tests).
public enum Clock: Sendable, Equatable {
    case wall
    case eventTime
    case fixed(Millis)
}
