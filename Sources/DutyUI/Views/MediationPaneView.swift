import DutyCore

/// The 矛调分级 pane: for each tier, resolved cases and their share as a bar
/// against the 6:3:1 target marker, open cases and today's escalations, and
/// a verdict line when a share drifts more than 10 points from its target.
enum MediationPaneView {
    static let driftLimit = 10.0

    /// Rows the bars and verdict take at a pane height; the rest lists open cases.
    static func summaryRows(_ height: Int) -> Int { height >= 8 ? 5 : min(height, 3) }

    static func draw(_ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        let summary = summaryRows(rect.height)
        drawSummary(ctx, into: &grid, rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: summary))
        if rect.height > summary {
            ListPaneView.draw(.mediation, ctx, into: &grid,
                              rect: Rect(x: rect.x, y: rect.y + summary, width: rect.width, height: rect.height - summary))
        }
    }

    /// The three tier bars, the verdict and the target line.
    static func drawSummary(_ ctx: PaneContext, into grid: inout CellGrid, rect: Rect) {
        guard !rect.isEmpty else { return }
        let a = ctx.store.aggregates
        let shares = a.resolvedShares
        let escalated = a.escalations(onDayOf: ctx.now)
        let labelWidth = ctx.language == .zh ? 10 : 9
        let stats = { (tier: Int) -> String in
            let resolved = a.resolvedByTier[tier]
            let share = String(Int(shares[tier].rounded())) + "%"
            return "\(share) \(resolved)  \(ctx.label("open_cases")) \(a.openMediationByTier[tier])  ↑\(escalated[tier])"
        }
        let statsWidth = min(rect.width / 2, MediationTier.allCases.map { TextFit.width(stats(Int($0.rawValue))) }.max() ?? 0)
        let barWidth = max(0, rect.width - labelWidth - statsWidth - 3)
        for tier in MediationTier.allCases {
            let t = Int(tier.rawValue)
            let y = rect.y + t
            guard y < rect.maxY else { break }
            let rowStyle = Style(.text)
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: rowStyle)
            grid.putAligned(text: tier.label.text(ctx.language), x: rect.x, y: y, width: labelWidth,
                            alignment: .left, style: rowStyle)
            drawBar(share: shares[t], target: Double(tier.targetPercent), x: rect.x + labelWidth + 1, y: y,
                    width: barWidth, into: &grid, selected: false)
            grid.putAligned(text: stats(t), x: rect.maxX - statsWidth, y: y, width: statsWidth,
                            alignment: .right, style: rowStyle)
        }
        // The verdict, then the target split for reference.
        let y = rect.y + 3
        guard y < rect.maxY else { return }
        let total = a.resolvedByTier.reduce(0, +)
        let drift = MediationTier.allCases.filter { abs(shares[Int($0.rawValue)] - Double($0.targetPercent)) > driftLimit }
        let verdict: String
        let role: Role
        if total == 0 {
            verdict = ctx.label("empty"); role = .dim
        } else if drift.isEmpty {
            verdict = "✓ " + ctx.label("split_ok"); role = .dim
        } else {
            let parts = drift.map { "\($0.label.text(ctx.language)) \(Int(shares[Int($0.rawValue)].rounded()))%/\($0.targetPercent)%" }
            verdict = "⚠ " + ctx.label("split_drift") + ": " + parts.joined(separator: ", "); role = .error
        }
        grid.put(text: verdict, x: rect.x, y: y, width: rect.width, style: Style(role))
        if y + 1 < rect.maxY {
            grid.put(text: "\(ctx.label("target")) 60 / 30 / 10 · \(ctx.label("resolved")) \(total)",
                     x: rect.x, y: y + 1, width: rect.width, style: Style(.dim))
        }
    }

    /// `█████░░░│░░` : the share filled, the target as a marker.
    static func drawBar(share: Double, target: Double, x: Int, y: Int, width: Int, into grid: inout CellGrid, selected: Bool) {
        guard width >= 4 else { return }
        let filled = Int((share / 100 * Double(width)).rounded())
        let marker = min(width - 1, Int((target / 100 * Double(width)).rounded()))
        for i in 0..<width {
            let isMarker = i == marker
            let glyph = isMarker ? "│" : i < filled ? "█" : "░"
            let role: Role = isMarker ? .targetMarker : i < filled ? .barFill : .barEmpty
            grid.put(text: glyph, x: x + i, y: y, width: 1, style: Style(role).selecting(selected))
        }
    }
}
