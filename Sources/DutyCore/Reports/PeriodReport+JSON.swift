/// `dutydesk report --format json`: every key of issue 14, in its order,
/// each present even at 0; rates as fractions of 4 decimals or null.
extension PeriodReport {
    /// One line of JSON; `from` and `to` are echoed as the user gave them.
    public func json(fromText: String, toText: String) -> String {
        var w = JSONObjectWriter()
        w.string("from", fromText)
        w.string("to", toText)
        w.object("events") { w in
            w.number("total", events.total)
            w.counts("by_source", events.bySource)
            w.counts("by_status", events.byStatus)
            w.rate("self_resolved_rate", events.selfResolvedRate)
            w.number("enforcement", events.enforcement)
            w.number("petition_to_enforcement", events.petitionToEnforcement)
        }
        w.object("tasks") { w in
            w.number("total", tasks.total)
            w.counts("by_type", tasks.byType)
            w.number("done", tasks.done)
            w.number("on_time", tasks.onTime)
            w.rate("on_time_rate", tasks.onTimeRate)
            w.number("returned", tasks.returned)
            w.object("returned_by_reason") { w in
                for r in tasks.returnedByReason { w.number(r.reason, r.count) }
            }
        }
        w.object("mediation") { w in
            w.number("total", mediation.total)
            w.number("resolved", mediation.resolved)
            w.counts("resolved_by_tier", mediation.resolvedByTier)
            w.object("split") { w in
                for tier in MediationTier.allCases { w.rate(tier.wire, mediation.split[tier] ?? nil) }
            }
        }
        w.object("notices") { w in
            w.counts("by_type", notices.byType)
            w.number("replied_on_time", notices.repliedOnTime)
        }
        w.object("satisfaction") { w in
            w.number("surveyed", satisfaction.surveyed)
            w.number("satisfied", satisfaction.satisfied)
            w.rate("rate", satisfaction.rate)
        }
        w.array("towns", towns) { w, t in
            w.string("town", t.town)
            w.number("events", t.events)
            w.number("enforcement", t.enforcement)
            w.number("tasks", t.tasks)
            w.rate("on_time_rate", t.onTimeRate)
            w.number("overdue_now", t.overdueNow)
            w.number("mediation_resolved", t.mediationResolved)
        }
        w.array("daily", daily) { w, d in
            w.string("date", d.date)
            w.number("events", d.events)
            w.number("tasks", d.tasks)
            w.number("done", d.done)
        }
        return w.finish()
    }
}

extension JSONObjectWriter {
    /// Every case of a vocabulary in its order, 0 when missing.
    mutating func counts<E: WireEnum>(_ k: String, _ values: [E: Int]) {
        object(k) { w in for e in E.allCases { w.number(e.wire, values[e] ?? 0) } }
    }
}
