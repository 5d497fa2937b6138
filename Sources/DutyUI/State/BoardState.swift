/// Where the situation board is: the column it is sorted by, the order, and
/// the selected town. The town is kept by its place in the district's list,
/// not by row, so it stays selected when a re-sort or new figures move it.
public struct BoardState: Equatable, Sendable {
    public var sort: BoardColumn = .town
    public var descending = false
    /// The selected town, as an index into `District.towns`.
    public var town = 0
    /// Help was opened from the board: back from help returns to it (and
    /// help lists the board's keys first).
    var helpFromBoard = false

    public init() {}

    /// Sorts by the next column, in the order that column starts with.
    public mutating func sortNext() {
        let all = BoardColumn.allCases
        sort = all[(sort.rawValue + 1) % all.count]
        descending = sort.startsDescending
    }

    /// Flips the order of the sort column.
    public mutating func flip() { descending.toggle() }
}
