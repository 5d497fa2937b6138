/// The dispatch picker's list: every unit, the likeliest first, with its
/// current open-task load so the officer can spread work. The order follows
/// practice (属地管理 first): the event's town's own units serving its domain,
/// then district units serving the domain, then everyone else — a unit
/// outside the usual remit can still be chosen (e.g. for a joint operation).
public enum DispatchCandidates {
    /// How well a unit fits the event.
    public enum Fit: Int, Sendable, Comparable {
        /// A unit of the event's town that serves its domain.
        case townAndDomain
        /// A district unit that serves the domain.
        case districtDomain
        /// Any other unit.
        case other

        public static func < (a: Fit, b: Fit) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Candidate: Sendable, Equatable {
        public let name: String
        /// The unit's town; nil for a district unit.
        public let town: String?
        /// Open tasks (not done, not returned) the unit holds now.
        public let load: Int
        public let fit: Fit
    }

    /// The candidates for an event held in the store; empty when it is not.
    public static func list(store: Store, event id: String) -> [Candidate] {
        guard let e = OperatorActions.event(store, id) else { return [] }
        return list(store: store, town: e.town, domain: e.domain)
    }

    /// The candidates for a town and domain. Stable: within a group, units
    /// keep `District.units` order (district units, then towns in order).
    public static func list(store: Store, town: String, domain: String) -> [Candidate] {
        let first = District.dispatchOrder(town: town, domain: domain)
        let firstNames = Set(first.map(\.name))
        let rest = District.units.filter { !firstNames.contains($0.name) }
        func candidate(_ u: District.Unit, _ fit: Fit) -> Candidate {
            Candidate(name: u.name, town: u.town, load: store.openTaskLoad(unit: u.name), fit: fit)
        }
        return first.map { candidate($0, $0.town == nil ? .districtDomain : .townAndDomain) }
            + rest.map { candidate($0, .other) }
    }
}
