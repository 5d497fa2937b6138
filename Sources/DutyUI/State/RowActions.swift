import DutyCore

/// The selected row's actions: the request an action key makes of it (the
/// row resolved to its item's kind and id) and which actions its state
/// allows. The reducer refuses at the key with the first; the footer lists
/// only what the second allows, so a key the footer offers is never refused
/// for the row's state.
struct RowActions {
    let store: Store
    let paneRows: PaneRows

    /// What a request could not be made from.
    enum Missing: Error { case wrongPane, noSelection }

    /// The request `kind` makes of the focused pane's selected row (every
    /// alert shown for acknowledge-all; no item for the handover).
    func request(_ kind: ActionKind, _ state: ConsoleState) -> Result<ActionRequest, Missing> {
        let pane = kind.pane ?? state.actionPane
        guard kind.pane == nil || kind.pane == state.actionPane else { return .failure(.wrongPane) }
        var request = ActionRequest(kind: kind)
        switch state.mode {
        case .list, .detail:
            // In a list across panes, or an incident, the selected row (linked
            // item) is the target (acknowledge-all belongs to the alert pane).
            if kind == .acknowledgeAll { return .failure(.wrongPane) }
            if kind != .handover {
                guard let target = state.listTarget else { return .failure(.noSelection) }
                request.item = ActionRequest.Target(kind: target.kind, id: store.id(target.kind, target.item))
            }
            return .success(request)
        default: break
        }
        if kind == .acknowledgeAll {
            let rows = paneRows.count(pane, store: store, filter: state.filter(pane))
            request.alerts = paneRows.items(pane, store: store, filter: state.filter(pane), from: 0, limit: rows)
                .map { store.id(.alert, $0) }
        } else if kind != .handover, let itemKind = PaneRows.kind(of: pane) {
            let selected = state.selection[pane.rawValue]
            guard let item = paneRows.items(pane, store: store, filter: state.filter(pane), from: selected, limit: 1).first else {
                return .failure(.noSelection)
            }
            request.item = ActionRequest.Target(kind: itemKind, id: store.id(itemKind, item))
        }
        return .success(request)
    }

    /// The focused pane's actions that the selected row's state allows.
    func allowed(_ state: ConsoleState) -> Set<ActionKind> {
        Set(ActionKind.allCases.filter { kind in
            guard kind.pane == state.actionPane else { return false }
            // Acknowledge-all over an unfiltered alert pane: allowed when any alert is
            // unacknowledged, from the aggregate, without listing every alert each frame.
            if kind == .acknowledgeAll, case .main = state.mode, state.filter(.alerts) == nil {
                return store.aggregates.openAlertsByLevel.reduce(0, +) > 0
            }
            guard case .success(let request) = request(kind, state) else { return false }
            return request.refusal(in: store) == nil
        })
    }
}
