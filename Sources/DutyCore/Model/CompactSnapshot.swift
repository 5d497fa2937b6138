/// A snapshot as the store holds it: plain data of 64 bytes, every text a
/// symbol in the store's `TextTable`. A year of feeds is millions of these, so
/// they carry no references (copies are memcpy, no reference counting) and
/// compare as integers; `Snapshot` is the readable form made on demand.
///
/// The meaning of the text slots depends on the kind:
/// - event: t1 town, t2 grid, t3 domain, t4 title, t5 detail, t6 reporter
/// - task: t1 town, t2 unit, t3 event id, t4 reason
/// - mediation: t1 town, t2 category, t3 village
/// - alert: t1 type, t2 title, t3 ref
/// - notice: t1 number, t2 title, t3 addressees and refs (`NoticeLists`),
///   t4 body, t5 reply, t6 replied_by; `priority` 1 when it has a due
///
/// The slots are internal: readers use the named fields (`event.town`,
/// `task.unit`, see CompactSnapshot+Fields.swift); only this type and the
/// parser that fills it deal in slots.
///
/// Names are interned (one symbol per distinct text); notes, details, event
/// ids and refs are free texts, stored without deduplication.
public struct CompactSnapshot: Equatable, Sendable {
    public var ts: Millis
    /// Task due time in microseconds since the epoch (0 for other kinds);
    /// `due` and `dueMicros` are its two parts.
    public var dueExact: Int64 = 0
    public var offsetMinutes: Int16
    public var dueOffsetMinutes: Int16 = 0
    public var kind: Kind
    /// The status ordinal of the kind's status vocabulary.
    public var status: UInt8
    /// event: priority 1–4; others 0.
    public var priority: UInt8 = 0
    /// event: source; task: type; mediation: tier; alert: level; notice: type.
    public var code: UInt8 = 0
    /// task: outcome ordinal, or `noOutcome`; event: `satisfied` (1 true,
    /// 0 false, `noOutcome` absent).
    public var outcome: UInt8 = CompactSnapshot.noOutcome
    /// The microseconds within `ts`'s millisecond, 0–999. It sits in what
    /// was padding before the symbols: the snapshot stays 60 bytes, and the
    /// store's log entry (snapshot and link) 64.
    public var tsMicros: UInt16 = 0
    public var by: TextID = .none
    public var note: TextID = .none
    var t1: TextID = .none, t2: TextID = .none, t3: TextID = .none
    var t4: TextID = .none, t5: TextID = .none, t6: TextID = .none

    public static let noOutcome: UInt8 = 0xFF

    /// Task due time (0 for other kinds), in milliseconds (rounded down).
    public var due: Millis {
        @inline(__always) get { Self.floorDiv1000(dueExact) }
        set { dueExact = newValue &* 1000 &+ Int64(dueMicros) }
    }

    /// The microseconds within `due`'s millisecond, 0–999.
    public var dueMicros: UInt16 {
        @inline(__always) get { UInt16(truncatingIfNeeded: dueExact &- Self.floorDiv1000(dueExact) &* 1000) }
        set { dueExact = due &* 1000 &+ Int64(newValue) }
    }

    /// ts in microseconds since the epoch: exact, for ordering and comparing.
    public var exactTs: Int64 { ts &* 1000 &+ Int64(tsMicros) }

    /// Whether this snapshot's ts is later than `o`'s, to the microsecond.
    @inline(__always)
    public func isLater(than o: CompactSnapshot) -> Bool { DutyCore.isLater(ts, tsMicros, than: o.ts, o.tsMicros) }

    @inline(__always)
    static func floorDiv1000(_ v: Int64) -> Int64 { v >= 0 ? v / 1000 : (v &- 999) / 1000 }

    public init(ts: Millis, offsetMinutes: Int16, kind: Kind, status: UInt8) {
        self.ts = ts; self.offsetMinutes = offsetMinutes; self.kind = kind; self.status = status
    }

    // Typed views of the codes, for aggregates and panes.
    public var eventStatus: EventStatus { EventStatus(rawValue: status)! }
    public var taskStatus: TaskStatus { TaskStatus(rawValue: status)! }
    public var mediationStatus: MediationStatus { MediationStatus(rawValue: status)! }
    public var alertStatus: AlertStatus { AlertStatus(rawValue: status)! }
    public var tier: MediationTier { MediationTier(rawValue: code)! }
    public var level: AlertLevel { AlertLevel(rawValue: code)! }
    public var noticeStatus: NoticeStatus { NoticeStatus(rawValue: status)! }
    public var noticeType: NoticeType { NoticeType(rawValue: code)! }

    /// Same fields and same texts: how the store tells an exact duplicate
    /// from a conflict (free texts may be equal under different symbols).
    public func sameContent(as o: CompactSnapshot, texts: TextTable) -> Bool {
        if self == o { return true }
        guard ts == o.ts, tsMicros == o.tsMicros, dueExact == o.dueExact, offsetMinutes == o.offsetMinutes, dueOffsetMinutes == o.dueOffsetMinutes,
              kind == o.kind, status == o.status, priority == o.priority, code == o.code, outcome == o.outcome
        else { return false }
        return texts.same(by, o.by) && texts.same(note, o.note) && texts.same(t1, o.t1) && texts.same(t2, o.t2)
            && texts.same(t3, o.t3) && texts.same(t4, o.t4) && texts.same(t5, o.t5) && texts.same(t6, o.t6)
    }

