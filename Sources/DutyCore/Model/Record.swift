/// A record as parsed: which item, and its snapshot.
public struct Record: Equatable, Sendable {
    public var id: String
    public var snapshot: Snapshot
    public var kind: Kind { snapshot.kind }
    public init(id: String, snapshot: Snapshot) { self.id = id; self.snapshot = snapshot }
}
