/// The `dutydesk stats` object: the store's counts as one line of JSON, for
/// scripts and monitoring. Keys are nested (`events.by_status.open` is
/// `{"events":{"by_status":{"open":…}}}`), in a fixed order, and every status
/// of the vocabulary appears even at 0 so consumers never miss a key.
public struct StatsReport: Equatable, Sendable {
    public let json: String

    public init(store: Store) {
        let a = store.aggregates
        let now = store.now
        var w = JSONObjectWriter()
        w.number("records", store.records)
        w.number("quarantined", store.quarantinedTotal)
        w.number("duplicates", store.duplicates)
        w.number("conflicts", store.conflicts)
        w.string("now", store.latestTs == .min && store.clock == .eventTime ? nil : Timestamp.format(now))
        w.object("events") { w in
            w.number("total", a.count(.event))
            w.counts("by_status", EventStatus.self, a.statusCounts[0])
        }
        w.object("tasks") { w in
            w.number("total", a.count(.task))
            w.counts("by_status", TaskStatus.self, a.statusCounts[1])
            w.number("overdue", a.overdueTasks(now: now))
        }
        w.object("mediation") { w in
            w.number("total", a.count(.mediation))
            w.counts("by_tier", MediationTier.self, a.mediationByTier)
            w.counts("resolved_by_tier", MediationTier.self, a.resolvedByTier)
        }
        w.object("alerts") { w in
            w.number("total", a.count(.alert))
            w.counts("open_by_level", AlertLevel.self, a.openAlertsByLevel)
        }
        json = w.finish()
    }
}

/// A minimal writer for flat or nested JSON objects with keys in the order
/// written (the report's keys are fixed, so no general encoder is needed).
struct JSONObjectWriter {
    private var out = "{"
    private var first = true

    private mutating func key(_ k: String) {
        if !first { out += "," }
        first = false
        out += "\"" + k + "\":"
    }

    mutating func number(_ k: String, _ v: Int) { key(k); out += String(v) }

    mutating func string(_ k: String, _ v: String?) {
        key(k)
        if let v {
            var bytes: [UInt8] = []
            RecordWriter.string(v, &bytes)
            out += String(decoding: bytes, as: UTF8.self)
        } else {
            out += "null"
        }
    }

    mutating func object(_ k: String, _ body: (inout JSONObjectWriter) -> Void) {
        key(k)
        var inner = JSONObjectWriter()
        body(&inner)
        out += inner.finish()
    }

    mutating func counts<E: WireEnum>(_ k: String, _: E.Type, _ values: [Int]) {
        object(k) { w in for e in E.allCases { w.number(e.wire, values[Int(e.rawValue)]) } }
    }

    func finish() -> String { out + "}" }
}
