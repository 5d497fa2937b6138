/// A line of the journal that did not parse: kept so the caller can
/// quarantine it like any feed line; it never stops the journal.
public struct JournalBadLine: Equatable, Sendable {
    /// Byte offset of the line's start in the journal.
    public var offset: Int64
    public var error: FeedError

    public init(offset: Int64, error: FeedError) { self.offset = offset; self.error = error }
}

/// What became of one `append`.
public struct JournalResult: Sendable {
    public enum Outcome: Equatable, Sendable {
        /// Durable: the batch is on disk at `offset ..< offset + length`.
        case written(offset: Int64, length: Int)
        /// The check refused; nothing written.
        case refused(JournalRefusal)
        /// This append failed; nothing of it is in the file; now blocked.
        case failed(JournalFailure)
        /// Not attempted: an earlier failure has not been retried yet.
        case blocked(JournalFailure)
        /// The ledger could not be reached (the database offline): nothing
        /// written, and nothing blocked: the next append tries again.
        case unavailable(JournalFailure)
    }

    public var outcome: Outcome
    /// Records other consoles appended, read during this call (ingest them
    /// whatever the outcome). The builder's view holds the first of them;
    /// a ledger may add more read after the builder (the database, after a
    /// refused commit: the records that won).
    public var read: [Record]
    /// Lines read that did not parse.
    public var badLines: [JournalBadLine]
    /// The records written (what the builder made), when `.written`.
    public var written: [Record] = []

    public init(outcome: Outcome, read: [Record], badLines: [JournalBadLine], written: [Record] = []) {
        self.outcome = outcome; self.read = read; self.badLines = badLines; self.written = written
    }

    public var isWritten: Bool {
        if case .written = outcome { return true }
        return false
    }
}
