import DutyCore
#if canImport(Glibc)
import Glibc
#endif

/// One screen cell: the text drawn there and its display width. A wide
/// (CJK) character occupies its cell plus a continuation cell of width 0, so
/// every row always has exactly `width` columns.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public init(_ text: String = " ", width: UInt8 = 1) { self.text = text; self.width = width }
    public static let blank = Cell()
    public static let continuation = Cell("", width: 0)
}

/// An in-memory screen that layouts draw into; the terminal backend only
/// copies it out, and tests compare it as text.
public struct CellGrid: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Writes text at (x, y), clipped to `maxWidth` columns; a wide character
    /// that would not fit whole is replaced by a space. Returns columns used.
    @discardableResult
    public mutating func put(_ s: String, x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        guard y >= 0 && y < height && x >= 0 && x < width else { return 0 }
        let limit = min(width - x, maxWidth ?? Int.max)
        var col = 0
        for ch in Sanitize.visible(s) {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit {
                if col < limit { cells[y * width + x + col] = .blank; col += 1 }
                break
            }
            cells[y * width + x + col] = Cell(String(ch), width: UInt8(w))
            if w == 2 { cells[y * width + x + col + 1] = .continuation }
            col += w
        }
        return col
    }

    /// The grid as lines of text, for snapshots.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].text }
            return s
        }
    }
}

/// Display width of text in terminal columns, from the same `wcwidth` that
/// ncurses uses, so that layout and screen agree.
public enum DisplayWidth {
    public static func of(_ ch: Character) -> Int {
        var total = 0
        for (i, scalar) in ch.unicodeScalars.enumerated() {
            let w = Int(c_wcwidth(Int32(bitPattern: scalar.value)))
            if i == 0 { total = max(w, 0) } else if w > 0 && scalar.value >= 0x1F000 { total = 2 }
        }
        return min(total, 2)
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }
}

/// libc's wcwidth (what ncurses itself calls); Glibc's module does not export it.
@_silgen_name("wcwidth")
func c_wcwidth(_ c: Int32) -> Int32
