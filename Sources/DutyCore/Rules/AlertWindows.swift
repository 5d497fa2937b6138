/// A time-ordered list of entries watched through a sliding window
/// (ts − window, ts], swept over the moments its content changes: an entry
/// joins at its ts and leaves at ts + window. A rule's condition over the
/// window is checked at each such moment, so an alert's start and end times
/// are exact instants of the feed — the same whatever the sequence of `now`s
/// the sweep was driven through, which is what makes replay at any speed
/// give the same alerts. Entries that have left are dropped, so a sweep costs
/// what the window holds, not the store's history.
struct WindowSweep {
    struct Entry { var ts: Millis; var tag: Int32 }

    let window: Millis
    /// Sorted by ts (ties in arrival order).
    private(set) var entries: [Entry] = []
    /// Every change up to this instant has been swept.
    private(set) var sweptUntil: Millis = .min
    /// Whether the condition held at `sweptUntil`.
    private(set) var holding = false

    init(window: Millis) { self.window = window }

    /// Nothing pending and nothing holding: the sweep can be forgotten.
    var isIdle: Bool { entries.isEmpty && !holding }

    mutating func add(_ ts: Millis, tag: Int32) {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].ts <= ts { lo = mid + 1 } else { hi = mid }
        }
        entries.insert(Entry(ts: ts, tag: tag), at: lo)
    }

    /// A moment the condition changed, with the window's entries then.
    struct Flip { var at: Millis; var on: Bool; var window: [Entry] }

    /// Walks the change instants in (sweptUntil, now]; at each, evaluates
    /// `holds` over the entries in the window and reports when the answer
    /// changes. Entries that left the window by `now` are dropped.
    mutating func sweep(until now: Millis, holds: (ArraySlice<Entry>) -> Bool) -> [Flip] {
        var flips: [Flip] = []
        guard now > sweptUntil else { return flips }
        let n = entries.count
        // a: first entry not yet arrived; d: first entry not yet departed.
        var a = 0
        while a < n && entries[a].ts <= sweptUntil { a += 1 }
        var d = 0
        while d < a && entries[d].ts + window <= sweptUntil { d += 1 }
        while true {
            let nextArrival = a < n ? entries[a].ts : .max
            let nextDeparture = d < a ? entries[d].ts + window : .max
            let t = min(nextArrival, nextDeparture)
            if t == .max || t > now { break }
            while a < n && entries[a].ts == t { a += 1 }
            while d < a && entries[d].ts + window <= t { d += 1 }
            let h = holds(entries[d..<a])
            if h != holding {
                holding = h
                flips.append(Flip(at: t, on: h, window: Array(entries[d..<a])))
            }
        }
        entries.removeFirst(d)
        sweptUntil = now
        return flips
    }
}

/// The rules over windows of time rather than single items: clusters of
/// events, the 6:3:1 drift of resolved mediation, and the feed's health.
extension AlertRuleEngine {
    /// Events of one grid and one domain (their interned names).
    struct ClusterKey: Hashable { var grid: TextID; var domain: TextID }

    struct ClusterState {
        var sweep: WindowSweep
        /// The open alert of the current cluster, if one is holding.
        var active: Pending?
    }

    /// An alert a window rule opened, remembered until its window clears.
    struct Pending { var id: String; var rule: AlertRule; var title: String; var ref: String? }

    mutating func noteClusterEvent(_ store: Store, _ index: Int32) {
        let s = store.current(.event, index)
        let key = ClusterKey(grid: s.event.grid, domain: s.event.domain)
        clusters[key, default: ClusterState(sweep: WindowSweep(window: config.clusterWindow))]
            .sweep.add(store.firstTs(.event, index), tag: index)
    }

    mutating func sweepClusters(_ store: Store, now: Millis) {
        let need = config.clusterCount
        for key in Array(clusters.keys) {
            var state = clusters[key]!
            for f in state.sweep.sweep(until: now, holds: { $0.count >= need }) {
                if f.on {
                    let first = f.window.first!, last = f.window.last!
                    let grid = store.text(key.grid), domain = store.text(key.domain)
                    let id = AlertRule.id(.cluster, "\(grid)-\(domain)-\(LocalTime.compactStamp(first.ts))")
                    let title = "聚集性事件：\(grid) \(domain) \(AlertRule.span(config.clusterWindow))内\(f.window.count)起"
                    let ref = "event:" + store.id(.event, last.tag)
                    if raise(store, .cluster, id: id, at: f.at, title: title, ref: ref, now: now) {
                        state.active = Pending(id: id, rule: .cluster, title: title, ref: ref)
                    }
                } else if let p = state.active {
                    settle(store, p, at: f.at, note: "聚集已消散", now: now)
                    state.active = nil
                }
            }
            clusters[key] = state.sweep.isIdle && state.active == nil ? nil : state
        }
    }

