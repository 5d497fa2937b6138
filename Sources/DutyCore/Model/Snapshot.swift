/// Milliseconds since the Unix epoch: the one time unit of the store, so that
/// comparisons and aggregates never touch Foundation dates on the hot path.
public typealias Millis = Int64

/// Whether the instant (a, aMicros) is later than (b, bMicros): milliseconds,
/// then the microseconds within them. How one item's snapshots are ordered.
@inline(__always)
public func isLater(_ a: Millis, _ aMicros: UInt16, than b: Millis, _ bMicros: UInt16) -> Bool {
    a > b || (a == b && aMicros > bMicros)
}

/// One record of a feed: a full snapshot of one item at one moment.
/// Equality is semantic (fields, not bytes), which is what tells an exact
/// duplicate from a conflict.
public struct Snapshot: Equatable, Sendable {
    public var ts: Millis
    /// The microseconds within `ts`'s millisecond, 0–999 (feeds carry
    /// microseconds; `ts` alone is what aggregates count in).
    public var tsMicros: UInt16
    /// The ts's UTC offset in minutes, kept so a record is written back as it came.
    public var offsetMinutes: Int16
    public var by: String?
    public var note: String?
    public var body: Body

    public init(ts: Millis, tsMicros: UInt16 = 0, offsetMinutes: Int16 = LocalTime.offsetMinutes, by: String? = nil, note: String? = nil,
                body: Body) {
        self.ts = ts
        self.tsMicros = tsMicros
        self.offsetMinutes = offsetMinutes
        self.by = by
        self.note = note
        self.body = body
    }

    /// ts in microseconds since the epoch: exact, for ordering and comparing.
    public var exactTs: Int64 { ts &* 1000 &+ Int64(tsMicros) }

    public var kind: Kind {
        switch body {
        case .event: .event
        case .task: .task
        case .mediation: .mediation
        case .alert: .alert
        case .notice: .notice
        }
    }

    /// The status ordinal within the kind's status vocabulary.
    public var statusOrdinal: Int {
        switch body {
        case .event(let e): Int(e.status.rawValue)
        case .task(let t): Int(t.status.rawValue)
        case .mediation(let m): Int(m.status.rawValue)
        case .alert(let a): Int(a.status.rawValue)
        case .notice(let n): Int(n.status.rawValue)
        }
    }

    /// The status as labelled in both languages (`<kind>.status.<wire>`).
    public var statusLabel: Label { Labels.of(kind.wire + ".status", statusWire) }

    /// The status's wire name.
    public var statusWire: String {
        switch body {
        case .event(let e): e.status.wire
        case .task(let t): t.status.wire
        case .mediation(let m): m.status.wire
        case .alert(let a): a.status.wire
        case .notice(let n): n.status.wire
        }
    }
}
