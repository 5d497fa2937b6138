import DutyCore

/// The heat of a board cell: how far a town's figure is from normal, as a
/// level 0 (normal) … 3 (far off). Shown twice over, so that the mono theme
/// and NO_COLOR keep it: by the cell's role (`heat_1`…`heat_3`, a colour in
/// colour themes, bold / underline / reverse in mono) and by a swatch glyph
/// after the number (░ ▒ ▓).
///
/// Normal for a count is the town's share of the district's total, by the
/// district's table of shares (`District.Town.share`): 锦屏 is expected to
/// have more events than 松岙. A count well above its share heats up; for
/// what is late (overdue, untaken) any at all is at least level 1. Normal for
/// the on-time rate is its target (`BoardTargets.onTime`).
enum BoardHeat {
    static let swatches = [" ", "░", "▒", "▓"]

    static func role(_ level: Int) -> Role {
        switch level {
        case 1: .heat1
        case 2: .heat2
        case 3: .heat3
        default: .text
        }
    }

    /// The level a role stands for (0 for any other role).
    static func level(of role: Role) -> Int {
        switch role {
        case .heat1: 1
        case .heat2: 2
        case .heat3: 3
        default: 0
        }
    }

    /// The level of a town's cell in a column; the district's row is not heated
    /// except its rate.
    static func level(_ row: BoardFigures.TownRow, _ column: BoardColumn, district: BoardFigures.TownRow) -> Int {
        switch column {
        case .town: return 0
        case .onTime30: return rateLevel(row.onTime30)
        default:
            guard row.town >= 0, let value = row.value(column), let total = district.value(column) else { return 0 }
            let late = column == .overdue || column == .lateSigning
            let level = countLevel(Int(value), total: Int(total), share: share(row.town))
            return late && value > 0 ? max(1, level) : level
        }
    }

    /// A town's share of the district's events, its table's shares normalised.
    static func share(_ town: Int) -> Double {
        let sum = District.towns.reduce(0) { $0 + $1.share }
        return District.towns.indices.contains(town) && sum > 0 ? District.towns[town].share / sum : 0
    }

    /// Against the expected count (total × share): 1.5× and 2 more is level
    /// 1, 2× level 2, 3× level 3 (a couple of items more is never heat).
    static func countLevel(_ value: Int, total: Int, share: Double) -> Int {
        let expected = Double(total) * share
        let v = Double(value)
        guard v >= expected + 2 else { return 0 }
        let ratio = v / max(expected, 1)
        return ratio >= 3 ? 3 : ratio >= 2 ? 2 : ratio >= 1.5 ? 1 : 0
    }

    /// Against the on-time target: at or above it normal, then 5 and 15
    /// points below; no rate (nothing done) is normal.
    static func rateLevel(_ rate: Double?) -> Int {
        guard let rate else { return 0 }
        let target = BoardTargets.onTime
        return rate >= target ? 0 : rate >= target - 0.05 ? 1 : rate >= target - 0.15 ? 2 : 3
    }
}
