/// Grid events and the enforcement tasks dispatched for them: an event is
/// settled on the spot, closed after 核查, cancelled as a duplicate, or
/// dispatched to a unit as a task, which is signed, worked and done (or
/// returned and re-dispatched) before the event is closed. Campaigns
/// (专项整治) are tasks without an event.
extension FeedGenerator {
    struct EventItem {
        var id: String
        var body: EventBody
        var town: Int
        var domain: Int
        /// The grid's own 网格员, who settles events on the spot.
        var worker: String
        /// Tasks made so far: a returned task is re-dispatched, at most twice.
        var tasks = 0
        /// `.district`: whether its tasks are enforcement (else `general`),
        /// drawn once so a re-dispatch keeps it.
        var enforcement = false
    }

    struct TaskItem {
        var id = ""
        var body: TaskBody
        var event: EventItem?
        var priority: UInt8
        /// The next steps' times, drawn when the task is created.
        var plan: [Millis] = []
    }

    /// How fast an event of priority 1…4 leaves `open` (signed and handled,
    /// dispatched or closed), relative to a routine one: 红 is picked up at
    /// once, 橙 the same hour. Against the console's signing limits (15 min,
    /// 1 h, 4 h, 24 h) that leaves about ten late signings a day, which with
    /// the feed's own alerts stays near fenghua.md's 15–30 alerts a day.
    static let openPace: [Double] = [0.15, 0.4, 0.9, 1.2]

    // MARK: Events

    mutating func newEvent(at t: Millis) -> Record {
        let tab = Tables.shared
        let c = LocalTime.civil(t)
        let ti = rng.pick(c.weekday >= 6 ? tab.townWeekend : tab.townWeekday)
        let town = District.towns[ti]
        let di = rng.pick(tab.domainMix[town.isUrban ? 1 : 0][(19..<22).contains(c.hour) ? 1 : 0])
        let domain = District.domains[di]
        let grid = rng.below(town.grids)
        let village = town.villages[town.community(ofGrid: grid)]
        let worker = District.gridWorkers[(ti * 37 + grid) % District.gridWorkers.count]
        var source = District.sources[rng.pick(tab.sourceMix)].source
        let district = profile == .district
        if district && rng.chance(DistrictYear.petitionShare) { source = .petition }
        let masked = rng.element(District.surnames) + (rng.chance(0.5) ? "先生" : "女士")
        let (by, reporter): (String, String?) = switch source {
        case .grid: (worker, worker)
        case .public: ("随手拍平台", masked)
        case .hotline: ("12345平台", masked)
        case .sensor: ("视频AI平台", nil)
        case .upper: ("区社会治理中心", nil)
        case .referral: (tab.candidates[ti][di].district.first ?? "区综合行政执法局", nil)
        case .petition: ("区信访局", masked)
        }
        let body = EventBody(
            town: town.name, grid: town.gridCode(grid), domain: domain.name,
            priority: UInt8(rng.pick(tab.priorityMix) + 1), source: source,
            title: rng.element(domain.titles), status: .open,
            detail: rng.chance(0.4) ? village + rng.element(District.spots) : nil, reporter: reporter)
        var item = EventItem(id: nextID(.event, at: t), body: body, town: ti, domain: di, worker: worker)
        var u = rng.unit()
        let pace = Self.openPace[Int(body.priority) - 1]
        if district {
            // The district's year: most of what is not settled on the spot is
            // dispatched, few of those need enforcement; petitions are never settled on the spot.
            typealias Y = DistrictYear
            if source == .petition {
                item.enforcement = rng.chance(Y.petitionEnforcement)
                u = u < Y.petitionDispatched ? 0.85 : 0.95
            } else {
                item.enforcement = rng.chance(Y.enforcementChance)
                u = u < 0.80 ? u : u < 0.80 + Y.dispatchedShare ? 0.85 : u < 0.80 + Y.dispatchedShare + Y.closedShare ? 0.95 : 0.99
            }
        }
        if u < 0.80 {
            schedule(.event(item, .selfResolved), at: Self.after(t, minutes: rng.lognormal(40 * pace, 0.9, 5 * pace, 360)))
        } else if u < 0.91 {
            schedule(.event(item, .dispatched), at: Self.after(t, minutes: rng.lognormal(30 * pace, 0.6, 10 * pace, 180)))
        } else if u < 0.98 {
            schedule(.event(item, .closed), at: Self.after(t, minutes: rng.lognormal(120 * pace, 0.6, 30 * pace, 1440)))
        } else {
            schedule(.event(item, .cancelled), at: Self.after(t, minutes: rng.uniform(10, 90)))
        }
        return Self.record(item.id, t, by, nil, .event(body))
    }

