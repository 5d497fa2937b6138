import Foundation
import PostgresNIO

/// Where the shared state lives: `postgres://USER:PASSWORD@HOST:PORT/DATABASE`
/// (`postgresql://` too), from `--db` or `DUTYDESK_DB`. `?host=/run/postgresql`
/// names a socket folder instead of a TCP host; `?sslmode=disable|prefer|require`
/// (default `prefer` over TCP, as libpq does).
///
/// The password is kept out of every text this type makes (`description`,
/// `redacted`): what is printed or logged names the server, never the secret.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A folder holding the server's socket (`.s.PGSQL.PORT`), when set.
    public var socketFolder: String?
    public var tls: TLSMode

    /// Parses the URL; the error never quotes the URL, which may hold the password.
    public init(_ text: String) throws(DatabaseError) {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, scheme == "postgres" || scheme == "postgresql" else {
            throw DatabaseError("the database URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding }
        host = components.host ?? "localhost"
        port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        socketFolder = nil
        tls = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "host" where (item.value ?? "").hasPrefix("/"): socketFolder = item.value
            case "sslmode":
                guard let mode = TLSMode(rawValue: item.value ?? "") else {
                    throw DatabaseError("sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw DatabaseError("unknown database URL parameter \"\(item.name)\" (known: host, sslmode)")
            }
        }
        if socketFolder != nil || host == "localhost" || host.hasPrefix("127.") || host == "::1" {
            if tls == .prefer { tls = .disable }   // no certificate on a local server is the norm
        }
    }

    /// The URL as it may be shown: the password replaced by `***`.
    public var redacted: String {
        let secret = password == nil ? "" : ":***"
        let place = socketFolder.map { "\(host):\(port)/\(database)?host=\($0)" } ?? "\(host):\(port)/\(database)"
        return "postgres://\(user)\(secret)@\(place)"
    }

    public var description: String { redacted }

    /// PostgresNIO's connection settings.
    func configuration() throws(DatabaseError) -> PostgresConnection.Configuration {
        if let socketFolder {
            return .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let mode: PostgresConnection.Configuration.TLS
        switch tls {
        case .disable: mode = .disable
        case .prefer, .require:
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                mode = tls == .require ? .require(context) : .prefer(context)
            } catch {
                throw DatabaseError("cannot set up TLS: \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: mode)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
