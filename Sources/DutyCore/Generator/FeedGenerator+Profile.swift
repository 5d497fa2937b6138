extension FeedGenerator {
    /// Which year the generated feed is true to.
    public enum Profile: String, Sendable, CaseIterable {
        /// The district's published annual figures (`DistrictYear`): the
        /// default of `generate` and the demo.
        case district
        /// The mix every build before issue 13 generated (25–45 enforcement
        /// tasks and about 20 upstream alerts of 两单一报 a day): kept
        /// byte for byte so the bench's input, and the tests and golden
        /// frames made from it, stay comparable across issues.
        case bench2026
    }

    /// What the `.district` profile is calibrated to: the district's
    /// published annual figures (README, "The generator"), per year unless said.
    /// One generated year lands within ±25% of each (GeneratorYearTests).
    public enum DistrictYear {
        /// Grid events that became enforcement cases (events with a task of an enforcement type).
        public static let enforcedEvents = 256
        /// 联合执法 tasks, mostly planned operations with no event.
        public static let jointTasks = 458
        /// 信访转办 events turned into enforcement.
        public static let enforcedPetitions = 87
        /// 移送 tasks.
        public static let referralTasks = 38
        public static let supervisionNotices = 6
        public static let riskNotices = 7
        public static let bulletins = 12
        /// 投诉举报处置满意率: at least this share of hotline and public reports called back are satisfied.
        public static let satisfaction = 0.98

        // The knobs that give those figures (measured over seeds 1–3, 365 days).

        /// Of the events not settled on the spot, most are dispatched (as
        /// `general` tasks unless they need enforcement).
        static let dispatchedShare = 0.15, closedShare = 0.03
        /// Chance that a dispatched non-petition event needs enforcement.
        static let enforcementChance = 0.0117
        /// Petitions per day (a share of the events drawn), their dispatch
        /// and enforcement chances.
        static let petitionShare = 0.005
        static let petitionDispatched = 0.7
        static let petitionEnforcement = 0.176
        /// Enforcement task types on an event: joint, referral, else the unit's own.
        static let jointOnEvent = 0.12, referralOnEvent = 0.09
        /// Planned joint operations and campaigns per weekday (office hours).
        static let jointOperationsPerWeekday = 1.55
        static let campaignsPerWeekday = 0.2
        static let satisfiedChance = 0.988
        /// Starting tier of mediation cases: with escalations, the resolved
        /// split comes out near 6:3:1 (bench2026's 62:28:10 gives ≈ 56:32:13).
        static let tierMix = Tables.cumulative([67, 26, 7])
        /// Rules of the documents' schedule, by day since the start: a
        /// 风险提示单 every 52 days from day 20, a 督办单 every 60 days from
        /// day 40; a 通报 on the 5th of each month.
        static let riskEvery = 52, riskFirst = 20
        static let supervisionEvery = 60, supervisionFirst = 40
        static let bulletinDay = 5
    }
}