    mutating func advance(_ item: EventItem, _ status: EventStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        let center = District.center(District.towns[item.town])
        var by = center
        var note: String?
        switch status {
        case .selfResolved:
            by = item.worker
            note = rng.chance(0.5) ? rng.element(Self.settledNotes) : nil
            satisfaction(&item.body)
        case .dispatched:
            let unit = pickUnit(item, avoiding: nil)
            note = "派遣至" + unit
            schedule(.task(newTask(for: item, unit: unit), .dispatched), at: t)
        case .closed:
            // Without a task: closed by the center after 核查; with one, after it is done.
            note = item.tasks == 0 ? rng.element(Self.checkedNotes) : "任务办结，核查通过，结案"
            satisfaction(&item.body)
        default:
            note = "重复件"
        }
        return Self.record(item.id, t, by, note, .event(item.body))
    }

    /// `.district`: the follow-up call's verdict on a hotline or public report, once settled.
    private mutating func satisfaction(_ body: inout EventBody) {
        guard profile == .district, body.source == .hotline || body.source == .public else { return }
        body.satisfied = rng.chance(DistrictYear.satisfiedChance)
    }

    /// A unit for the event: usually one of its town's own, else a district
    /// one; within each list the first (the domain's main unit) most often.
    private mutating func pickUnit(_ item: EventItem, avoiding previous: String?) -> String {
        let c = Tables.shared.candidates[item.town][item.domain]
        for _ in 0..<4 {
            let list = !c.local.isEmpty && (c.district.isEmpty || rng.chance(0.7)) ? c.local : c.district
            let unit = list.count == 1 || rng.chance(0.6) ? list[0] : list[1 + rng.below(list.count - 1)]
            if unit != previous { return unit }
        }
        return c.district.first { $0 != previous } ?? c.local[0]
    }

    // MARK: Tasks

    private mutating func newTask(for event: EventItem, unit: String) -> TaskItem {
        var event = event
        event.tasks += 1
        let town = District.towns[event.town]
        let u = rng.unit()
        var type: TaskType = u < 0.06 ? .joint : u < 0.08 ? .referral
            : unit.hasSuffix("执法中队") ? .empowered : .inspection
        if profile == .district {
            typealias Y = DistrictYear
            type = !event.enforcement ? .general : u < Y.jointOnEvent ? .joint : u < Y.jointOnEvent + Y.referralOnEvent ? .referral
                : unit.hasSuffix("执法中队") ? .empowered : .inspection
        }
        let body = TaskBody(event: event.id, type: type, unit: unit, town: town.name, due: 0,
                            status: .dispatched)
        return TaskItem(body: body, event: event, priority: event.body.priority)
    }

    /// A campaign (专项整治), or with `joint` a planned joint operation
    /// (联合执法, `.district` only): tasks with no event.
    mutating func newCampaign(at t: Millis, joint: Bool = false) -> Record {
        let tab = Tables.shared
        let (name, domain) = rng.element(Self.campaigns)
        let ti = rng.pick(tab.townWeekday)
        let di = District.domains.firstIndex { $0.name == domain } ?? 0
        let unit = tab.candidates[ti][di].local.first ?? tab.candidates[ti][di].district[0]
        let body = TaskBody(event: nil, type: joint ? .joint : .campaign, unit: unit, town: District.towns[ti].name,
                            due: t + 7 * TimeSpan.day, status: .dispatched)
        var item = TaskItem(body: body, event: nil, priority: 4)
        item.id = nextID(.task, at: t)
        var at = t
        for (median, low, high) in [(90.0, 30.0, 240.0), (1440, 360, 2880), (2160, 1440, 4320), (480, 120, 1440)] {
            at = Self.after(at, minutes: rng.lognormal(median, 0.5, low, high))
            item.plan.append(at)
        }
        schedule(.task(item, .signed), at: item.plan[0])
        let note = joint ? "联合执法行动：" + name.replacingAll("专项整治", with: "").replacingAll("专项行动", with: "").replacingAll("专项", with: "") : name
        return Self.record(item.id, t, "奉化区综合行政执法局", note, .task(body))
    }

