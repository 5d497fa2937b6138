import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 13: one generated year of the `.district` profile (`generate --seed
/// 1 --days 365`) lands within ±25% of the district's published annual
/// figures, counted from the records themselves; and `.bench2026` still
/// writes today's mix (the bench's input).
@Suite struct GeneratorYearTests {
    /// What a year's records say, counted as a reader of the feed would.
    struct YearCounts {
        var events = 0, selfResolved = 0
        var enforcedEvents = 0, enforcedPetitions = 0, jointTasks = 0, referralTasks = 0
        var notices: [NoticeType: Int] = [:]
        var repliesDue = 0, repliesOnTime = 0
        var resolvedByTier = [0, 0, 0]
        var calledBack = 0, satisfied = 0
        var documentAlerts = 0

        init(_ records: (((Record) -> Void) -> Void)) {
            var source: [String: EventSource] = [:]
            var latestEvent: [String: EventBody] = [:]
            var enforced = Set<String>()
            var taskTypes: [String: TaskType] = [:]
            var noticeDue: [String: (type: NoticeType, due: Millis?, replied: Millis?)] = [:]
            var mediation: [String: MediationBody] = [:]
            records { r in
                switch r.snapshot.body {
                case .event(let e):
                    if source[r.id] == nil { source[r.id] = e.source }
                    latestEvent[r.id] = e
                case .task(let t):
                    taskTypes[r.id] = t.type
                    if t.type.isEnforcement, let event = t.event { enforced.insert(event) }
                case .mediation(let m):
                    mediation[r.id] = m
                case .alert(let a):
                    if ["risk_notice", "supervision", "bulletin"].contains(a.type) { documentAlerts += 1 }
                case .notice(let n):
                    var entry = noticeDue[r.id] ?? (n.type, n.due, nil)
                    if n.status == .replied && entry.replied == nil { entry.replied = r.snapshot.ts }
                    noticeDue[r.id] = entry
                }
            }
            events = latestEvent.count
            selfResolved = latestEvent.values.filter { $0.status == .selfResolved }.count
            for id in enforced {
                if source[id] == .petition { enforcedPetitions += 1 } else if source[id] != nil { enforcedEvents += 1 }
            }
            jointTasks = taskTypes.values.filter { $0 == .joint }.count
            referralTasks = taskTypes.values.filter { $0 == .referral }.count
            for n in noticeDue.values {
                notices[n.type, default: 0] += 1
                if let due = n.due, let replied = n.replied {
                    repliesDue += 1
                    if replied <= due { repliesOnTime += 1 }
                }
            }
            for m in mediation.values where m.status == .resolved { resolvedByTier[Int(m.tier.rawValue)] += 1 }
            for e in latestEvent.values where e.source == .hotline || e.source == .public {
                guard let s = e.satisfied else { continue }
                calledBack += 1
                if s { satisfied += 1 }
            }
        }
    }

    static func within(_ got: Int, _ target: Int) -> Bool {
        Double(got) >= Double(target) * 0.75 && Double(got) <= Double(target) * 1.25
    }

    /// About 6 s in a debug build on the 2-core development machine (the
    /// year is about 600,000 records, counted as they are generated).
    @Test func aGeneratedYearMatchesTheDistrictsFigures() {
        let start = Timestamp.millis(year: 2026, month: 1, day: 1)
        let c = YearCounts { emit in
            var g = FeedGenerator(seed: UInt64(ProcessInfo.processInfo.environment["DUTYDESK_YEAR_SEED"] ?? "1") ?? 1, start: start, profile: .district)
            g.generate(days: 365, emit: emit)
        }
        typealias Y = FeedGenerator.DistrictYear
        let perDay = Double(c.events) / 365
        #expect(perDay > 340 && perDay < 460, "\(perDay) events a day")
        let settled = Double(c.selfResolved) / Double(c.events)
        #expect(settled > 0.76 && settled < 0.84, "\(settled) settled on the spot")
        #expect(Self.within(c.enforcedEvents, Y.enforcedEvents), "\(c.enforcedEvents) grid events enforced")
        #expect(Self.within(c.jointTasks, Y.jointTasks), "\(c.jointTasks) joint tasks")
        #expect(Self.within(c.enforcedPetitions, Y.enforcedPetitions), "\(c.enforcedPetitions) petitions enforced")
        #expect(Self.within(c.referralTasks, Y.referralTasks), "\(c.referralTasks) referrals")
        #expect(Self.within(c.notices[.supervision] ?? 0, Y.supervisionNotices), "\(c.notices)")
        #expect(Self.within(c.notices[.riskNotice] ?? 0, Y.riskNotices), "\(c.notices)")
        #expect(Self.within(c.notices[.bulletin] ?? 0, Y.bulletins), "\(c.notices)")
        #expect(c.repliesDue >= 10 && c.repliesOnTime * 4 >= c.repliesDue * 3, "\(c.repliesOnTime) of \(c.repliesDue) replies on time")
        let resolved = Double(c.resolvedByTier.reduce(0, +))
        for (tier, share) in [0.6, 0.3, 0.1].enumerated() {
            let got = Double(c.resolvedByTier[tier]) / resolved
            #expect(got >= share * 0.75 && got <= share * 1.25, "tier \(tier): \(got)")
        }
        #expect(c.calledBack > 1000 && Double(c.satisfied) >= Double(c.calledBack) * Y.satisfaction,
                "\(c.satisfied) of \(c.calledBack) satisfied")
        #expect(c.documentAlerts == 0)
        if ProcessInfo.processInfo.environment["DUTYDESK_YEAR_FIGURES"] != nil { print("year figures: \(c)") }
    }

    /// The bench's profile still writes 两单一报 as alerts and no notices,
    /// petitions, general tasks or `satisfied` (today's mix, byte for byte:
    /// GeneratorTests' figures are over it).
    @Test func theBenchProfileKeepsTodaysMix() {
        let c = YearCounts { emit in GeneratedFeed.records(seed: 1, days: 7).forEach(emit) }
        #expect(c.documentAlerts > 50 && c.notices.isEmpty && c.enforcedPetitions == 0 && c.calledBack == 0)
        #expect(c.enforcedEvents > 7 * 25)
    }
}
