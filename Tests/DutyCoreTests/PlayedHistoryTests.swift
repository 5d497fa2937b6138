import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// A console's replay (`Recording.prepare`): checkpoints are copies of the
/// played store itself, and what was done to it from outside (operator
/// actions, rule alerts, lines refused by hand) is part of the play. A seek
/// back must give the state as played at that time, the same whether it
/// starts from a checkpoint or from the first record.
@Suite struct PlayedHistoryTests {
    typealias Fingerprint = CheckpointSeekTests.Fingerprint

    /// The event a disturbance with `tag` adds (`CheckpointSeekTests.disturb`).
    static func hasChange(_ store: Store, tag: Int) -> Bool {
        store.index(.event, id: "CHECKPOINT-TEST-\(tag)") != nil
    }

    /// Plays `recording` from the start into a console's store, changing the
    /// store from outside after each of `steps`; returns the store.
    static func play(_ recording: Recording, steps: [Millis], tags: Range<Int>) -> Store {
        let store = Store(clock: .eventTime)
        recording.prepare(store)
        for (t, tag) in zip(steps, tags) {
            recording.feed(until: t, into: store)
            CheckpointSeekTests.disturb(store, at: t, tag: tag)
        }
        return store
    }

    @Test func seeksBringBackWhatWasDoneBeforeTheTimeSought() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (_, plain, fast) = try CheckpointSeekTests.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        let steps = (1...12).map { first + (end - first) * Millis($0) / 13 }
        let playedPlain = Self.play(plain, steps: steps, tags: 0..<12)
        let playedFast = Self.play(fast, steps: steps, tags: 0..<12)
        #expect(fast.count > 20 * 1_500)
        // Played on to the end: a seek to after the end is the played store, rebuilt.
        for (recording, played) in [(plain, playedPlain), (fast, playedFast)] {
            recording.feed(until: end, into: played)
            let after = end + TimeSpan.hour
            let expected = Fingerprint(played, at: after)
            #expect(Fingerprint(recording.rebuild(at: after, clock: .fixed(after)), at: after) == expected)
        }
        var random = SplitMix(seed: 61)
        // The changes in the play so far: tag → the ts of its event.
        var alive = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($0.offset, $0.element + 2_000) })
        var tag = 100
        for step in 0..<8 {
            let t = first + Millis(random.below(Int(end - first)))
            let a = plain.rebuild(at: t, clock: .fixed(t)), b = fast.rebuild(at: t, clock: .fixed(t))
            #expect(fast.position == plain.position)
            #expect(Fingerprint(a, at: t) == Fingerprint(b, at: t), "step \(step) at \(t)")
            // What was done up to t is there; what was done after it is not,
            // and is gone from the play for good.
            for (k, ts) in alive.sorted(by: { $0.key < $1.key }) {
                #expect(Self.hasChange(b, tag: k) == (ts <= t), "step \(step), change \(k)")
            }
            alive = alive.filter { $0.value <= t }
            // The operator goes on from there: a change, and an hour played.
            for (recording, store) in [(plain, a), (fast, b)] {
                CheckpointSeekTests.disturb(store, at: t, tag: tag)
                recording.feed(until: t + TimeSpan.hour, into: store)
            }
            alive[tag] = t + 2_000
            tag += 1
            #expect(Fingerprint(a, at: t + TimeSpan.hour) == Fingerprint(b, at: t + TimeSpan.hour), "step \(step), played on")
        }
    }

    /// A seek back rewrites the play from there: a change made after the
    /// time sought is gone for good, one made after the seek is kept.
    @Test func aSeekBackForgetsWhatCameAfterIt() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (_, plain, fast) = try CheckpointSeekTests.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        let t1 = first + (end - first) / 4, t2 = first + (end - first) * 3 / 4
        let mid = first + (end - first) / 2, late = t2 + TimeSpan.day
        var fingerprints: [Fingerprint] = []
        for recording in [plain, fast] {
            _ = Self.play(recording, steps: [t1, t2], tags: 1..<3)
            let back = recording.rebuild(at: mid, clock: .fixed(mid))
            #expect(Self.hasChange(back, tag: 1))
            #expect(!Self.hasChange(back, tag: 2))
            CheckpointSeekTests.disturb(back, at: mid, tag: 3)
            recording.feed(until: end, into: back)
            let again = recording.rebuild(at: late, clock: .fixed(late))
            #expect(Self.hasChange(again, tag: 1))
            #expect(!Self.hasChange(again, tag: 2))
            #expect(Self.hasChange(again, tag: 3))
            fingerprints.append(Fingerprint(again, at: late))
        }
        #expect(fingerprints[0] == fingerprints[1])
    }

    /// Without `prepare` (a report, a test), a seek gives the recording's
    /// state alone, even after the store was changed from outside.
    @Test func anUnpreparedPlayKeepsTheRecordingsStateAlone() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let (_, plain, fast) = try CheckpointSeekTests.recordings(in: dir)
        let first = try #require(plain.startTs), end = try #require(plain.endTs)
        let t = first + (end - first) / 3
        let store = fast.rebuild(at: t, clock: .fixed(t))
        CheckpointSeekTests.disturb(store, at: t - 10_000, tag: 7)
        fast.feed(until: end, into: store)
        let later = first + (end - first) * 2 / 3
        let seek = fast.rebuild(at: later, clock: .fixed(later))
        #expect(!Self.hasChange(seek, tag: 7))
        #expect(Fingerprint(seek, at: later) == Fingerprint(plain.rebuild(at: later, clock: .fixed(later)), at: later))
    }
}
