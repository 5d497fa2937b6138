/// Which files of a watched folder are feeds, and in which order they are
/// read.
///
/// A feed is `NAME.jsonl`, or a rotated copy of one under the names logrotate
/// gives: `NAME.jsonl.N` (numbered) and `NAME.jsonl-N` (dateext, e.g.
/// `-20261203`). A rotated file still holds state: a console started after
/// `mv operator-journal.jsonl operator-journal.jsonl.1` must still see the
/// dispatches in it, or it would offer to dispatch the same events again.
/// Anything else (`JOURNAL.ids`, temporary files, `.gz`) is not read.
///
/// Order: by base name, and within one base the rotated copies oldest first
/// (the highest `.N`, the earliest date), then the live file, so that the
/// rule "on equal ts the first one read is kept" favours the older file.
public enum FeedFileNames {
    /// Whether a file name (the last path component) names a feed.
    public static func isFeed(_ name: String) -> Bool { parse(name) != nil }

    /// Sorts paths of one folder into reading order (feeds only).
    public static func readingOrder<T>(_ files: [T], name: (T) -> String) -> [T] {
        let keyed = files.compactMap { f -> (T, String, Int)? in
            guard let (base, rank) = parse(name(f)) else { return nil }
            return (f, base, rank)
        }
        return keyed.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : a.2 < b.2 }.map(\.0)
    }

    /// The base (`NAME.jsonl`) and a rank: rotated copies negative (older
    /// first: `.2` before `.1`, `-20261201` before `-20261202`), the live file 0.
    static func parse(_ name: String) -> (base: String, rank: Int)? {
        let u = Array(name.utf8)
        let ext = Array(".jsonl".utf8)
        if u.count > ext.count, u.suffix(ext.count).elementsEqual(ext) { return (name, 0) }
        // NAME.jsonl.N or NAME.jsonl-N: digits after the separator.
        guard let sep = u.lastIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
              sep > ext.count, u[(sep - ext.count)..<sep].elementsEqual(ext) else { return nil }
        let digits = u[(sep + 1)...]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let n = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        let base = String(decoding: u[..<sep], as: UTF8.self)
        // Numbered: a higher N is older; dated: an earlier date is older.
        // Both below the live file's 0; numbered copies before dated ones.
        let big = 1_000_000_000
        return (base, u[sep] == UInt8(ascii: ".") ? -big - n : n - big)
    }
}