    /// The status as labelled in both languages (`<kind>.status.<wire>`).
    public var statusLabel: Label { Labels.of(kind.wire + ".status", statusWire) }

    /// The status's wire name.
    public var statusWire: String {
        switch kind {
        case .event: EventStatus.wireNames[Int(status)]
        case .task: TaskStatus.wireNames[Int(status)]
        case .mediation: MediationStatus.wireNames[Int(status)]
        case .alert: AlertStatus.wireNames[Int(status)]
        case .notice: NoticeStatus.wireNames[Int(status)]
        }
    }
}

extension CompactSnapshot {
    /// Interns a readable snapshot's texts.
    public init(_ s: Snapshot, texts: TextTable) {
        self.init(ts: s.ts, offsetMinutes: s.offsetMinutes, kind: s.kind, status: UInt8(s.statusOrdinal))
        tsMicros = s.tsMicros
        by = texts.intern(s.by)
        note = texts.store(s.note)
        switch s.body {
        case .event(let e):
            priority = e.priority; code = e.source.rawValue
            t1 = texts.intern(e.town); t2 = texts.intern(e.grid); t3 = texts.intern(e.domain)
            t4 = texts.intern(e.title); t5 = texts.store(e.detail); t6 = texts.intern(e.reporter)
            outcome = e.satisfied.map { $0 ? 1 : 0 } ?? Self.noOutcome
        case .task(let t):
            dueExact = t.due &* 1000 &+ Int64(t.dueMicros); dueOffsetMinutes = t.dueOffsetMinutes; code = t.type.rawValue
            outcome = t.outcome?.rawValue ?? Self.noOutcome
            t1 = texts.intern(t.town); t2 = texts.intern(t.unit); t3 = texts.store(t.event)
            t4 = texts.intern(t.reason)
        case .mediation(let m):
            code = m.tier.rawValue
            t1 = texts.intern(m.town); t2 = texts.intern(m.category); t3 = texts.intern(m.village)
        case .alert(let a):
            code = a.level.rawValue
            t1 = texts.intern(a.type); t2 = texts.intern(a.title); t3 = texts.store(a.ref)
        case .notice(let n):
            code = n.type.rawValue
            if let due = n.due {
                priority = 1
                dueExact = due &* 1000 &+ Int64(n.dueMicros); dueOffsetMinutes = n.dueOffsetMinutes
            }
            t1 = texts.intern(n.number); t2 = texts.intern(n.title)
            t3 = texts.store(NoticeLists.encode(to: n.to, refs: n.refs)); t4 = texts.store(n.body)
            t5 = texts.store(n.reply); t6 = texts.intern(n.repliedBy)
        }
    }

    /// The readable snapshot, with its texts looked up.
    public func snapshot(_ texts: TextTable) -> Snapshot {
        let body: Body
        switch kind {
        case .event:
            body = .event(EventBody(
                town: texts.text(t1), grid: texts.text(t2), domain: texts.text(t3), priority: priority,
                source: EventSource(rawValue: code)!, title: texts.text(t4), status: eventStatus,
                detail: texts.optionalText(t5), reporter: texts.optionalText(t6),
                satisfied: outcome == Self.noOutcome ? nil : outcome == 1))
        case .task:
            body = .task(TaskBody(
                event: texts.optionalText(t3), type: TaskType(rawValue: code)!, unit: texts.text(t2),
                town: texts.text(t1), due: due, dueMicros: dueMicros, dueOffsetMinutes: dueOffsetMinutes, status: taskStatus,
                outcome: outcome == Self.noOutcome ? nil : TaskOutcome(rawValue: outcome),
                reason: texts.optionalText(t4)))
        case .mediation:
            body = .mediation(MediationBody(
                town: texts.text(t1), category: texts.text(t2), tier: tier, status: mediationStatus,
                village: texts.optionalText(t3)))
        case .alert:
            body = .alert(AlertBody(
                level: level, type: texts.text(t1), title: texts.text(t2), status: alertStatus,
                ref: texts.optionalText(t3)))
        case .notice:
            let lists = NoticeLists.decode(texts.text(t3))
            body = .notice(NoticeBody(
                type: noticeType, number: texts.text(t1), title: texts.text(t2), to: lists.to, refs: lists.refs,
                body: texts.text(t4), due: priority == 1 ? due : nil, dueMicros: priority == 1 ? dueMicros : 0,
                dueOffsetMinutes: priority == 1 ? dueOffsetMinutes : LocalTime.offsetMinutes, status: noticeStatus,
                reply: texts.optionalText(t5), repliedBy: texts.optionalText(t6)))
        }
        return Snapshot(ts: ts, tsMicros: tsMicros, offsetMinutes: offsetMinutes, by: texts.optionalText(by),
                        note: texts.optionalText(note), body: body)
    }
}
