/// One item of any kind, by its place in the store: what a cross-pane list
/// (a header figure's list, the needs-action queue) holds per row.
public struct ItemRef: Hashable, Sendable {
    public var kind: Kind
    public var item: Int32
    public init(_ kind: Kind, _ item: Int32) { self.kind = kind; self.item = item }
}
