/// Why an append wrote nothing because the item moved on: the operator acted
/// on a state another console has already changed. Shown in the status line,
/// in the operator's language (`message`); `reason` is its English text, for
/// logs.
public struct JournalRefusal: Error, Equatable, Sendable {
    public var message: Label
    public var reason: String { message.en }
    public init(_ reason: String) { message = Label(reason, reason) }
    public init(_ message: Label) { self.message = message }

    /// Two refusals are the same when they say the same (in English).
    public static func == (a: JournalRefusal, b: JournalRefusal) -> Bool { a.reason == b.reason }

    /// "already dispatched by 王 at 10:42" / "已被王于10:42改为已转派": the
    /// item's status now, who wrote it and when (local wall time of the
    /// record's own offset), so that the operator knows whom to call rather
    /// than just that it failed.
    public static func alreadyChanged(_ record: Record) -> JournalRefusal {
        let s = record.snapshot
        let status = s.statusLabel
        let at = LocalTime.clock(s.ts, offsetMinutes: s.offsetMinutes)
        return JournalRefusal(Label("已被\(s.by ?? "他人")于\(at)改为\(status.zh)",
                                    "already \(status.en)\(s.by.map { " by \($0)" } ?? "") at \(at)"))
    }

    /// "E1 already dispatched by 王 at 10:42": `alreadyChanged` naming the
    /// item, for a refusal where the operator's action touched several.
    public static func changed(_ record: Record) -> JournalRefusal {
        let m = alreadyChanged(record).message
        return JournalRefusal(Label(record.id + " " + m.zh, record.id + " " + m.en))
    }
}
