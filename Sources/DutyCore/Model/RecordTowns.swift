/// Which of the 12 towns a record is about: what a town's console may see
/// and write when consoles share one database (issue 15). One rule, written
/// twice: here for writers that label their own rows (push, district
/// consoles), and in SQL (`Schema`, step 2) for the server, which computes it
/// for rows left unlabelled and always for a town's role. `RecordTownsTests`
/// holds the two to the same answers.
public enum RecordTowns {
    /// The 12 towns' names, in `District.towns` order.
    public static let names: [String] = District.towns.map(\.name)

    /// event, task, mediation: its town; notice: every town named inside one
    /// of its addressees (`锦屏街道综合行政执法中队` → 锦屏街道), in `District.towns` order; alert:
    /// nil here (the towns of the item its `ref` names, which only the log
    /// knows: the server looks it up). nil also means district-wide.
    public static func of(_ body: Body) -> [String]? {
        switch body {
        case .event(let e): return [e.town]
        case .task(let t): return [t.town]
        case .mediation(let m): return [m.town]
        case .notice(let n):
            let found = names.filter { town in n.to.contains { $0.contains(town) } }
            return found.isEmpty ? nil : found
        case .alert: return nil
        }
    }
}
