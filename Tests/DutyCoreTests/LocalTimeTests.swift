import Testing
@testable import DutyCore

/// The one local-time helper writes what the five formatters it replaced
/// wrote, on both sides of local midnight and before the epoch, and the
/// one limit tables still hold the defaults the README gives.
@Suite struct LocalTimeTests {
    /// 2026-11-28T09:15:02+08:00.
    static let morning = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 9, minute: 15, second: 2)

    @Test func formatsTheDistrictsWallClock() {
        let t = Self.morning
        #expect(LocalTime.clock(t) == "09:15")
        #expect(LocalTime.clockSeconds(t) == "09:15:02")
        #expect(LocalTime.dayClock(t) == "11-28 09:15")
        #expect(LocalTime.date(t) == "2026-11-28")
        #expect(LocalTime.compactDate(t) == "20261128")
        #expect(LocalTime.compactStamp(t) == "20261128T091502")
        // A record's own offset: 01:15:02Z.
        #expect(LocalTime.clock(t, offsetMinutes: 0) == "01:15")
        #expect(LocalTime.clock(t, offsetMinutes: -300) == "20:15")
    }

    @Test func localDaysStartAtLocalMidnight() {
        let midnight = Timestamp.millis(year: 2026, month: 11, day: 28)
        #expect(Timestamp.format(midnight, offsetMinutes: 0) == "2026-11-27T16:00:00Z")
        #expect(LocalTime.midnight(Self.morning) == midnight)
        #expect(LocalTime.midnight(midnight) == midnight)
        #expect(LocalTime.midnight(midnight - 1) == midnight - TimeSpan.day)
        #expect(LocalTime.start(ofDay: LocalTime.dayNumber(Self.morning)) == midnight)
        #expect(LocalTime.at(hour: 9, minute: 15, onDayOf: Self.morning) == Self.morning - 2 * TimeSpan.second)
        // Before the epoch the day is floored, not truncated toward zero.
        #expect(LocalTime.dayNumber(LocalTime.start(ofDay: 0)) == 0)
        #expect(LocalTime.dayNumber(LocalTime.start(ofDay: 0) - 1) == -1)
        #expect(LocalTime.clockSeconds(LocalTime.start(ofDay: 0) - 1) == "23:59:59")
    }

    @Test func spansAndLimitTables() {
        #expect(TimeSpan.day == 24 * TimeSpan.hour && TimeSpan.hour == 60 * TimeSpan.minute && TimeSpan.minute == 60 * TimeSpan.second)
        #expect(Millis(TimeSpan.secondsPerDay) * TimeSpan.second == TimeSpan.day)
        #expect(TimeSpan.hours(0.5) == 30 * TimeSpan.minute)
        #expect(TaskTimeLimits.standard.hoursText == "2,4,24,72")
        #expect(TaskTimeLimits(p1: TimeSpan.hours(0.5), p2: TimeSpan.hour, p3: TimeSpan.hour, p4: TimeSpan.hour).hoursText == "0.5,1,1,1")
        #expect(AlertRuleConfig.default.signingLimits == [15 * TimeSpan.minute, TimeSpan.hour, 4 * TimeSpan.hour, 24 * TimeSpan.hour])
    }
}
