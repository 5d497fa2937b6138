/// The values the operator journal hands back: what it read, why it refused,
/// why it failed, and the faults tests inject. Kept apart from
/// `OperatorJournal` so that the journal file reads as the one protocol
/// (lock → repair → read → check → write → sync → unlock).

/// A fault the next append meets instead of the real system call, one shot:
/// the disk cannot be made full or flaky on demand in a unit test, and the
/// recovery paths (truncate back, block) are the part that must be right.
enum JournalFault: Equatable, Sendable {
    /// write() puts only the first `bytes` bytes on disk and returns that count.
    case shortWrite(bytes: Int)
    /// write() fails with this errno (e.g. ENOSPC) after putting `bytes` bytes
    /// on disk first, as a full disk can.
    case writeError(errno: Int32, bytes: Int)
    /// The whole batch is written, then fdatasync fails with this errno (EIO).
    case syncError(errno: Int32)
}

/// Why an append wrote nothing because the item moved on: the operator acted
/// on a state another console has already changed. Shown in the status line.
public struct JournalRefusal: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }

    /// "already dispatched by 王 at 10:42": the item's status now, who wrote
    /// it and when (local wall time of the record's own offset), so that the
    /// operator knows whom to call rather than just that it failed.
    public static func alreadyChanged(_ record: Record) -> JournalRefusal {
        let s = record.snapshot
        let who = s.by.map { " by \($0)" } ?? ""
        return JournalRefusal("already \(s.statusWire)\(who) at \(clockTime(s.ts, s.offsetMinutes))")
    }

    /// "E1 already dispatched by 王 at 10:42": `alreadyChanged` naming the
    /// item, for a refusal where the operator's action touched several.
    public static func changed(_ record: Record) -> JournalRefusal {
        JournalRefusal(record.id + " " + alreadyChanged(record).reason)
    }

    /// HH:MM of a timestamp in its own UTC offset.
    static func clockTime(_ ts: Millis, _ offsetMinutes: Int16) -> String {
        let local = ts / 1000 + Int64(offsetMinutes) * 60
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        let h = secondOfDay / 3600, m = secondOfDay / 60 % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

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

/// A line of the journal that did not parse: kept so the caller can
/// quarantine it like any feed line; it never stops the journal.
public struct JournalBadLine: Equatable, Sendable {
    /// Byte offset of the line's start in the journal.
    public var offset: Int64
    public var error: FeedError
}

/// What the check closure sees, under the lock: the records other consoles
/// appended since this journal last read, and the latest snapshot of every
/// item the journal has seen (its own writes and everyone else's). The
/// closure may ingest `newRecords` into the caller's store and consult that
/// instead; either is current, as nobody can append while the lock is held.
public struct JournalView {
    /// Records read since the last read, in file order.
    public let newRecords: [Record]
    let index: [JournalKey: Record]
    let ids: TaskIDAllocator

    /// The latest snapshot (by ts; ties keep the first, as the store does) of
    /// an item among every record this journal has read or written.
    public func latest(_ kind: Kind, id: String) -> Record? { index[JournalKey(kind: kind, id: id)] }

    /// A task id `ZF-YYYYMMDD-NNNN` for the local date of `now` that no
    /// console has issued: above the id state file's counter of that date
    /// (every id any console allocated through this journal's path, even in
    /// journals since renamed away), above every id of the date this journal
    /// has read or written, and above `above` (the caller's highest of the
    /// date, e.g. `TaskNumbering.highest(in: store, now:)` for ids from the
    /// feeds). Recorded in the state file before the batch is written.
    public func nextTaskID(now: Millis, above: Int = 0) -> String { ids.next(now: now, above: above) }
}

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

/// The id state file `<journal>.ids`: one line per date, `ZF-YYYYMMDD- N`
/// (the highest number issued that day), after a comment line. The newest
/// `keptDays` dates are kept.
enum TaskIDState {
    static let keptDays = 400
    static let header = "# dutydesk task ids: the highest NNNN issued per date (ZF-YYYYMMDD-NNNN); do not edit\n"

    static func parse(_ bytes: [UInt8]) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let parts = line.split(separator: UInt8(ascii: " "))
            guard parts.count == 2, let n = TaskNumbering.number(parts[1]) else { continue }
            let prefix = String(decoding: parts[0], as: UTF8.self)
            guard prefix.hasPrefix(TaskNumbering.prefix) else { continue }
            out[prefix] = max(out[prefix] ?? 0, n)
        }
        return out
    }

    static func format(_ counters: [String: Int]) -> [UInt8] {
        var text = header
        for p in counters.keys.sorted().suffix(keptDays) { text += p + " \(counters[p]!)\n" }
        return Array(text.utf8)
    }
}

struct JournalKey: Hashable {
    var kind: Kind
    var id: String
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
    }

    public var outcome: Outcome
    /// Records other consoles appended, read during this call (ingest them
    /// whatever the outcome).
    public var read: [Record]
    /// Lines read that did not parse.
    public var badLines: [JournalBadLine]
    /// The records written (what the builder made), when `.written`.
    public var written: [Record] = []

    public var isWritten: Bool {
        if case .written = outcome { return true }
        return false
    }
}
