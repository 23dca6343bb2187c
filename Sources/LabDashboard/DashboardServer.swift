import Feedback
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// `inclusion-map lab serve`: the lab's read-only dashboard, a Hummingbird application. Pages are
/// rendered on the server from the lab database (read with a SELECT-only role), charts as inline
/// SVG; the live page is pushed by server-sent events from one LISTEN connection.
public struct DashboardServer: Sendable {
    public struct Options: Sendable {
        public var lab: LabSettings
        public var users: DashboardUsers
        public var host: String
        public var port: Int
        /// Mark the session cookie `Secure` (behind a TLS reverse proxy); also set when the proxy
        /// says `X-Forwarded-Proto: https`.
        public var secureCookies: Bool
        public var places: [String: PlaceFacts]
        public var coveragePoster: URL?
        public var coverageTable: URL?

        public init(lab: LabSettings, users: DashboardUsers, host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                    places: [String: PlaceFacts] = [:], coveragePoster: URL? = nil, coverageTable: URL? = nil) {
            self.lab = lab
            self.users = users
            self.host = host
            self.port = port
            self.secureCookies = secureCookies
            self.places = places
            self.coveragePoster = coveragePoster
            self.coverageTable = coverageTable
        }
    }

    let options: Options
    let logger: Logger

    public init(options: Options, logger: Logger) {
        self.options = options
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT; `onListening` gets the bound port (0 asks for any free one).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let database = LabDatabase(settings: options.lab, logger: logger)
        let sessions = SessionStore(users: options.users)
        let logger = self.logger
        let pages = DashboardPages(places: options.places)
        // The pages' HTML, kept until the lab announces a change (or a minute passes).
        let live = PageCache { pages.live(try await database.read { try await DashboardData.live($0, logger: logger) }) }
        let accessibility = PageCache { pages.accessibility(try await database.read { try await DashboardData.accessibility($0, logger: logger) }) }
        let usage = PageCache { pages.usage(try await database.read { try await DashboardData.usage($0, logger: logger) }) }
        let places = options.places
        let feed = LiveFeed(settings: options.lab, logger: logger, placeName: { places[$0]?.name }) {
            await live.invalidate()
            await accessibility.invalidate()
            await usage.invalidate()
        }
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: DashboardAuth(sessions: sessions, secureCookies: options.secureCookies))

        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/login") { request, _ in
            Self.html(DashboardPages.login(error: request.uri.queryParameters["error"] != nil,
                                           next: request.uri.queryParameters["next"].map(String.init) ?? "/"))
        }
        router.post("/login") { request, _ in
            var request = request
            let form = Self.form(try await request.collectBody(upTo: 16_384))
            let next = Self.safeNext(form["next"])
            guard let name = form["name"], let password = form["password"], await sessions.check(name: name, password: password) else {
                return Response(status: .seeOther, headers: [.location: "/login?error=1&next=\(Self.urlEncoded(next))"])
            }
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(Cookie(name: SessionCookie.name, value: await sessions.newSession(for: name), maxAge: 12 * 3600,
                                      path: "/", secure: SessionCookie.isSecure(request, always: options.secureCookies), httpOnly: true,
                                      sameSite: .strict))
            return response
        }
        router.post("/logout") { request, _ in
            if let token = request.cookies[SessionCookie.name]?.value { await sessions.endSession(token) }
            return Response(status: .seeOther, headers: [.location: "/login"])
        }
        router.get("/") { _, _ in try await Self.page { try await live.get() } }
        router.get("/lieux") { _, _ in try await Self.page { try await accessibility.get() } }
        router.get("/usage") { _, _ in try await Self.page { try await usage.get() } }
        router.get("/flotte") { _, _ in
            try await Self.page { pages.fleet(try await database.read { try await FleetReport.fetch(on: $0, logger: logger) }) }
        }
        let poster = options.coveragePoster, table = options.coverageTable
        router.get("/couverture") { _, _ in
            let rows = try table.map { try String(contentsOf: $0, encoding: .utf8) }.map(Self.csvRows)
            return Self.html(pages.coverage(poster: poster != nil, table: rows))
        }
        router.get("/couverture/affiche.png") { _, _ in
            guard let poster, let data = FileManager.default.contents(atPath: poster.path) else { return Response(status: .notFound) }
            return Response(status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.get("/exports") { _, _ in Self.html(pages.exports()) }
        router.get("/export/feedback.csv") { _, _ in Self.csv("feedback.csv", database: database, export: CSVExports.feedback) }
        router.get("/export/usage.csv") { _, _ in Self.csv("usage.csv", database: database, export: CSVExports.usage) }
        router.get("/events") { _, _ in
            let stream = await feed.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                            body: ResponseBody { writer in
                                // A comment at once, so that the browser knows the stream is open.
                                try await writer.write(ByteBuffer(string: ": open\n\n"))
                                // A stop (SIGTERM) ends the stream, so that the server can finish.
                                for await message in stream.cancelOnGracefulShutdown() {
                                    try await writer.write(ByteBuffer(string: message))
                                }
                                try await writer.finish(nil)
                            })
        }

        let app = Application(router: router, configuration: .init(address: .hostname(options.host, port: options.port), serverName: "InclusionMap lab"),
                              onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await database.client.run() }
            group.addTask { await feed.run() }
            group.addTask { await feed.keepAlive() }
            group.addTask { try await app.runService() }
            // The server's end (a stop signal) ends the rest.
            try await group.next()
            group.cancelAll()
        }
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page, or "base du labo injoignable" (503) when the lab cannot be read now.
    static func page(_ render: () async throws -> String) async throws -> Response {
        do {
            return html(try await render())
        } catch let error as LabDatabase.Unreachable {
            return html(DashboardPages.unreachable(error.reason), status: .serviceUnavailable)
        }
    }

    static func csv(_ name: String, database: LabDatabase,
                    export: @escaping @Sendable (PostgresConnection, Logger, (String) async throws -> Void) async throws -> Void) -> Response {
        let logger = database.logger
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        // Rows go out as they are read, about 64 kB at a time.
        let task = Task {
            do {
                try await database.client.withConnection { connection in
                    var chunk = ""
                    try await export(connection, logger) { line in
                        chunk += line
                        if chunk.utf8.count > 64_000 {
                            continuation.yield(ByteBuffer(string: chunk))
                            chunk = ""
                        }
                    }
                    if !chunk.isEmpty { continuation.yield(ByteBuffer(string: chunk)) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: ResponseBody(asyncSequence: stream))
    }

    /// `application/x-www-form-urlencoded` fields.
    static func form(_ buffer: ByteBuffer) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// Only a path of this site (never another site) after logging in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    static func urlEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
    }

    static func csvRows(_ text: String) -> [[String]] {
        // The coverage CSV has no quoted commas in its names' columns that matter here; quoted
        // fields are unquoted.
        text.split(whereSeparator: \.isNewline).map { line in
            var fields: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(field); field = "" } else { field.append(c) }
            }
            fields.append(field)
            return fields
        }
    }
}