    /// New mediation cases, and cases that were open and have resolved since
    /// (looked at only when the store's resolved count moved).
    mutating func noteMediation(_ store: Store) {
        let count = store.count(.mediation)
        for i in seenMediation..<count { trackCase(store, Int32(i)) }
        seenMediation = count
        let resolved = store.aggregates.resolvedByTier.reduce(0, +)
        guard resolved != lastResolvedTotal else { return }
        lastResolvedTotal = resolved
        for i in openCases { openCases.remove(i); trackCase(store, i) }
    }

    private mutating func trackCase(_ store: Store, _ i: Int32) {
        let s = store.current(.mediation, i)
        if s.mediationStatus == .resolved { drift.add(s.ts, tag: Int32(s.code)) }
        else if s.mediationStatus.isOpen { openCases.insert(i) }
    }

    mutating func sweepDrift(_ store: Store, now: Millis) {
        let c = config
        func shares(_ w: ArraySlice<WindowSweep.Entry>) -> (district: Double, village: Double)? {
            guard w.count >= c.driftMinResolved, !w.isEmpty else { return nil }
            var n = [0, 0, 0]
            for e in w { n[Int(e.tag)] += 1 }
            let total = Double(w.count)
            return (Double(n[Int(MediationTier.district.rawValue)]) / total,
                    Double(n[Int(MediationTier.village.rawValue)]) / total)
        }
        let flips = drift.sweep(until: now, holds: { w in
            guard let s = shares(w) else { return false }
            return s.district > c.districtShareMax || s.village < c.villageShareMin
        })
        for f in flips {
            if f.on, let s = shares(f.window[...]) {
                let id = AlertRule.id(.tierDrift, LocalTime.compactDate(f.at))
                let title = "矛调分级偏离6:3:1：近\(AlertRule.span(c.driftWindow))区级占比\(Int((s.district * 100).rounded()))%"
                    + "（上限\(Int(c.districtShareMax * 100))%），村社占比\(Int((s.village * 100).rounded()))%"
                    + "（下限\(Int(c.villageShareMin * 100))%）"
                if raise(store, .tierDrift, id: id, at: f.at, title: title, ref: nil, now: now) {
                    driftActive = Pending(id: id, rule: .tierDrift, title: title, ref: nil)
                }
            } else if !f.on, let p = driftActive {
                settle(store, p, at: f.at, note: "分级比例恢复正常", now: now)
                driftActive = nil
            }
        }
    }

    /// Feed health runs on the wall clock the signals come from: it is for
    /// live watching and is not part of what replay reproduces. These two
    /// rules depend on when lines arrive (and on lines refused), not on the
    /// records: they are outside the invariant that the unresolved alerts at
    /// t are a function of the feeds and the journal, and `dutydesk alerts`
    /// never raises them.
    mutating func checkFeed(_ store: Store, now: Millis, feed: FeedSignals) {
        // Quiet: keyed by the last line's time, so one quiet spell is one alert.
        if let p = quietActive {
            if feed.lastLineMillis != quietSince || !feed.live {
                let at = feed.live ? (feed.lastLineMillis ?? now) : now
                settle(store, p, at: at, note: feed.live ? "数据源恢复" : "已停止实时监视", now: now)
                quietActive = nil
            }
        }
        if quietActive == nil, feed.live, let last = feed.lastLineMillis, now >= last + config.feedQuietAfter {
            let id = AlertRule.id(.feedQuiet, LocalTime.compactStamp(last))
            let title = "数据源静默：\(AlertRule.span(config.feedQuietAfter))无新数据"
            if raise(store, .feedQuiet, id: id, at: last + config.feedQuietAfter, title: title, ref: nil, now: now) {
                quietActive = Pending(id: id, rule: .feedQuiet, title: title, ref: nil)
                quietSince = last
            }
        }
        // Bursts of refused lines: counted against the latest sample at least
        // a window old (the first sample is the baseline: a backlog found at
        // start-up is not a burst).
        if let lastSample = quarantineSamples.last, now < lastSample.at { return }
        quarantineSamples.append((now, feed.quarantinedTotal))
        while quarantineSamples.count > 1 && quarantineSamples[1].at <= now - config.quarantineWindow {
            quarantineSamples.removeFirst()
        }
        let fresh = feed.quarantinedTotal - quarantineSamples[0].total
        if let p = errorsActive, fresh < config.quarantineBurst {
            settle(store, p, at: now, note: "错误行不再增加", now: now)
            errorsActive = nil
        } else if errorsActive == nil, fresh >= config.quarantineBurst {
            let id = AlertRule.id(.feedErrors, LocalTime.compactStamp(now))
            let title = "数据源错误：\(AlertRule.span(config.quarantineWindow))内新增错误行\(fresh)行"
            if raise(store, .feedErrors, id: id, at: now, title: title, ref: nil, now: now) {
                errorsActive = Pending(id: id, rule: .feedErrors, title: title, ref: nil)
            }
        }
    }
}
