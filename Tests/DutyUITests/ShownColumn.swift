import Foundation
@testable import DutyUI

/// What a rendered table shows in one column, read back from the grid by the
/// column's title: lets a frame test check what each row on screen says (a
/// filter's rows all in its town, say), not only that some text is somewhere.
struct ShownColumn {
    /// The column's text on each non-blank row under the title row, trimmed.
    let values: [String]

    /// Reads the column titled `title` in a table drawn in `rect` (its first
    /// row the column titles); the column ends where `next`'s title starts.
    init?(_ grid: CellGrid, in rect: Rect, title: String, next: String) {
        let header = rect.y
        guard let start = Self.find(title, in: grid, row: header, rect: rect),
              let end = Self.find(next, in: grid, row: header, rect: rect), end > start else { return nil }
        values = (header + 1..<rect.maxY).compactMap { y in
            let row = Self.text(grid, y: y, from: rect.x, to: rect.maxX)
            guard !row.allSatisfy({ $0 == " " }) else { return nil }
            return Self.text(grid, y: y, from: start, to: end).trimmingCharacters(in: .whitespaces)
        }
    }

    /// The text of cells [from, to) of row y (a wide glyph counted once).
    static func text(_ grid: CellGrid, y: Int, from: Int, to: Int) -> String {
        (from..<to).map { grid[$0, y] }.filter { !$0.isContinuation }.map(\.text).joined()
    }

    /// The column at which `word` starts on row `row` of `rect`.
    static func find(_ word: String, in grid: CellGrid, row: Int, rect: Rect) -> Int? {
        (rect.x..<rect.maxX).first { text(grid, y: row, from: $0, to: rect.maxX).hasPrefix(word) }
    }
}
