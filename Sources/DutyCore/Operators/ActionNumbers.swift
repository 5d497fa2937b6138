/// The numbers an action takes when it creates an item: a new task's id and
/// a new document's number and id. Before the ledger's lock they are a
/// preview from the store (`preview`); under it they come from the ledger's
/// view (`JournalView`): the file journal's id state and the store's highest
/// document, or the database's counters. An action that creates nothing
/// never asks.
public struct ActionNumbers {
    let task: (Millis) -> String
    let notice: (NoticeType, Millis) -> (number: String, id: String)

    public init(task: @escaping (Millis) -> String, notice: @escaping (NoticeType, Millis) -> (number: String, id: String)) {
        self.task = task
        self.notice = notice
    }

    /// A new task's id for the local date of `now`. Called as a function,
    /// the numbers give the task id: what every action but 印发 needs.
    public func callAsFunction(_ now: Millis) -> String { task(now) }

    /// A new task's id for the local date of `now`.
    public func taskID(_ now: Millis) -> String { task(now) }

    /// A new document's number in its series of the year of `now`, and its id.
    public func notice(_ type: NoticeType, now: Millis) -> (number: String, id: String) { notice(type, now) }

    /// The store's next numbers: what the operator would get if nobody else
    /// acted first. Never an allocation.
    public static func preview(_ store: Store) -> ActionNumbers {
        ActionNumbers(task: { TaskNumbering.next(in: store, now: $0) },
                      notice: { NoticeNumbering.next($0, now: $1, in: store) })
    }

    /// The numbers under a ledger's lock: from `view`, above the highest the
    /// store holds (ids and numbers from the feeds join the series).
    public static func allocated(from view: JournalView, store: Store) -> ActionNumbers {
        ActionNumbers(
            task: { now in view.nextTaskID(now: now, above: TaskNumbering.highest(in: store, now: now)) },
            notice: { type, now in
                let year = NoticeNumbering.year(now)
                let n = view.nextNoticeNumber(type, year: year, above: NoticeNumbering.highest(type, year: year, in: store))
                return NoticeNumbering.document(type, year: year, n, in: store)
            })
    }
}
