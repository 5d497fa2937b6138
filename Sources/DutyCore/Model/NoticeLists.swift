/// A notice's two lists (addressees and refs) held in one free text of the
/// store, as the canonical JSON `[["to",…],["kind:id",…]]`: a snapshot has six
/// text slots and a notice has seven texts, and one canonical form means two
/// records that differ only in spacing are still exact duplicates.
public enum NoticeLists {
    /// The canonical text of both lists.
    public static func encode(to: [String], refs: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        append(to, &out)
        out.append(UInt8(ascii: ","))
        append(refs, &out)
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ list: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, s) in list.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            RecordWriter.string(s, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// Both lists back from `encode`'s text (empty lists for anything else).
    public static func decode(_ text: String) -> (to: [String], refs: [String]) {
        var text = text
        return text.withUTF8 { buf in
            let b = UnsafeRawBufferPointer(buf)
            var i = 0
            guard b.count >= 2, b[0] == UInt8(ascii: "[") else { return ([], []) }
            i = 1
            let to = (try? strings(b, &i)) ?? []
            if i < b.count, b[i] == UInt8(ascii: ",") { i += 1 }
            let refs = (try? strings(b, &i)) ?? []
            return (to, refs)
        }
    }

    /// Why a JSON array was not an array of strings: the element's 1-based place and its type.
    public struct NotAString: Error { public let place: Int; public let type: JSONValueType }

    /// Reads one JSON array of strings starting at `b[i]` (`[`, possibly after
    /// whitespace), already validated as JSON by the scanner; leaves `i` after
    /// its `]`. Throws at the first element that is not a string.
    static func strings(_ b: UnsafeRawBufferPointer, _ i: inout Int) throws(NotAString) -> [String] {
        func skipWS() { while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 } }
        skipWS()
        guard i < b.count, b[i] == UInt8(ascii: "[") else { throw NotAString(place: 0, type: .null) }
        i += 1
        var out: [String] = []
        var scratch: [UInt8] = []
        skipWS()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return out }
        while i < b.count {
            skipWS()
            guard b[i] == 0x22 else { throw NotAString(place: out.count + 1, type: valueType(b[i])) }
            let start = i + 1
            var j = start
            while j < b.count, b[j] != 0x22 { j += b[j] == 0x5C ? 2 : 1 }
            scratch.removeAll(keepingCapacity: true)
            StringDecoder.unescape(UnsafeRawBufferPointer(rebasing: b[start..<j]), into: &scratch)
            out.append(String(decoding: scratch, as: UTF8.self))
            i = j + 1
            skipWS()
            if i < b.count, b[i] == UInt8(ascii: ",") { i += 1; continue }
            i += 1   // `]`
            break
        }
        return out
    }

    private static func valueType(_ c: UInt8) -> JSONValueType {
        switch c {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "t"): .true
        case UInt8(ascii: "f"): .false
        case UInt8(ascii: "n"): .null
        default: .number
        }
    }
}
