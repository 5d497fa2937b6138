import DutyCore
@testable import DutyUI
import Testing

/// How far from normal a board cell is: a count against the town's share of
/// the district's total, what is late at least level 1 when any, the
/// on-time rate against its target.
@Suite struct BoardHeatTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    @Test func countsHeatByTheirShareOfTheDistrict() {
        // 锦屏's share is 0.14 / 0.98: of 100 events it is expected about 14.
        let share = BoardHeat.share(0)
        #expect(abs(share - 0.14 / 0.98) < 1e-9)
        #expect(BoardHeat.countLevel(14, total: 100, share: share) == 0)
        #expect(BoardHeat.countLevel(22, total: 100, share: share) == 1)   // ≥ 1.5×
        #expect(BoardHeat.countLevel(29, total: 100, share: share) == 2)   // ≥ 2×
        #expect(BoardHeat.countLevel(43, total: 100, share: share) == 3)   // ≥ 3×
        // A couple more than expected is never heat, however small the numbers.
        #expect(BoardHeat.countLevel(2, total: 3, share: share) == 0)
    }

    @Test func lateWorkIsAtLeastLevelOneAndTheDistrictRowIsNotHeated() {
        var district = BoardFigures.TownRow(town: -1, name: "")
        district.overdue = 40; district.lateSigning = 40; district.eventsToday = 100
        var town = BoardFigures.TownRow(town: 0, name: "锦屏")
        town.overdue = 1; town.lateSigning = 0; town.eventsToday = 1
        #expect(BoardHeat.level(town, .overdue, district: district) == 1)
        #expect(BoardHeat.level(town, .lateSigning, district: district) == 0)
        #expect(BoardHeat.level(town, .eventsToday, district: district) == 0)
        #expect(BoardHeat.level(district, .overdue, district: district) == 0)
    }

    @Test func theOnTimeRateHeatsBelowItsTarget() {
        #expect(BoardTargets.onTime == 0.95)
        #expect(BoardHeat.rateLevel(nil) == 0 && BoardHeat.rateLevel(0.97) == 0 && BoardHeat.rateLevel(0.95) == 0)
        #expect(BoardHeat.rateLevel(0.93) == 1 && BoardHeat.rateLevel(0.85) == 2 && BoardHeat.rateLevel(0.5) == 3)
        #expect(BoardHeat.swatches == [" ", "░", "▒", "▓"])
    }
}
