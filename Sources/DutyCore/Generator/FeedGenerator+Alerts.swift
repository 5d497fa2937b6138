/// Alerts: 两单一报 from upstream, each opened, acknowledged and resolved.
/// The console's own rule alerts (late signing, 80% pre-warning, overdue,
/// clusters, 6:3:1 drift) are not written: every console derives them from
/// the events and tasks, and a feed that carried them too would show each
/// one twice.
extension FeedGenerator {
    struct AlertItem {
        var id = ""
        var body: AlertBody
        var by: String
        var ackAt: Millis?
        var resolveAt: Millis
        var resolveBy: String
    }

    /// 两单一报 from upstream: 风险提示单, 执法督办单, 通报.
    mutating func newUpstreamAlert(at t: Millis) -> Record {
        let tab = Tables.shared
        let town = District.towns[rng.pick(tab.townWeekday)]
        let domain = District.domains[rng.pick(tab.domainMix[0][0])]
        let body: AlertBody
        let by: String
        switch rng.pick(tab.upstreamMix) {
        case 0:
            let level: AlertLevel = rng.chance(0.75) ? .warning : rng.chance(0.6) ? .critical : .info
            body = AlertBody(level: level, type: "risk_notice",
                             title: "风险提示单：\(town.name)\(rng.element(domain.titles))问题多发", status: .open)
            by = "奉化区综合行政执法局"
        case 1:
            let (id, unit) = recentTasks.isEmpty ? ("", District.center(town)) : rng.element(recentTasks)
            body = AlertBody(level: rng.chance(0.8) ? .warning : .critical, type: "supervision",
                             title: "执法督办单：请\(unit)限期办结", status: .open, ref: id.isEmpty ? nil : "task:" + id)
            by = "奉化区综合行政执法局"
        default:
            let title = rng.element(["通报：\(town.name)网格事件按期办结率偏低", "通报：上周矛盾纠纷化解情况",
                                     "通报：\(domain.name)领域专项整治进展"])
            body = AlertBody(level: rng.chance(0.7) ? .info : .warning, type: "bulletin", title: title, status: .open)
            by = "区社会治理中心"
        }
        let ack = Self.after(t, minutes: rng.lognormal(10, 0.7, 1, 120))
        let item = AlertItem(body: body, by: by, ackAt: ack,
                             resolveAt: Self.after(ack, minutes: rng.lognormal(120, 0.8, 10, 720)),
                             resolveBy: rng.element(District.operators))
        return advance(item, .open, at: t)
    }

    mutating func advance(_ item: AlertItem, _ status: AlertStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        var by = item.by
        switch status {
        case .open:
            item.id = nextID(.alert, at: t)
            if let ack = item.ackAt { schedule(.alert(item, .acked), at: ack) }
            else { schedule(.alert(item, .resolved), at: item.resolveAt) }
        case .acked:
            by = District.operators[Int(item.resolveAt / 1000) % District.operators.count]
            schedule(.alert(item, .resolved), at: item.resolveAt)
        case .resolved:
            by = item.resolveBy
        }
        return Self.record(item.id, t, by, nil, .alert(item.body))
    }
}
