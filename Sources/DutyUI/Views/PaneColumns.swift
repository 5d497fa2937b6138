/// The columns of each list pane, named: a pane's table lists them in the
/// order of its enum's cases, and a row's cells and cell roles are keyed by
/// the same names, so a row cannot drift out of step with the headers (a
/// role on "column 6" silently styling the wrong cell after a column moves).
enum EventColumn: Int, CaseIterable { case time, priority, town, grid, domain, title, status, age }
enum TaskColumn: Int, CaseIterable { case id, unit, town, status, due, event }
enum MediationColumn: Int, CaseIterable { case time, town, category, tier, status, id }
enum AlertColumn: Int, CaseIterable { case level, time, type, title, status }

/// A pane's column enum: its case's position is the column's index.
protocol PaneColumn: RawRepresentable, CaseIterable where RawValue == Int {}
extension EventColumn: PaneColumn {}
extension TaskColumn: PaneColumn {}
extension MediationColumn: PaneColumn {}
extension AlertColumn: PaneColumn {}

extension PaneColumn {
    /// Every column's cell in order, from one function of the column.
    static func cells(_ cell: (Self) -> String) -> [String] { allCases.map(cell) }

    /// Cell roles keyed by column index, as `TableRow` takes them.
    static func roles(_ roles: KeyValuePairs<Self, Role>) -> [Int: Role] {
        var out: [Int: Role] = [:]
        for (column, role) in roles { out[column.rawValue] = role }
        return out
    }
}
