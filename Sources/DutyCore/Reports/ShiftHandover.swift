/// 交接班: the Markdown document the outgoing duty officer signs over to the
/// next — who hands over and who takes over, the shift's window, what came in
/// and went out, every action the officer took, and everything still owed
/// now: overdue and open tasks, returned tasks awaiting re-dispatch, open
/// mediation cases, unresolved alerts, events past their signing limit, and
/// the officer's note. A pure function of the store, the journal's records
/// and `now` (no wall clock, no dictionary order), so the same input gives
/// the same text.
///
/// Window figures ("this shift": from `shiftStart`, else the `hours` before `now`):
/// - intake: events first reported in the window;
/// - dispatched: tasks first reported in the window (one per 转派);
/// - closed: events whose current state is `closed` or `self_resolved` and
///   whose current snapshot is in the window (both are terminal).
/// State figures are as of now. Overdue is the one definition of the whole
/// console: a task the unit still owes (`openTasksByDue`: not done, not
/// returned) whose due is before now — every one of them is listed, so the
/// list is as long as the header's 超期. Lists that could grow without bound
/// (other open tasks, alerts, late events) stop at `listLimit` and say how
/// many more there are.
public enum ShiftHandover {
    /// The longest list written out item by item; beyond it, a count.
    public static let listLimit = 200

    /// Who hands over, who takes over, what the outgoing officer adds, and
    /// the journal's records (`journalActions` picks the operator's own).
    public struct Parties: Sendable, Equatable {
        public var handedBy: String
        public var takenBy: String
        public var note: String
        public init(handedBy: String, takenBy: String, note: String = "") {
            self.handedBy = handedBy; self.takenBy = takenBy; self.note = note
        }
    }

    /// `signingLimits`: an event should be taken up (signed) within these, by
    /// priority 1…4; the console's rule table by default, so that the
    /// handover calls late what the late-signing alert calls late.
    /// `journal`: the journal's records (`readJournal`); those whose `by` is
    /// `parties.handedBy` and whose ts is in the window are the shift's actions.
    /// `shiftStart`: when the shift began (`shiftStart(in:operatorName:now:)`);
    /// nil: `hours` before `now`.
    public static func markdown(store: Store, now: Millis, hours: Int = 8, shiftStart: Millis? = nil,
                                language: Language = .zh, parties: Parties? = nil, journal: [Record] = [],
                                signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> String {
        let start = shiftStart ?? now - Millis(hours) * TimeSpan.hour
        let w = Writer(store: store, now: now, language: language)
        let a = store.aggregates
        let time = LocalTime.dayClock

        var md = "# " + w.L("handover.title") + "\n\n"
        if let parties {
            md += w.L("handover.handed_by") + ": " + w.v(parties.handedBy) + " · "
                + w.L("handover.taken_by") + ": " + w.v(parties.takenBy) + "\n\n"
        }
        md += w.L("handover.window") + ": " + time(start) + " – " + time(now) + " (" + LocalTime.offsetText + ")\n\n"
        md += figures(store, start: start, now: now, w)

        if let parties {
            let actions = journalActions(journal, by: parties.handedBy, from: start, to: now)
            // Every one, whatever the bound: the officer signs for them.
            md += w.section("handover.actions", actions.count)
            md += actions.isEmpty ? w.L("handover.none") + "\n" : actions.map { actionLine($0, w) + "\n" }.joined()
        }
        md += overdueSection(w) + openTaskSection(w) + returnedSection(w)
        md += mediationSection(w) + alertSection(w)
        md += lateEventSection(w, signingLimits: signingLimits)

        md += "\n## " + w.L("handover.split") + "\n\n"
        let shares = a.resolvedShares
        for tier in MediationTier.allCases {
            let i = Int(tier.rawValue)
            md += "- " + tier.label.text(language) + ": \(a.resolvedByTier[i]) · " + percent(shares[i])
                + " / " + w.L("handover.target") + " \(tier.targetPercent)%\n"
        }
        if let parties {
            md += "\n## " + w.L("handover.note") + "\n\n"
            md += (parties.note.isEmpty ? w.L("handover.none") : w.v(parties.note)) + "\n"
        }
        return md
    }

    /// The shift's figures: intake, dispatches and closures in the window;
    /// overdue tasks and open alerts now.
    static func figures(_ store: Store, start: Millis, now: Millis, _ w: Writer) -> String {
        let a = store.aggregates
        let intake = a.eventsByTime.count(below: now + 1) - a.eventsByTime.count(below: start)
        var dispatched = 0
        for i in 0..<store.count(.task) {
            let first = store.firstTs(.task, Int32(i))
            if first >= start && first <= now { dispatched += 1 }
        }
        var closed = 0, selfResolved = 0
        for i in 0..<store.count(.event) {
            let c = store.current(.event, Int32(i))
            guard c.ts >= start && c.ts <= now else { continue }
            switch c.eventStatus {
            case .closed: closed += 1
            case .selfResolved: closed += 1; selfResolved += 1
            default: break
            }
        }
        var md = "## " + w.L("handover.figures") + "\n\n"
        md += "- " + w.L("handover.intake") + ": \(intake)\n"
        md += "- " + w.L("handover.dispatched") + ": \(dispatched)\n"
        md += "- " + w.L("handover.closed") + ": \(closed) (" + w.L("handover.self_resolved") + " \(selfResolved))\n"
        md += "- " + w.L("handover.overdue") + ": \(overdueCount(store, now: now))\n"
        md += "- " + w.L("handover.open_alerts") + ": " + AlertLevel.allCases.reversed()
            .map { $0.label.text(w.language) + " \(a.openAlertsByLevel[Int($0.rawValue)])" }.joined(separator: ", ") + "\n"
        return md
    }

    /// Tasks overdue now: owed by their unit (not done, not returned) with
    /// their due before `now` — the header's 超期.
    public static func overdueCount(_ store: Store, now: Millis) -> Int {
        store.aggregates.openTasksByDue.count(below: now)
    }

    /// "62.5%": one decimal, no Foundation formatting.
    static func percent(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
