/// Finds an item's incident: from an event, a task, an alert or a case, the
/// event it is about, every task whose `event` names it, and the alerts whose
/// `ref` (`kind:id`) names any of them. The tasks and alerts are found
/// through `IncidentIndex`, kept beside the store, so a lookup over 1,000,000
/// records is a dictionary hit, not a scan (see the bench's `incident` line).
public enum IncidentLinks {
    /// The incident of the item `index` of `kind`.
    public static func incident(of kind: Kind, _ index: Int32, in store: Store) -> Incident {
        let root = IncidentMember(kind: kind, index: index)
        var eventID: String?
        var soleTask: Int32?
        var mediation: Int32?
        var missingRef: String?
        switch kind {
        case .event:
            eventID = store.id(.event, index)
        case .task:
            eventID = store.texts.optionalText(store.current(.task, index).task.event)
            soleTask = index
        case .mediation:
            mediation = index
        case .alert, .notice:
            // A notice is linked like an alert, through the first of its refs that names an item.
            let ref = kind == .alert ? store.texts.optionalText(store.current(.alert, index).alert.ref)
                : NoticeLists.decode(store.text(store.current(.notice, index).notice.lists)).refs.first { AlertRef($0) != nil }
            switch ref.flatMap(AlertRef.init) {
            case .some(.event(let id)):
                eventID = id
            case .some(.task(let id)):
                if let t = store.index(.task, id: id) {
                    eventID = store.texts.optionalText(store.current(.task, t).task.event)
                    soleTask = t
                } else {
                    missingRef = ref
                }
            case .some(.mediation(let id)):
                mediation = store.index(.mediation, id: id)
                if mediation == nil { missingRef = ref }
            case .none:
                if let ref, !ref.isEmpty { missingRef = ref }
            }
        }
        let event = eventID.flatMap { store.index(.event, id: $0) }
        var tasks = eventID.map { tasksServing($0, store) } ?? []
        if tasks.isEmpty, let soleTask { tasks = [soleTask] }

        var refs: [String] = []
        if let eventID { refs.append("event:" + eventID) }
        refs += tasks.map { "task:" + store.id(.task, $0) }
        if let mediation { refs.append("mediation:" + store.id(.mediation, mediation)) }
        var alerts = alertsNaming(refs, store)
        if kind == .alert, !alerts.contains(index) {
            alerts.insert(index, at: 0)
        }
        var incident = Incident(root: root, eventID: eventID, event: event, tasks: tasks, mediation: mediation,
                                alerts: alerts, missingRef: missingRef)
        if kind == .notice {
            // Every item the document names, not only the first: those outside the incident listed apart.
            let own = Set(incident.members)
            for ref in NoticeLists.decode(store.text(store.current(.notice, index).notice.lists)).refs {
                guard let m = member(ref, store), m != root, !own.contains(m), !incident.others.contains(m) else { continue }
                incident.others.append(m)
            }
            refs.append("notice:" + store.id(.notice, index))
        }
        incident.notices = noticesNaming(Set(refs + incident.others.map { $0.ref(store) }), store)
        if kind == .notice, !incident.notices.contains(index) { incident.notices.insert(index, at: 0) }
        incident.others.removeAll { $0.kind == .notice && incident.notices.contains($0.index) }
        return incident
    }

    /// The item a `kind:id` ref names, when the store holds it.
    static func member(_ ref: String, _ store: Store) -> IncidentMember? {
        guard let colon = ref.firstIndex(of: ":"),
              let kind = Kind.allCases.first(where: { $0.wire == ref[..<colon] }),
              let index = store.index(kind, id: String(ref[ref.index(after: colon)...])) else { return nil }
        return IncidentMember(kind: kind, index: index)
    }

    /// Documents whose refs name one of `refs`, first issued first. A scan
    /// of every document: the district issues a few dozen a year.
    static func noticesNaming(_ refs: Set<String>, _ store: Store) -> [Int32] {
        var out: [Int32] = []
        for i in 0..<Int32(store.count(.notice)) {
            let named = NoticeLists.decode(store.text(store.current(.notice, i).notice.lists)).refs
            if named.contains(where: refs.contains) { out.append(i) }
        }
        return out.sorted { (store.firstTs(.notice, $0), $0) < (store.firstTs(.notice, $1), $1) }
    }

    /// Tasks whose current `event` is `eventID`, first dispatched first.
    static func tasksServing(_ eventID: String, _ store: Store) -> [Int32] {
        IncidentIndex.with(store) { $0.tasks(serving: eventID, store) }
            .sorted { (store.firstTs(.task, $0), $0) < (store.firstTs(.task, $1), $1) }
    }

    /// Alerts whose current `ref` is one of `refs`, first raised first.
    static func alertsNaming(_ refs: [String], _ store: Store) -> [Int32] {
        guard !refs.isEmpty else { return [] }
        let found = IncidentIndex.with(store) { index in Set(refs.flatMap { index.alerts(naming: $0, store) }) }
        return found.sorted { (store.firstTs(.alert, $0), $0) < (store.firstTs(.alert, $1), $1) }
    }
}

/// An alert's `ref` read as `kind:id` (nil for anything else: the feed
/// format leaves a ref free, and an upstream one may name no item).
public enum AlertRef: Equatable, Sendable {
    case event(String), task(String), mediation(String)

    public init?(_ ref: String) {
        guard let colon = ref.firstIndex(of: ":") else { return nil }
        let id = String(ref[ref.index(after: colon)...])
        guard !id.isEmpty else { return nil }
        switch ref[..<colon] {
        case "event": self = .event(id)
        case "task": self = .task(id)
        case "mediation": self = .mediation(id)
        default: return nil
        }
    }

    public var kind: Kind {
        switch self {
        case .event: .event
        case .task: .task
        case .mediation: .mediation
        }
    }

    public var id: String {
        switch self {
        case .event(let id), .task(let id), .mediation(let id): id
        }
    }
}
