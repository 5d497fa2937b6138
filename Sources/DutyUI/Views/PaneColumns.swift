/// The columns of each list pane, named: a pane's table lists them in the
/// order of its enum's cases, its rows give their cells in that order, and
/// cell roles are keyed by these names (not "column 6", which silently
/// styles the wrong cell once a column moves).
enum EventColumn: Int, CaseIterable { case time, priority, town, grid, domain, title, status, age }
/// Tasks: `due` is the time limit (dated when not today), `left` the time
/// left or how late the task is.
enum TaskColumn: Int, CaseIterable { case id, unit, town, status, due, left, event }
enum MediationColumn: Int, CaseIterable { case time, town, category, tier, status, id }
enum AlertColumn: Int, CaseIterable { case level, time, type, title, status }
