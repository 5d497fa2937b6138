import CNcursesw

/// A minimal xterm: replays what ncurses wrote to the pty into a grid of
/// cells, so tests can assert what a person would *see* (text at the right
/// columns, wide glyphs aligned) rather than grep escape sequences.
///
/// It understands the sequences ncurses uses with xterm-256color (cursor
/// addressing and motion, erase, repeat, insert/delete, scroll regions,
/// alternate screen) and ignores attributes and modes. It also records every
/// control character that is not part of such a sequence: a raw BEL, a C1
/// code, a stray escape — the things a feed must never smuggle onto the
/// screen.
struct VirtualScreen {
    private(set) var width: Int
    private(set) var height: Int
    private(set) var rows: [[String]]
    private(set) var cursor = (x: 0, y: 0)
    /// Control characters found outside recognised sequences (code points).
    private(set) var strayControls: [UInt32] = []
    /// Whether the alternate screen is active (smcup seen, rmcup not since).
    private(set) var alternate = false
    /// Whether the cursor was last made visible (cnorm) or hidden (civis).
    private(set) var cursorVisible = true

    private var top = 0
    private var bottom: Int
    private var wrapPending = false
    private var last: String = " "
    private var saved = (x: 0, y: 0)

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        bottom = height - 1
        rows = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    /// Row `y` as text, continuation cells skipped (like `CellGrid.line`).
    func line(_ y: Int) -> String { rows[y].joined() }

    var lines: [String] { (0..<height).map(line) }

