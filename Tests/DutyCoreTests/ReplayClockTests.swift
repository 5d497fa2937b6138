import Testing
@testable import DutyCore

/// The replay clock: speed, pause, seek and the ends of the recording.
@Suite struct ReplayClockTests {
    let hour: Millis = 3_600_000

    @Test func runsAtItsSpeedAndStopsAtTheEnd() {
        var c = ReplayClock(start: 0, end: 10 * hour, speed: 60, paused: false, wall: 1_000)
        #expect(c.now(wall: 1_000 + 60_000) == hour)           // a minute at 60× is an hour
        c.step(1, wall: 1_000 + 60_000)                       // 600×
        #expect(c.speed == 600)
        #expect(c.now(wall: 1_000 + 120_000) == 10 * hour)   // 1 h + 10 h at 600×, clamped to the end
        #expect(c.finished(wall: 1_000 + 120_000))
        c.step(1, wall: 0)
        #expect(c.speed == nil)
        c.step(9, wall: 0)
        #expect(c.speed == nil)
        c.step(-9, wall: 0)
        #expect(c.speed == 1)
    }

    @Test func pausesAndSeeks() {
        var c = ReplayClock(start: 0, end: 10 * hour, speed: 60, paused: true, wall: 0)
        #expect(c.now(wall: 999_999) == 0)
        c.seek(by: hour, wall: 5)
        #expect(c.now(wall: 999_999) == hour)
        c.togglePause(wall: 10)
        #expect(c.now(wall: 10 + 1_000) == hour + 60_000)
        c.seek(by: -10 * hour, wall: 2_000)
        #expect(c.now(wall: 2_000) == 0)
        #expect(c.progress(wall: 2_000) == 0)
        c.seek(to: 5 * hour, wall: 3_000)
        c.togglePause(wall: 3_000)
        #expect(c.progress(wall: 4_000_000) == 0.5)
    }
}
