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
        return JournalRefusal("already \(s.statusWire)\(who) at \(LocalTime.clock(s.ts, offsetMinutes: s.offsetMinutes))")
    }

    /// "E1 already dispatched by 王 at 10:42": `alreadyChanged` naming the
    /// item, for a refusal where the operator's action touched several.
    public static func changed(_ record: Record) -> JournalRefusal {
        JournalRefusal(record.id + " " + alreadyChanged(record).reason)
    }
}
