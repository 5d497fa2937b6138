import DutyCore

/// Lines read from feed files and not yet committed: the good records, the
/// refused lines, and how far each file has been read. Committed as one
/// transaction by `RecordLog.commit`, so a file's position never runs ahead
/// of (or behind) its rows.
public struct PushBatch: Sendable {
    /// One good line, in reading order.
    public struct Row: Sendable, Equatable {
        public var kind: String
        public var id: String
        /// Epoch ms × 1000 + µs: the instant to the microsecond, as the store compares snapshots.
        public var tsExact: Int64
        public var line: String
        public var file: String
        public var actor: String?

        public init(kind: String, id: String, tsExact: Int64, line: String, file: String, actor: String?) {
            self.kind = kind; self.id = id; self.tsExact = tsExact; self.line = line; self.file = file; self.actor = actor
        }
    }

    public var rows: [Row] = []
    public var quarantined: [QuarantinedLine] = []
    /// How far each file (by identity) has been read, once these rows are in.
    public var positions: [FileIdentity: FilePosition] = [:]

    public init() {}

    public var isEmpty: Bool { rows.isEmpty && quarantined.isEmpty && positions.isEmpty }
    public var lineCount: Int { rows.count + quarantined.count }
}

/// A file as `push` knows it across restarts: its device and inode (which
/// survive a rotation's rename).
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public init(device: UInt64, inode: UInt64) { self.device = device; self.inode = inode }
}

/// How far a file has been pushed: lines 1…`line` are in the database.
/// `fingerprint` (hex of the file's first bytes, up to 64) tells a reused
/// inode from the same file: a file whose first bytes differ is new.
public struct FilePosition: Sendable, Equatable {
    public var file: String
    public var fingerprint: String
    /// Byte offset just past line `line` (its newline), as far as known.
    public var offset: Int64
    public var line: Int
    public init(file: String, fingerprint: String, offset: Int64, line: Int) {
        self.file = file; self.fingerprint = fingerprint; self.offset = offset; self.line = line
    }

    /// Whether a file whose first bytes are `prefix` (hex) is the one this position is about.
    public func matches(prefix: String) -> Bool {
        prefix.hasPrefix(fingerprint) || fingerprint.hasPrefix(prefix)
    }
}

/// What one commit did, added up over a push.
public struct PushCounts: Sendable, Equatable {
    public var records = 0
    public var duplicates = 0
    public var conflicts = 0
    public var quarantined = 0
    public init() {}

    public static func += (a: inout PushCounts, b: PushCounts) {
        a.records += b.records; a.duplicates += b.duplicates; a.conflicts += b.conflicts; a.quarantined += b.quarantined
    }

    public var line: String {
        "\(records) records, \(duplicates) duplicates, \(conflicts) conflicts, \(quarantined) quarantined"
    }
}
