
/// The result of laying out: a screen, or the sizes for the too-small message.
public enum LayoutResult: Equatable, Sendable {
    case screen(ScreenLayout)
    case tooSmall(need: Size, have: Size)
}

/// Layout as a pure function of the terminal size and the focus, like
/// lazygit's: no state, no terminal, so every size can be tested as a text
/// drawing and a resize is simply a new call.
///
/// Breakpoints:
/// - below `minimum` (60×16): `tooSmall` — the narrowest a task row still
///   shows id, status and time left, and the focused pane keeps 8 rows;
/// - at least `gridMinimum` (120×30): `grid`, all four panes at once;
/// - in between (80×24 is the design case): `stacked`.
public enum Layout {
    public static let minimum = Size(width: 60, height: 16)
    public static let gridMinimum = Size(width: 120, height: 30)
    /// Header rows: title, clock and badge; then today's counts and feed health.
    public static let headerHeight = 2
    /// Footer row: the keys of the focused pane.
    public static let footerHeight = 1
    /// Height of the mediation pane in grid mode: three tiers, a legend and
    /// the verdict line fit in 8 rows inside the border.
    public static let mediationHeight = 10
    /// The focused pane's least height in stacked mode, border included.
    public static let focusedMinimum = 10

    /// The least rows (border included) a list keeps in grid mode when the
    /// pane beside it takes the rows it leaves empty.
    public static let listMinimum = 6

    /// `demand`: rows each pane's content fills (`PaneDemand`); with it, the
    /// grid's columns are shared by content (`RowShare`), without it by the
    /// usual proportions.
    public static func compute(width: Int, height: Int, focus: Pane, demand: PaneDemand? = nil) -> LayoutResult {
        let have = Size(width: width, height: height)
        guard width >= minimum.width, height >= minimum.height else {
            return .tooSmall(need: minimum, have: have)
        }
        let header = Rect(x: 0, y: 0, width: width, height: headerHeight)
        let footer = Rect(x: 0, y: height - footerHeight, width: width, height: footerHeight)
        let body = Rect(x: 0, y: headerHeight, width: width, height: height - headerHeight - footerHeight)
        let grid = width >= gridMinimum.width && height >= gridMinimum.height
        let focus = focus.slot
        let rects = grid ? gridRects(body, demand: demand) : stackedRects(body, focus: focus, demand: demand)
        let frames = Pane.screen.map { pane in
            PaneFrame(pane: pane, rect: rects[pane.rawValue].rect, isFocused: pane == focus,
                      presentation: rects[pane.rawValue].presentation)
        }
        return .screen(ScreenLayout(size: have, mode: grid ? .grid : .stacked, focus: focus,
                                    header: header, footer: footer, panes: frames))
    }

    /// Left column 3/5 of the width: events over tasks (events a little
    /// taller: it is the busiest table). Right column: mediation at its fixed
    /// height over alerts, which take the rest. With a demand, a pane whose
    /// list is short gives its empty rows to the one beside it: the open
    /// mediation cases grow over an alert list of a few rows, the events over
    /// a short task list.
    static func gridRects(_ body: Rect, demand: PaneDemand? = nil) -> [(rect: Rect, presentation: PanePresentation)] {
        let (left, right) = body.splitLeft(body.width * 3 / 5)
        var eventsHeight = (left.height * 11 + 10) / 20
        var mediationRows = min(mediationHeight, right.height / 2)
        if let demand {
            // Rows inside the border plus the border itself.
            eventsHeight = RowShare.upper(total: left.height, usual: eventsHeight,
                                          wants: (demand[.events] + 2, demand[.tasks] + 2),
                                          minimums: (listMinimum, listMinimum))
            mediationRows = RowShare.upper(total: right.height, usual: mediationRows,
                                             wants: (demand[.mediation] + 2, demand[.alerts] + 2),
                                             minimums: (mediationRows, listMinimum))
        }
        let (events, tasks) = left.splitTop(eventsHeight)
        let (mediation, alerts) = right.splitTop(mediationRows)
        return [events, tasks, mediation, alerts].map { ($0, .full) }
    }

    /// Full-width panes in fixed order, so a pane never jumps when focus
    /// moves; it grows in place. The unfocused three share up to half the
    /// body, 3–8 rows each (one row of content at 80×24); when even 3 rows
    /// each would leave the focused pane under `focusedMinimum`, they
    /// collapse to a titled rule of one row.
    /// With a demand, an unfocused pane whose list is shorter than its
    /// share keeps only what it shows (at least 3 rows) and the focused
    /// pane takes the rows it leaves.
    static func stackedRects(_ body: Rect, focus: Pane, demand: PaneDemand? = nil) -> [(rect: Rect, presentation: PanePresentation)] {
        let others = Pane.screen.count - 1
        let collapsed: Int
        if body.height - others * 3 < focusedMinimum {
            collapsed = 1
        } else {
            collapsed = max(3, min(8, body.height / 2 / others))
        }
        let heights = Pane.screen.map { pane -> Int in
            guard pane != focus else { return 0 }
            guard collapsed > 3, let demand else { return collapsed }
            return max(3, min(collapsed, demand[pane] + 2))
        }
        let focusedHeight = body.height - heights.reduce(0, +)
        var y = body.y
        return Pane.screen.map { pane in
            let h = pane == focus ? focusedHeight : heights[pane.rawValue]
            let rect = Rect(x: body.x, y: y, width: body.width, height: h)
            y += h
            let presentation: PanePresentation =
                pane == focus ? .full : (collapsed == 1 ? .titleOnly : .summary(rows: h - 2))
            return (rect, presentation)
        }
    }
}