    mutating func advance(_ item: TaskItem, _ status: TaskStatus, at t: Millis) -> Record {
        var item = item
        item.body.status = status
        var by = item.body.unit
        var note: String?
        switch status {
        case .dispatched:
            item.id = nextID(.task, at: t)
            item.body.due = t + TaskTimeLimits.standard.limit(priority: item.priority)
            by = District.center(District.towns[item.event!.town])
            plan(&item, from: t)
            if profile == .district && item.body.type.isEnforcement {
                if recentEnforcement.count < 16 { recentEnforcement.append((item.id, item.body.unit)) }
                else { recentEnforcement[Int(seq % 16)] = (item.id, item.body.unit) }
            }
            if recentTasks.count < 64 { recentTasks.append((item.id, item.body.unit)) }
            else { recentTasks[recentNext] = (item.id, item.body.unit) }
            recentNext = (recentNext + 1) % 64
        case .returned:
            item.body.reason = rng.element(District.returnReasons)
            note = "申请退回"
            let event = item.event!
            let unit = pickUnit(event, avoiding: item.body.unit)
            schedule(.task(newTask(for: event, unit: unit), .dispatched),
                     at: Self.after(t, minutes: rng.uniform(30, 180)))
        case .signed:
            schedule(.task(item, .onSite), at: item.plan[1])
        case .onSite:
            note = rng.chance(0.3) ? "已到场核实" : nil
            schedule(.task(item, .feedback), at: item.plan[2])
        case .feedback:
            note = "已反馈处置结果"
            schedule(.task(item, .done), at: item.plan[3])
        case .done:
            let outcome = item.event == nil ? TaskOutcome.rectified
                : TaskOutcome(rawValue: UInt8(rng.pick(Tables.shared.outcomeMix)))!
            item.body.outcome = outcome
            note = Self.outcomeNotes[Int(outcome.rawValue)]
            if let event = item.event {
                by = District.center(District.towns[event.town])
                schedule(.event(event, .closed), at: Self.after(t, minutes: rng.uniform(5, 60)))
            } else {
                by = "奉化区综合行政执法局"
            }
        }
        return Self.record(item.id, t, by, note, .task(item.body))
    }

    /// Draws the task's course: ≈5% returned; otherwise signed within minutes,
    /// then on site, feedback and done inside the time limit, except ≈3.5%
    /// that run over. Rule alerts (late signing, 80% pre-warning, overdue)
    /// are scheduled for the tasks that will earn them.
    private mutating func plan(_ item: inout TaskItem, from t: Millis) {
        if item.event!.tasks < 3 && rng.chance(0.05) {
            schedule(.task(item, .returned), at: Self.after(t, minutes: rng.uniform(10, 120)))
            return
        }
        let limit = Double(TaskTimeLimits.standard.limit(priority: item.priority)) / Double(TimeSpan.minute)
        let median = [50.0, 90, 240, 360][Int(item.priority) - 1]
        let total = rng.chance(0.035) ? limit * rng.uniform(1.05, 1.8)
            : rng.lognormal(median, 0.7, 20, limit * 0.95)
        let sign = min(rng.exponential(12) + 1, total * 0.25)
        let rest = total - sign
        let a = rng.uniform(0.1, 0.35), b = rng.uniform(0.3, 0.5)
        var at = t
        for gap in [sign, rest * a, rest * b, rest * (1 - a - b)] {
            at = Self.after(at, minutes: gap)
            item.plan.append(at)
        }
        schedule(.task(item, .signed), at: item.plan[0])
    }

    static let settledNotes = ["现场劝导，已整改", "已督促当事人清理", "当事人已自行拆除", "已协调物业处理"]
    static let checkedNotes = ["核查属实，已协调相关部门处置", "经核查已整改到位", "核查不属实，予以结案"]
    /// In `TaskOutcome` order.
    static let outcomeNotes = ["责令整改，复查合格", "已立案处罚", "首违不罚，已教育", "已移送相关部门", "现场核查无问题"]
    static let campaigns = [
        ("电动车违规充电专项整治", "消防安全"), ("校园周边环境专项整治", "市容环境"), ("夜市油烟噪声专项整治", "新业态"),
        ("违法建设专项整治", "违法建设"), ("河道清四乱专项行动", "水利河道"), ("食品安全专项检查", "市场监管"),
        ("秸秆禁烧专项巡查", "农业农村"),
    ]
}
