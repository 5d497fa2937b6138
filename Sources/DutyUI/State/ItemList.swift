import DutyCore

/// A list across panes, shown over them: the items a header figure counts,
/// or the needs-action queue. Its rows act as in their own panes (Enter
/// opens the item, action keys act on it).
public enum ItemList: Equatable, Sendable {
    case figure(HeaderFigure)
    case needsAction

    /// The list's title, from the label table.
    public func title(_ language: Language) -> String {
        switch self {
        case .figure(let f): ConsoleLabels.of("ui", f.labelKey).text(language)
        case .needsAction: ConsoleLabels.of("ui", "needs_action").text(language)
        }
    }
}

/// One row of an item list: an item (with why it is there, in the
/// needs-action queue) or a refused feed line.
public enum ItemListRow: Equatable, Sendable {
    case item(ItemRef, NeedsAction.Entry?)
    case badLine(QuarantinedLine)

    public var ref: ItemRef? {
        if case .item(let r, _) = self { return r }
        return nil
    }
}
