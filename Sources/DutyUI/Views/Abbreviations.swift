/// Shorter English forms of the column titles and labels the tables show,
/// in one place: when a column is narrower than a label, the table draws the
/// longest form that fits instead of cutting the word (`dispatc…`). Chinese
/// labels are short already and have no entry, so they pass unchanged.
public enum Abbreviations {
    /// Full English label → shorter forms, longest first.
    public static let table: [String: [String]] = [
        // Column titles.
        "domain": ["dom."],
        "status": ["stat.", "st"],
        "event": ["evt"],
        "level": ["lvl"],
        "category": ["categ.", "cat."],
        // Statuses.
        "settled": ["settl."],
        "dispatched": ["dispatch.", "disp."],
        "cancelled": ["cancel.", "canc."],
        "signed": ["sign."],
        "on site": ["onsite", "site"],
        "feedback": ["feedb.", "fb"],
        "returned": ["return.", "ret."],
        "accepted": ["accept.", "acc."],
        "mediating": ["mediat.", "med."],
        "resolved": ["resolv.", "res."],
        "escalated": ["escal.", "esc."],
        "referred out": ["referred", "ref."],
        "failed": ["fail."],
        "acked": ["ack"],
        // Levels, tiers, alert types.
        "critical": ["crit."],
        "‼critical": ["‼crit."],
        "!warning": ["!warn."],
        "warning": ["warn."],
        "village": ["vill."],
        "district": ["distr.", "dist."],
        "risk notice": ["risk"],
        "supervision notice": ["supervision", "superv."],
        "not taken up": ["untaken", "late"],
        "pre-warning": ["pre-warn."],
        "6:3:1 drift": ["drift"],
        "feed quiet": ["quiet"],
        "feed errors": ["errors"],
    ]

    /// `text` when it fits `width` columns, else its longest shorter form
    /// that fits, else `text` (to be cut with an ellipsis).
    public static func fit(_ text: String, width: Int) -> String {
        guard ColumnFit.width(text) > width, let forms = table[text] else { return text }
        return forms.first { ColumnFit.width($0) <= width } ?? text
    }

    /// The width of the shortest form of `text` (itself when it has none).
    public static func shortestWidth(_ text: String) -> Int {
        let w = ColumnFit.width(text)
        guard let forms = table[text] else { return w }
        return forms.map(ColumnFit.width).reduce(w, min)
    }
}
