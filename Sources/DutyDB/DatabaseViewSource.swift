import DutyCore
import PostgresNIO

/// The database's answers to the builder, inside the action's transaction
/// and under its lock: an item's latest record from the log, and numbers
/// from the counters (`dutydesk_next_number(name, above)`: the greater of
/// the stored value and `above`, plus one, stored back in the transaction —
/// a rollback gives it back). The first fault is kept and every later call
/// answers without asking: the ledger then rolls back and reports it.
final class DatabaseViewSource: JournalViewSource {
    unowned let ledger: DatabaseLedger
    private(set) var fault: LedgerFault?

    init(ledger: DatabaseLedger) { self.ledger = ledger }

    func latest(_ kind: Kind, id: String) -> Record? {
        guard fault == nil else { return nil }
        do {
            return try ledger.latestRecord(kind, id: id)
        } catch {
            fault = error as? LedgerFault ?? .offline("\(error)")
            return nil
        }
    }

    /// `task:ZF-YYYYMMDD-` counts the date's task numbers.
    func nextTaskID(now: Millis, above: Int) -> String {
        let prefix = TaskNumbering.datePrefix(now)
        let n = next("task:" + prefix, above: above)
        guard n <= TaskNumbering.maxNumber else {
            fault = fault ?? LedgerFault(nature: .refused, detail: "no task number left after \(prefix)\(TaskNumbering.maxNumber)",
                                         sqlState: nil, constraint: nil)
            return prefix + String(n)
        }
        return TaskNumbering.id(prefix, n)
    }

    /// `notice:奉综指督〔2026〕` counts a document series.
    func nextNoticeNumber(_ type: NoticeType, year: Int, above: Int) -> Int {
        next("notice:" + NoticeNumbering.stem(type) + "〔\(year)〕", above: above)
    }

    private func next(_ name: String, above: Int) -> Int {
        guard fault == nil else { return above + 1 }
        let floor = Int64(above)
        do {
            let n = try ledger.statement("taking the next number of \(name)") { s -> Int64 in
                let rows = try await s.connection.query("SELECT dutydesk_next_number(\(name), \(floor))", logger: s.logger)
                for try await n in rows.decode(Int64.self) { return n }
                throw LedgerFault(nature: .refused, detail: "dutydesk_next_number gave no number", sqlState: nil, constraint: nil)
            }
            return Int(n)
        } catch {
            fault = error as? LedgerFault ?? .offline("\(error)")
            return above + 1
        }
    }
}
