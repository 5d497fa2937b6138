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
        w.object("notices") { w in
            w.number("total", a.count(.notice))
            w.counts("by_type", NoticeType.self, a.noticesByType)
            w.counts("by_status", NoticeStatus.self, a.statusCounts[Int(Kind.notice.rawValue)])
            w.number("overdue_replies", a.overdueNoticeReplies(now: now))
        }
        json = w.finish()
    }
}
