/// Why an append could not be made durable. Nothing of the batch is left in
/// the file; the journal is blocked until `retry()`.
public struct JournalFailure: Error, Equatable, Sendable {
    public enum Step: String, Sendable { case open, lock, read, repair, write, sync, truncate, ids }
    public var step: Step
    /// The errno (0 for a short write, which has none).
    public var code: Int32
    /// Human text with the errno's strerror, e.g. "write failed: No space left on device".
    public var message: String

    public init(step: Step, code: Int32, message: String) {
        self.step = step; self.code = code; self.message = message
    }
}
