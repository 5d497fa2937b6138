/// `dutydesk report --format md`: the period's figures as a leader reads
/// them — the headline figures first, then the towns, the domains, the
/// 6:3:1 split against its target, and a one-line trend per daily figure.
/// A Chinese document by default (`language: .en` words it in English);
/// texts from records are shown as on screen (␛ …) and a `|` in them
/// cannot break a table.
extension PeriodReport {
    public func markdown(fromText: String, toText: String, language: Language = .zh) -> String {
        let l = { (label: Label) in label.text(language) }
        let w = PeriodReportWords.self
        var md = "# " + l(w.title) + "\n\n"
        md += l(w.period) + fromText + " — " + toText + l(w.halfOpen) + "\n\n"
        md += "## " + l(w.headline) + "\n\n| " + l(w.figure) + " | " + l(w.value) + " |\n|---|---:|\n"
        for (label, value) in headline(language) { md += "| " + l(label) + " | " + value + " |\n" }
        md += "\n## " + l(w.towns) + "\n\n"
        md += Self.table([w.town, w.events, w.enforcement, w.tasks, w.onTimeRate, w.overdueNow, w.mediationResolved].map(l),
                         towns.map { [Self.cell($0.town), "\($0.events)", "\($0.enforcement)", "\($0.tasks)",
                                      Self.percent($0.onTimeRate), "\($0.overdueNow)", "\($0.mediationResolved)"] })
        md += "\n## " + l(w.domains) + "\n\n"
        md += Self.table([w.domain, w.events, w.share, w.enforcement].map(l),
                         domains.map { [Self.cell($0.domain), "\($0.events)", Self.percent(PeriodReport.rate($0.events, events.total)),
                                        "\($0.enforcement)"] })
        md += "\n## " + l(w.split) + "\n\n"
        md += Self.table([w.tier, w.resolved, w.achieved, w.target, w.gap].map(l), MediationTier.allCases.map { tier in
            let share = mediation.split[tier] ?? nil
            return [l(tier.label), "\(mediation.resolvedByTier[tier] ?? 0)", Self.percent(share), "\(tier.targetPercent)%",
                    share.map { Self.points($0 * 100 - Double(tier.targetPercent), language) } ?? "—"]
        })
        md += "\n## " + l(w.trends) + "\n\n"
        let trend = Sparkline.buckets(daily.count)
        md += l(trend == 1 ? w.perDay : w.perWeek) + "\n\n"
        for (label, values) in [(w.events, daily.map(\.events)), (w.dispatched, daily.map(\.tasks)), (w.doneDaily, daily.map(\.done))] {
            md += "- " + l(label) + " `" + Sparkline.line(values, bucket: trend) + "` " + l(w.lowHigh)
                + "\(values.min() ?? 0)–\(values.max() ?? 0)\n"
        }
        return md
    }

    /// The headline rows: what the district publishes, first.
    private func headline(_ language: Language) -> [(Label, String)] {
        let w = PeriodReportWords.self
        let l = { (label: Label) in label.text(language) }
        let sep = language == .zh ? "、" : ", "
        let reasons = tasks.returnedByReason.map { Self.cell($0.reason.isEmpty ? l(w.noReason) : $0.reason) + " \($0.count)" }
        return [
            (w.eventsTotal, "\(events.total)"),
            (w.selfResolvedRate, Self.percent(events.selfResolvedRate)),
            (w.enforcementEvents, "\(events.enforcement)"),
            (w.petitionToEnforcement, "\(events.petitionToEnforcement)"),
            (w.tasksTotal, "\(tasks.total)"),
            (w.jointTasks, "\(tasks.byType[.joint] ?? 0)"),
            (w.referralTasks, "\(tasks.byType[.referral] ?? 0)"),
            (w.onTimeRate, Self.percent(tasks.onTimeRate) + " (\(tasks.onTime)/\(tasks.done))"),
            (w.returned, "\(tasks.returned)" + (reasons.isEmpty ? "" : " (" + reasons.joined(separator: sep) + ")")),
            (w.mediation, "\(mediation.total) / \(mediation.resolved)"),
            (w.notices, NoticeType.allCases.map { l($0.label) + " \(notices.byType[$0] ?? 0)" }.joined(separator: sep)
                + (language == .zh ? "；" : "; ") + l(w.repliedOnTime) + " \(notices.repliedOnTime)"),
            (w.satisfaction, Self.percent(satisfaction.rate) + " (\(satisfaction.satisfied)/\(satisfaction.surveyed))"),
        ]
    }

    /// A Markdown table: header, alignment (the first column left, numbers right), rows.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n|"
        out += (0..<header.count).map { $0 == 0 ? "---" : "---:" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    /// `80.12%` (a rate to two decimals of a percent), `—` when there is none.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "—" }
        let basisPoints = Int((rate * 10_000).rounded())
        return JSONObjectWriter.decimal(Double(basisPoints) / 100) + "%"
    }

    /// `+1.5 个百分点` / `-0.3 pp`: a gap in percentage points, one decimal.
    static func points(_ gap: Double, _ language: Language) -> String {
        let tenths = Int((gap * 10).rounded())
        let text = (tenths >= 0 ? "+" : "-") + String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
        return text + (language == .zh ? " 个百分点" : " pp")
    }

    /// A text from a record, shown as on screen and safe in a table cell.
    static func cell(_ s: String) -> String {
        (Sanitize.isClean(s) ? s : Sanitize.visible(s)).replacingAll("|", with: "｜")
    }
}

/// Block-character trend lines (▁▂▃▄▅▆▇█), scaled from 0 to the period's
/// highest value: one character a day, or a week's daily mean when the
/// period is longer than nine weeks, so a year stays one line of 53.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Days per character for a period of `days` days.
    static func buckets(_ days: Int) -> Int { days > 63 ? 7 : 1 }

    static func line(_ values: [Int], bucket: Int) -> String {
        let means: [Double] = stride(from: 0, to: values.count, by: bucket).map { start in
            let slice = values[start..<min(start + bucket, values.count)]
            return Double(slice.reduce(0, +)) / Double(slice.count)
        }
        let top = means.max() ?? 0
        return String(means.map { v in
            guard top > 0, v > 0 else { return blocks[0] }
            return blocks[min(7, Int((v * 8 / top).rounded(.up)) - 1)]
        })
    }
}
