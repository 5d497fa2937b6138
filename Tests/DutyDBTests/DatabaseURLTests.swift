import DutyDB
import Testing

/// Parsing `--db` / `DUTYDESK_DB`, and never showing the password.
@Suite struct DatabaseURLTests {
    @Test func readsEveryPart() throws {
        let url = try DatabaseURL("postgres://duty%40center:p%3Ass@db.example:6543/fenghua?sslmode=require")
        #expect(url.user == "duty@center")
        #expect(url.password == "p:ss")
        #expect(url.host == "db.example" && url.port == 6543 && url.database == "fenghua")
        #expect(url.tls == .require)
        #expect(url.socketFolder == nil)
    }

    @Test func defaultsLikeLibpq() throws {
        let url = try DatabaseURL("postgresql://duty@localhost")
        #expect(url.port == 5432 && url.database == "duty" && url.password == nil)
        #expect(url.tls == .disable)   // local: no TLS unless asked
        #expect(try DatabaseURL("postgres://duty@10.0.0.5/x").tls == .prefer)
        let socket = try DatabaseURL("postgres://duty@localhost/x?host=/run/postgresql")
        #expect(socket.socketFolder == "/run/postgresql")
    }

    @Test func theRedactedFormHidesThePassword() throws {
        let url = try DatabaseURL("postgres://duty:hunter2@db:5432/fenghua")
        #expect(url.redacted == "postgres://duty:***@db:5432/fenghua")
        #expect("\(url)" == url.redacted)
    }

    @Test func aBadURLIsNamedWithoutQuotingIt() {
        for text in ["mysql://u:hunter2@h/db", "postgres://u:hunter2@h/db?sslmode=maybe", "postgres://u:hunter2@h/db?x=1", "not a url hunter2"] {
            do {
                _ = try DatabaseURL(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(!error.description.contains("hunter2"), "\(error)")
            }
        }
    }
}
