import DutyCore

/// The options of each action, from the district's tables and the store.
public enum ActionMenus {
    /// Units for an event, likeliest first (its town's units serving its
    /// domain, then district units for the domain, then the rest), each with
    /// its town and open-task load so the officer can spread the work.
    public static func units(store: Store, town: String, domain: String) -> [ChooserOption] {
        DispatchCandidates.list(store: store, town: town, domain: domain).map { c in
            let mark = c.fit == .townAndDomain ? "★ " : c.fit == .districtDomain ? "☆ " : "  "
            return ChooserOption(label: mark + c.name, detail: "\(c.town ?? "区级") · \(c.load)", value: .unit(c.name))
        }
    }

    public static func taskTypes(_ language: Language) -> [ChooserOption] {
        // Empowered matters and inspections are the usual dispatch; joint ops are rarer.
        [TaskType.empowered, .inspection, .joint, .campaign, .referral].map {
            ChooserOption(label: $0.label.text(language), detail: $0.wire, value: .taskType($0))
        }
    }

    public static func returnReasons() -> [ChooserOption] {
        District.returnReasons.map { ChooserOption(label: $0, detail: "", value: .reason($0)) }
    }

    public static let cancelReasons = ["重复件", "误报", "已自行处理", "不属于受理范围"]

    public static func outcomes(_ language: Language) -> [ChooserOption] {
        TaskOutcome.allCases.map { ChooserOption(label: $0.label.text(language), detail: $0.wire, value: .outcome($0)) }
    }

    /// The chooser an action opens on an item, or nil when it needs none.
    /// A dispatch's chooser keeps its event's time limit (`limits` by
    /// priority), so that its title can say when the task will be due.
    static func chooser(for request: ActionRequest, store: Store, language: Language,
                        limits: TaskTimeLimits = .standard) -> ActionChooser? {
        func label(_ key: String) -> String { ConsoleLabels.of("ui", key).text(language) }
        switch request.kind {
        case .dispatch:
            guard let id = request.item?.id, let item = store.index(.event, id: id) else { return nil }
            let event = store.current(.event, item)
            return ActionChooser(request: request, title: label("choose_unit"),
                                 options: units(store: store, town: store.text(event.event.town), domain: store.text(event.event.domain)),
                                 cycle: taskTypes(language), limit: limits.limit(priority: event.priority))
        case .cancelEvent:
            return ActionChooser(request: request, title: label("choose_reason"),
                                 options: cancelReasons.map { ChooserOption(label: $0, detail: "", value: .reason($0)) })
        case .returnTask:
            return ActionChooser(request: request, title: label("choose_reason"), options: returnReasons())
        case .done:
            return ActionChooser(request: request, title: label("choose_outcome"), options: outcomes(language))
        default:
            return nil
        }
    }
}
