/// How the console arranges its panes at a given size.
public enum LayoutMode: String, Sendable {
    /// All four panes share the screen, 2×2: the two wide tables (events,
    /// tasks) in the left column, mediation and alerts in the right.
    case grid
    /// Full-width panes stacked in fixed order; the focused one takes most of
    /// the height, the others keep a few rows (or just their title).
    case stacked
}

/// How much of a pane is shown.
public enum PanePresentation: Equatable, Sendable {
    /// A bordered pane with room for its table or bars.
    case full
    /// A bordered pane with only `rows` rows inside: a glimpse of the top
    /// items while another pane has the focus.
    case summary(rows: Int)
    /// Only a one-row titled rule: the screen is too short for more.
    case titleOnly
}

/// Where one pane goes.
public struct PaneFrame: Equatable, Sendable {
    public var pane: Pane
    /// The whole pane, border included.
    public var rect: Rect
    public var isFocused: Bool
    public var presentation: PanePresentation

    /// Inside the border (empty for a title-only pane): where content goes.
    public var content: Rect {
        presentation == .titleOnly ? Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 0) : rect.inset(by: 1)
    }
}

/// A computed screen: header, four pane frames, footer.
public struct ScreenLayout: Equatable, Sendable {
    public var size: Size
    public var mode: LayoutMode
    public var focus: Pane
    public var header: Rect
    public var footer: Rect
    /// One frame per pane, in `Pane` order.
    public var panes: [PaneFrame]

    public func frame(_ pane: Pane) -> PaneFrame { panes[pane.slot.rawValue] }

    /// The pane under a screen cell (for mouse clicks), if any.
    public func pane(atX x: Int, y: Int) -> Pane? {
        panes.first { $0.rect.contains(x: x, y: y) }?.pane
    }
}
