import Dispatch
import Synchronization

/// The queue an object's owner confined it to, checked at the object's entry
/// points in debug builds. The store, the tailer and the journal are not
/// thread-safe by design (locks would cost the hot path); this turns "only
/// from the console's queue" from a comment into a trap when a debug build
/// breaks it. Opt-in: tests make these objects on arbitrary threads, so
/// nothing is checked until `confine(to:)` names a queue.
///
/// The queue sits behind a mutex because it is set from the owner's thread
/// (`FeedTailer.stop()`) while the confined queue may be reading it; release
/// builds never read it at all, so the hot path pays nothing.
final class QueueConfinement: Sendable {
    private let queue = Mutex<DispatchQueue?>(nil)

    /// From now on, entry points must run on `queue` (nil: anywhere).
    func confine(to queue: DispatchQueue?) {
        self.queue.withLock { $0 = queue }
    }

    /// Traps when called off the confined queue (debug builds; a no-op in
    /// release builds and when no queue was set).
    @inline(__always)
    func check() {
        #if DEBUG
        if let queue = queue.withLock({ $0 }) { dispatchPrecondition(condition: .onQueue(queue)) }
        #endif
    }
}
