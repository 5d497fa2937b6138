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
