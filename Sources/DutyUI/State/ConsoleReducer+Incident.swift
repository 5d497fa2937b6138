import DutyCore

/// The incident view's keys: `Enter` from a pane opens the item's incident,
/// j/k select a linked item, `Enter` enters it (pushing the view it came
/// from), `Esc`/`Backspace`/`q` go back one level, to the panes from the
/// first. The help screen opened from an incident goes back to it.
extension ConsoleReducer {
    /// Opens the incident view of an item from the panes: a fresh stack, the
    /// item's own row selected among its links.
    func openIncident(_ target: DetailTarget, _ state: inout ConsoleState) {
        state.detailStack = []
        show(target, &state)
    }

    /// Enters the selected linked item: the view shown goes on the stack.
    func enterLinked(from target: DetailTarget, _ state: inout ConsoleState) {
        let members = links(of: target)
        guard !members.isEmpty else { return }
        let member = members[max(0, min(state.detailLink, members.count - 1))]
        guard member != IncidentMember(kind: target.kind, index: target.item) else { return }
        pushDetail(target, &state)
        show(DetailTarget(kind: member.kind, item: member.index), &state)
    }

    /// Back one level: the previous incident view as it was left, or the
    /// list it was opened from (a header figure's, 待办), or the panes.
    func goBack(_ state: inout ConsoleState) {
        guard let previous = state.detailStack.popLast() else {
            if case .detail = state.mode, let list = state.listReturn {
                state.listReturn = nil
                state.mode = .list(list)
                retarget(list, &state)   // the list's row again, not the incident's link
            } else {
                state.mode = .main
            }
            state.detailLink = 0
            return
        }
        var shown = previous
        shown.link = 0; shown.scroll = 0
        state.mode = .detail(shown)
        state.detailLink = previous.link
        state.overlayScroll = previous.scroll
        targetLink(shown, &state)
    }

    /// After the store changed under an incident view: the selection stays
    /// on the linked item the action keys act on (a new task or alert may
    /// have moved it down), so the row highlighted is the one acted on.
    public func followLink(_ state: inout ConsoleState) {
        guard case .detail(let target) = state.mode else { return }
        let members = links(of: target)
        if let t = state.listTarget, let row = members.firstIndex(of: IncidentMember(kind: t.kind, index: t.item)) {
            state.detailLink = row
        }
        targetLink(target, &state)
    }

    /// The selected linked item becomes what action keys act on.
    func targetLink(_ target: DetailTarget, _ state: inout ConsoleState) {
        let members = links(of: target)
        guard !members.isEmpty else { state.listTarget = ItemRef(target.kind, target.item); return }
        let m = members[max(0, min(state.detailLink, members.count - 1))]
        state.listTarget = ItemRef(m.kind, m.index)
    }

    /// Keeps the view shown, with its selection and scroll, under the next one.
    func pushDetail(_ target: DetailTarget, _ state: inout ConsoleState) {
        var saved = target
        saved.link = state.detailLink
        saved.scroll = state.overlayScroll
        state.detailStack.append(saved)
    }

    /// Moves the selection over the linked items (it stops at either end).
    func moveLink(_ delta: Int, in target: DetailTarget, _ state: inout ConsoleState) {
        let count = links(of: target).count
        state.detailLink = max(0, min(count - 1, state.detailLink + delta))
        targetLink(target, &state)
    }

    private func show(_ target: DetailTarget, _ state: inout ConsoleState) {
        state.mode = .detail(target)
        state.overlayScroll = 0
        let own = IncidentMember(kind: target.kind, index: target.item)
        state.detailLink = links(of: target).firstIndex(of: own) ?? 0
        targetLink(target, &state)
    }

    /// The linked items of a target's incident, in the view's order.
    func links(of target: DetailTarget) -> [IncidentMember] {
        guard Int(target.item) < store.count(target.kind) else { return [] }
        return IncidentLinks.incident(of: target.kind, target.item, in: store).members
    }
}
