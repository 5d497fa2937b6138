/// Task ids: `ZF-YYYYMMDD-NNNN` for the local (`LocalTime`) date of the action,
/// NNNN at least four digits. A console allocates them under the journal's
/// lock (`JournalView.nextTaskID`): above the counter of the date in the id
/// state file beside the journal, every id of the date the journal holds and
/// every id of the date in the store (`highest`), so ids from the feeds, the
/// generator and other consoles, even in journals since renamed, are never
/// reused. `next` alone (the store only) is a preview, not an allocation.
public enum TaskNumbering {
    public static let prefix = "ZF-"

    /// `ZF-YYYYMMDD-` for the local date of `now`.
    public static func datePrefix(_ now: Millis) -> String {
        prefix + LocalTime.compactDate(now) + "-"
    }

    /// The highest NNNN of the date of `now` among the store's task ids
    /// (0 when none). Scans every task id (tasks are a few dozen a day, some
    /// thousands a year: a millisecond, once per dispatch).
    public static func highest(in store: Store, now: Millis) -> Int {
        let p = datePrefix(now)
        var highest = 0
        for i in 0..<store.count(.task) {
            let id = store.id(.task, Int32(i))
            guard id.hasPrefix(p), let n = number(id.utf8.dropFirst(p.utf8.count)) else { continue }
            highest = max(highest, n)
        }
        return highest
    }

    /// The id of number `n` of a date's `ZF-YYYYMMDD-` prefix (NNNN at least four digits).
    public static func id(_ datePrefix: String, _ n: Int) -> String { datePrefix + Timestamp.pad(n, 4) }

    /// The next id after the store's highest of the day: a preview only.
    public static func next(in store: Store, now: Millis) -> String {
        datePrefix(now) + Timestamp.pad(highest(in: store, now: now) + 1, 4)
    }

    /// `ZF-YYYYMMDD-` and NNNN of a task id of that form, else nil.
    public static func split(_ id: String) -> (prefix: String, number: Int)? {
        let u = Array(id.utf8)
        guard u.count >= 16, id.hasPrefix(prefix), u[11] == UInt8(ascii: "-"),
              u[3..<11].allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = number(u[12...]) else { return nil }
        return (String(decoding: u[..<12], as: UTF8.self), n)
    }

    /// Numbers with more digits than this are not ours to count from: a
    /// day never has a billion dispatches, and an id such as
    /// `ZF-20261204-9223372036854775807` in a feed (or in the id state file)
    /// would otherwise make the next id overflow and stop every console.
    /// Such ids stay valid records; they are only never a base for the next.
    public static let maxDigits = 9
    /// The largest number counted, and so the largest ever issued.
    public static let maxNumber = 999_999_999

    /// NNNN as a number: 1–`maxDigits` ASCII digits, else nil.
    public static func number<C: Collection>(_ digits: C) -> Int? where C.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= maxDigits else { return nil }
        var n = 0
        for d in digits {
            guard d >= 48 && d <= 57 else { return nil }
            n = n * 10 + Int(d - 48)
        }
        return n
    }
}
