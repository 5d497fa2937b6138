/// The center's documents (两单一报) in the `.district` profile, scheduled by
/// fixed rules (`DistrictYear`) rather than drawn, so a year's counts never
/// swing with a change elsewhere in the generator: issued at 10:00, replied
/// (most on time, one in six a day late), then closed; 通报 ask no reply.
extension FeedGenerator {
    struct NoticeItem {
        var id: String
        var body: NoticeBody
        /// When the reply comes (nil: none asked).
        var replyAt: Millis?
    }

    /// Queues the documents due on the day starting at `dayStart`.
    mutating func scheduleNotices(dayStart: Millis) {
        let day = Int((dayStart - start) / TimeSpan.day)
        let at = Self.wholeSecond(dayStart + 10 * TimeSpan.hour)
        typealias Y = DistrictYear
        if LocalTime.civil(at).day == Y.bulletinDay { schedule(.newNotice(.bulletin), at: at) }
        if day % Y.riskEvery == Y.riskFirst { schedule(.newNotice(.riskNotice), at: at + TimeSpan.minute) }
        if day % Y.supervisionEvery == Y.supervisionFirst { schedule(.newNotice(.supervision), at: at + 2 * TimeSpan.minute) }
    }

    mutating func newNotice(_ type: NoticeType, at t: Millis) -> Record {
        let year = NoticeNumbering.year(t)
        let key = "\(type.rawValue)-\(year)"
        let n = (noticeNumbers[key] ?? 0) + 1
        noticeNumbers[key] = n
        let id = "DOC-\(year)-" + ["R", "S", "B"][Int(type.rawValue)] + Timestamp.pad(n, 4)
        let tab = Tables.shared
        let ti = rng.pick(tab.townWeekday), di = rng.pick(tab.domainMix[0][0])
        let town = District.towns[ti], domain = District.domains[di]
        let c = LocalTime.civil(t)
        var body: NoticeBody
        switch type {
        case .riskNotice:
            body = NoticeBody(type: type, number: "", title: "关于\(town.name)\(domain.name)领域风险隐患的提示",
                              to: [District.center(town), tab.candidates[ti][di].district.first ?? "奉化区综合行政执法局"], refs: [],
                              body: "近期\(town.name)\(rng.element(domain.titles))问题多发，请采取措施加强管控，并于期限内书面回复。",
                              due: t + 5 * TimeSpan.day, status: .issued)
        case .supervision:
            let (task, unit) = recentEnforcement.isEmpty ? ("", District.center(town)) : rng.element(recentEnforcement)
            body = NoticeBody(type: type, number: "", title: "关于督促\(unit)限期办结执法任务的督办单", to: [unit],
                              refs: task.isEmpty ? [] : ["task:" + task],
                              body: "该任务已超过办理时限，请立即组织处置，并于期限内反馈办理结果。",
                              due: t + 3 * TimeSpan.day, status: .issued)
        case .bulletin:
            // The month before the one it is issued in.
            let (y, m) = c.month == 1 ? (c.year - 1, 12) : (c.year, c.month - 1)
            body = NoticeBody(type: type, number: "", title: "\(y)年\(m)月综合指挥工作通报",
                              to: District.towns.map(\.name), refs: [],
                              body: "现将上月网格事件受理、执法任务办理和矛盾纠纷化解情况通报如下。", due: nil, status: .issued)
        }
        body.number = NoticeNumbering.format(type, year: year, n)
        var replyAt: Millis?
        if let due = body.due {
            // Most replies on time; every sixth of its series a day late.
            replyAt = n % 6 == 0 ? due + TimeSpan.day : Self.after(t, minutes: rng.uniform(0.4, 0.9) * Double(due - t) / 60_000)
            schedule(.notice(NoticeItem(id: id, body: body, replyAt: replyAt), .replied), at: replyAt!)
        } else {
            schedule(.notice(NoticeItem(id: id, body: body, replyAt: nil), .closed), at: t + 20 * TimeSpan.day)
        }
        return Self.record(id, t, "奉化区综合指挥中心", nil, .notice(body))
    }

    mutating func advance(_ item: NoticeItem, _ status: NoticeStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        var by = rng.element(District.operators)
        switch status {
        case .replied:
            item.body.repliedBy = item.body.to[0]
            item.body.reply = "已按要求组织整改，现将落实情况回复如下：问题已整改到位，将加强日常巡查。"
            by = item.body.to[0]
            schedule(.notice(item, .closed), at: Self.after(t, minutes: rng.uniform(240, 1440)))
        default: break
        }
        return Self.record(item.id, t, by, nil, .notice(item.body))
    }
}
