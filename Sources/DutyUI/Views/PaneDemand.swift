/// How many rows each pane's content would fill inside its border (column
/// titles and the mediation bars included), as the console counts them: the
/// layout gives rows a pane cannot fill to the pane beside it that can.
public struct PaneDemand: Equatable, Sendable {
    /// Rows wanted, in `Pane` order.
    public var rows: [Int]

    public init(events: Int, tasks: Int, mediation: Int, alerts: Int) {
        rows = [events, tasks, mediation, alerts]
    }

    public subscript(_ pane: Pane) -> Int { rows[pane.rawValue] }
}

/// Two panes stacked in one column of the grid share its rows by content:
/// each keeps its usual share, unless one of them would leave rows empty
/// while the other has more to show than its share; then the first shrinks
/// to what it holds (never below its minimum) and the other grows into the
/// rows it freed. A pure function of numbers, tested as such.
public enum RowShare {
    /// Rows of the upper pane, of `total`. `usual`: the upper pane's usual
    /// rows; `wants`: rows each pane would fill, border included;
    /// `minimums`: the least rows each keeps.
    public static func upper(total: Int, usual: Int, wants: (upper: Int, lower: Int),
                             minimums: (upper: Int, lower: Int)) -> Int {
        let lowerUsual = total - usual
        var upper = usual
        if wants.upper < usual, wants.lower > lowerUsual {
            upper = max(wants.upper, total - wants.lower)
        } else if wants.lower < lowerUsual, wants.upper > usual {
            upper = min(wants.upper, total - wants.lower)
        }
        // Minimums win over content; when both cannot be met, the usual split stays.
        guard minimums.upper + minimums.lower <= total else { return usual }
        return min(max(upper, minimums.upper), total - minimums.lower)
    }
}
