/// What the feed machinery knows and the store does not: when the last line
/// arrived (wall clock), how many lines were refused in all, and whether the
/// console is watching live (quiet feeds matter only then).
public struct FeedSignals: Sendable, Equatable {
    public var lastLineMillis: Millis?
    public var quarantinedTotal: Int
    public var live: Bool

    public init(lastLineMillis: Millis?, quarantinedTotal: Int, live: Bool) {
        self.lastLineMillis = lastLineMillis; self.quarantinedTotal = quarantinedTotal; self.live = live
    }
}
