/// Mediation cases (矛盾纠纷): accepted at a tier, mediated, then resolved,
/// referred out, failed, or moved up a tier and accepted again there.
extension FeedGenerator {
    struct MediationItem {
        var id = ""
        var body: MediationBody
        var town: Int
        var outcome: MediationStatus = .resolved
        var plan: [Millis] = []
    }

    mutating func newMediation(at t: Millis) -> Record {
        let tab = Tables.shared
        let ti = rng.pick(tab.townWeekday)
        let town = District.towns[ti]
        let body = MediationBody(town: town.name, category: District.mediationCategories[rng.pick(tab.categoryMix)].name,
                                 tier: MediationTier(rawValue: UInt8(rng.pick(profile == .district ? DistrictYear.tierMix : tab.tierMix)))!, status: .accepted,
                                 village: rng.element(town.villages))
        return advance(MediationItem(body: body, town: ti), .accepted, at: t)
    }

    /// 受理 at a tier draws that tier's outcome: mostly resolved; some moved
    /// up a tier (上提), a few referred out or failed. Higher tiers take longer.
    mutating func advance(_ item: MediationItem, _ status: MediationStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        let tier = Int(item.body.tier.rawValue)
        let town = District.towns[item.town]
        let by = [(item.body.village ?? town.short) + "调委会", town.short + "司法所", "区矛调中心"][tier]
        var note: String?
        switch status {
        case .accepted:
            if item.id.isEmpty { item.id = nextID(.mediation, at: t) }
            let u = rng.unit()
            let (escalate, fail) = [(0.10, 0.03), (0.08, 0.04), (0.0, 0.08)][tier]
            item.outcome = u < escalate ? .escalated : u < escalate + fail ? (rng.chance(0.7) ? .referred : .failed) : .resolved
            let start = Self.after(t, minutes: rng.lognormal([120.0, 180, 360][tier], 0.6, 20, 2880))
            item.plan = [start, Self.after(start, minutes: rng.lognormal([360.0, 1080, 2160][tier], 0.7, 30, 43200))]
            schedule(.mediation(item, .mediating), at: start)
        case .mediating:
            schedule(.mediation(item, item.outcome), at: item.plan[1])
        case .escalated:
            note = "调解不成，上提至" + ["镇街", "区级"][tier]
            var next = item
            next.body.tier = MediationTier(rawValue: UInt8(tier + 1))!
            schedule(.mediation(next, .accepted), at: Self.after(t, minutes: rng.uniform(60, 1440)))
        case .resolved: note = rng.chance(0.6) ? "达成调解协议" : "当场履行完毕"
        case .referred: note = rng.element(["引导诉讼（诉调对接）", "转劳动仲裁", "转信访程序"])
        case .failed: note = "双方分歧较大，调解终止"
        }
        return Self.record(item.id, t, by, note, .mediation(item.body))
    }
}