    /// Replays `bytes` (all output so far, or a continuation of it).
    mutating func feed(_ bytes: [UInt8]) {
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            i += 1
            switch v {
            case 0x1B: i = escape(scalars, from: i)
            case 0x0D: cursor.x = 0; wrapPending = false
            case 0x0A: lineFeed()
            case 0x08: cursor.x = max(0, cursor.x - 1); wrapPending = false
            case 0x09: cursor.x = min(width - 1, (cursor.x / 8 + 1) * 8)
            case 0..<0x20, 0x7F...0x9F: strayControls.append(v)
            default: print(scalars[i - 1])
            }
        }
    }

    // MARK: - Printing

    private mutating func print(_ s: Unicode.Scalar) {
        let w = Int(dd_wcwidth(wchar_t(bitPattern: s.value)))
        if w == 0 {                                       // combining: joins the previous cell
            let x = max(0, cursor.x - (wrapPending ? 0 : 1))
            rows[cursor.y][x] += String(s)
            return
        }
        let cw = max(1, w)
        if wrapPending || cursor.x + cw > width {
            cursor.x = 0
            lineFeed()
        }
        rows[cursor.y][cursor.x] = String(s)
        if cw == 2 && cursor.x + 1 < width { rows[cursor.y][cursor.x + 1] = "" }
        last = String(s)
        if cursor.x + cw >= width { cursor.x = width - 1; wrapPending = true } else { cursor.x += cw }
    }

    private mutating func lineFeed() {
        wrapPending = false
        if cursor.y == bottom { scroll(up: 1) } else { cursor.y = min(height - 1, cursor.y + 1) }
    }

    private mutating func scroll(up n: Int) {
        for _ in 0..<n {
            rows.remove(at: top)
            rows.insert(blankRow, at: bottom)
        }
    }

    private mutating func scroll(down n: Int) {
        for _ in 0..<n {
            rows.remove(at: bottom)
            rows.insert(blankRow, at: top)
        }
    }

    private var blankRow: [String] { Array(repeating: " ", count: width) }

    // MARK: - Escape sequences

    private mutating func escape(_ s: [Unicode.Scalar], from start: Int) -> Int {
        guard start < s.count else { strayControls.append(0x1B); return start }
        let c = s[start]
        switch c {
        case "[": return csi(s, from: start + 1)
        case "]", "P", "_", "^":                           // OSC, DCS…: up to BEL or ST
            var i = start + 1
            while i < s.count {
                if s[i].value == 0x07 { return i + 1 }
                if s[i].value == 0x1B, i + 1 < s.count, s[i + 1] == "\\" { return i + 2 }
                i += 1
            }
            return i
        case "(", ")", "*", "+": return start + 2          // character set designation
        case "7": saved = cursor; return start + 1
        case "8": cursor = saved; wrapPending = false; return start + 1
        case "M":
            if cursor.y == top { scroll(down: 1) } else { cursor.y = max(0, cursor.y - 1) }
            return start + 1
        case "D": lineFeed(); return start + 1
        case "E": cursor.x = 0; lineFeed(); return start + 1
        case "=", ">", "c": return start + 1
        default:
            strayControls.append(0x1B)
            return start
        }
    }

    private mutating func csi(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        var text = ""
        while i < s.count, !(0x40...0x7E).contains(s[i].value) { text.unicodeScalars.append(s[i]); i += 1 }
        guard i < s.count else { return i }
        let final = Character(s[i])
        let privateMode = text.hasPrefix("?")
        let params = text.trimmingPrefix("?").split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        func p(_ k: Int, _ d: Int) -> Int { k < params.count ? (params[k] ?? d) : d }
        let n = max(1, p(0, 1))
        if final != "b" { wrapPending = false }
        switch final {
        case "H", "f": cursor = (min(width - 1, max(1, p(1, 1)) - 1), min(height - 1, max(1, p(0, 1)) - 1))
        case "A": cursor.y = max(0, cursor.y - n)
        case "B": cursor.y = min(height - 1, cursor.y + n)
        case "C": cursor.x = min(width - 1, cursor.x + n)
        case "D": cursor.x = max(0, cursor.x - n)
        case "G", "`": cursor.x = min(width - 1, n - 1)
        case "d": cursor.y = min(height - 1, n - 1)
        case "E": cursor = (0, min(height - 1, cursor.y + n))
        case "F": cursor = (0, max(0, cursor.y - n))
        case "K": erase(line: cursor.y, mode: p(0, 0))
        case "J":
            let mode = p(0, 0)
            erase(line: cursor.y, mode: mode)
            let others = mode == 0 ? Array((cursor.y + 1)..<height) : mode == 1 ? Array(0..<cursor.y) : Array(0..<height)
            for y in others { rows[y] = blankRow }
        case "X": for x in cursor.x..<min(width, cursor.x + n) { rows[cursor.y][x] = " " }
        case "b": for _ in 0..<n { for scalar in last.unicodeScalars { print(scalar) } }
        case "@":
            rows[cursor.y].insert(contentsOf: Array(repeating: " ", count: n), at: cursor.x)
            rows[cursor.y].removeLast(n)
        case "P":
            let k = min(n, width - cursor.x)
            rows[cursor.y].removeSubrange(cursor.x..<(cursor.x + k))
            rows[cursor.y].append(contentsOf: Array(repeating: " ", count: k))
        case "L": for _ in 0..<n where cursor.y <= bottom { rows.remove(at: bottom); rows.insert(blankRow, at: cursor.y) }
        case "M": for _ in 0..<n where cursor.y <= bottom { rows.remove(at: cursor.y); rows.insert(blankRow, at: bottom) }
        case "S": scroll(up: n)
        case "T": scroll(down: n)
        case "r":
            top = max(0, p(0, 1) - 1)
            bottom = min(height - 1, p(1, height) - 1)
            cursor = (0, 0)
        case "s": saved = cursor
        case "u": cursor = saved
        case "h", "l":
            guard privateMode else { break }
            let on = final == "h"
            for mode in params {
                if mode == 1049 || mode == 47 || mode == 1047 { alternate = on }
                if mode == 25 { cursorVisible = on }
            }
        default: break                                       // m (attributes), t, n, …
        }
        return i + 1
    }

    private mutating func erase(line y: Int, mode: Int) {
        let range = mode == 0 ? cursor.x..<width : mode == 1 ? 0..<(cursor.x + 1) : 0..<width
        for x in range where x < width { rows[y][x] = " " }
    }
}
