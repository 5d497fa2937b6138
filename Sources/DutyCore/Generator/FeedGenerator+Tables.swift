extension FeedGenerator {
    /// Cumulative weight tables, built once from `District` (arrays only).
    struct Tables: Sendable {
        static let shared = Tables()

        let townWeekday: [Double], townWeekend: [Double]
        /// The weekend's event volume relative to a weekday (0.8, 溪口 1.5, weighted).
        let weekendEventFactor: Double
        /// [urban 0/1][evening 19–22 0/1]: 新业态 ×5 in the evening, 农业/自然资源/水利 ×2 in the country.
        let domainMix: [[[Double]]]
        let sourceMix: [Double], categoryMix: [Double]
        let priorityMix = cumulative([2, 13, 50, 35])
        /// Starting tier. With escalations and the longer higher-tier cases, the
        /// cases settled within a week split close to 6:3:1 (≈ 56:32:12 long-run).
        let tierMix = cumulative([62, 28, 10])
        /// In `TaskOutcome` order: rectified, penalty, no_penalty, transferred, no_issue.
        let outcomeMix = cumulative([55, 12, 15, 5, 13])
        /// risk_notice, supervision, bulletin.
        let upstreamMix = cumulative([45, 35, 20])
        /// Share of a day's events in each local hour (fenghua.md's rhythm, 13–14 and 20–22 assumed).
        let eventRhythm: [Double]
        /// Office-hours rhythm of mediation, upstream alerts and campaigns (assumed).
        let officeRhythm: [Double]
        /// [town][domain]: units able to take it, the town's own and the district's.
        let candidates: [[(local: [String], district: [String])]]

        init() {
            let towns = District.towns
            townWeekday = Self.cumulative(towns.map(\.share))
            townWeekend = Self.cumulative(towns.map { $0.share * District.weekendFactor($0) })
            weekendEventFactor = towns.reduce(0) { $0 + $1.share * District.weekendFactor($1) } / towns.reduce(0) { $0 + $1.share }
            domainMix = [false, true].map { urban in
                [false, true].map { evening in
                    Self.cumulative(District.domains.map { d in
                        var w = d.weight
                        if evening && d.name == District.nightDomain { w *= 5 }
                        if ["农业农村", "自然资源", "水利河道"].contains(d.name) { w *= urban ? 0.4 : 2 }
                        if ["市容环境", "新业态"].contains(d.name) && !urban { w *= 0.7 }
                        return w
                    })
                }
            }
            sourceMix = Self.cumulative(District.sources.map(\.weight))
            categoryMix = Self.cumulative(District.mediationCategories.map(\.weight))
            let hourly: [Double] = [0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 1, 1, 2, 2, 1, 1, 1,
                                    1.8, 1.8, 1.8, 1.2, 1.2, 1.2, 0.6, 0.6, 0.15, 0.15]
            eventRhythm = hourly.map { $0 / hourly.reduce(0, +) }
            let office: [Double] = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.3, 1, 1, 1, 1, 0.4, 1,
                                    1, 1, 1, 1, 0.4, 0.2, 0.2, 0.1, 0.05, 0.05]
            officeRhythm = office.map { $0 / office.reduce(0, +) }
            candidates = towns.map { town in
                District.domains.map { domain in
                    let units = District.dispatchOrder(town: town.name, domain: domain.name)
                    return (units.filter { $0.town != nil }.map(\.name), units.filter { $0.town == nil }.map(\.name))
                }
            }
        }

        static func cumulative(_ weights: [Double]) -> [Double] {
            var sum = 0.0
            let total = weights.reduce(0, +)
            return weights.map { sum += $0; return sum / total }
        }
    }
}
