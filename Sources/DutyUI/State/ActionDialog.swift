import DutyCore

/// The words of an action's chooser title and y/n question: the action, the
/// item by its id (a task with its unit, a case with its tier and the next),
/// and the choice made — so that the officer confirms what will happen to
/// what, not just "sure?". `退回 ZF-…（锦屏…中队）· 属地不符？`,
/// `上提 M-…：村社/网格 → 镇街？`, `转派 SJ-… → 江口派出所 · 时限 12-04 13:30`.
enum ActionDialog {
    /// The action and its item: "退回 ZF-…（unit）", "上提 M-…：村社/网格 → 镇街",
    /// "全部确认 12 条告警".
    static func subject(_ request: ActionRequest, store: Store, _ language: Language) -> String {
        let zh = language == .zh
        var text = request.kind.label.text(language)
        if request.kind == .acknowledgeAll {
            return text + " \(request.alerts.count) " + ConsoleLabels.of("ui", "alerts_counted").text(language)
        }
        guard let target = request.item else { return text }
        text += " " + target.id
        guard let i = store.index(target.kind, id: target.id) else { return text }
        switch store.current(target.kind, i).snapshot(store.texts).body {
        case .task(let t) where !t.unit.isEmpty:
            text += zh ? "（" + t.unit + "）" : " (" + t.unit + ")"
        case .mediation(let m) where request.kind == .escalate:
            if let next = MediationTier(rawValue: m.tier.rawValue + 1) {
                text += (zh ? "：" : ": ") + m.tier.label.text(language) + " → " + next.label.text(language)
            }
        default: break
        }
        return text
    }

    /// The y/n question: the subject, the choice, a question mark.
    static func question(_ request: ActionRequest, store: Store, _ language: Language) -> String {
        var text = subject(request, store: store, language)
        if let choice = request.choice.shown(language) { text = then(text, choice) }
        return text + (language == .zh ? "？" : "?")
    }

    /// A chooser's title: a dispatch names the unit under the cursor and the
    /// due time it would set (now + the event's limit, local time); the
    /// others their subject and what to choose.
    static func title(_ chooser: ActionChooser, store: Store, _ language: Language) -> String {
        let subject = subject(chooser.request, store: store, language)
        guard chooser.request.kind == .dispatch, chooser.options.indices.contains(chooser.selected),
              case .unit(let unit) = chooser.options[chooser.selected].value else {
            return then(subject, chooser.title)
        }
        var text = subject + " → " + unit
        if let limit = chooser.limit {
            text = then(text, ConsoleLabels.of("col", "due").text(language) + " " + LocalTime.dayClock(store.now + limit))
        }
        return text
    }

    /// "a · b"; a full-width bracket carries its own space: "（…）· 属地不符".
    static func then(_ a: String, _ b: String) -> String { a + (a.hasSuffix("）") ? "· " : " · ") + b }
}
