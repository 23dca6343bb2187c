import Foundation
import HTTPTypes
import Hummingbird

/// Every page but `/healthz` and the login form needs a session cookie (browsers) or HTTP Basic
/// credentials (scripts). Without them a browser is sent to the login form and anything else gets
/// 401 with a Basic challenge.
struct DashboardAuth<Context: RequestContext>: RouterMiddleware {
    let sessions: SessionStore
    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/healthz" || path == "/login" { return try await next(request, context) }
        if let token = request.cookies[SessionCookie.name]?.value, await sessions.user(forSession: token) != nil {
            return try await next(request, context)
        }
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
           let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)).map({ String(decoding: $0, as: UTF8.self) }),
           let colon = decoded.firstIndex(of: ":") {
            if await sessions.checkBasic(name: String(decoded[..<colon]), password: String(decoded[decoded.index(after: colon)...])) {
                return try await next(request, context)
            }
            return Self.challenge()
        }
        if request.method == .get, request.headers[.accept]?.contains("text/html") == true {
            let target = request.uri.query.map { "\(path)?\($0)" } ?? path
            return Response(status: .seeOther, headers: [.location: "/login?next=\(DashboardServer.urlEncoded(target))"])
        }
        return Self.challenge()
    }

    static func challenge() -> Response {
        Response(status: .unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"InclusionMap lab\", charset=\"UTF-8\""],
                 body: .init(byteBuffer: ByteBuffer(string: "401: log in (a session cookie from /login, or HTTP Basic)\n")))
    }
}

/// The browser's session cookie.
enum SessionCookie {
    static let name = "inclusion_lab_session"

    /// Behind a TLS reverse proxy (or when told to), the session cookie is `Secure`.
    static func isSecure(_ request: Request, always: Bool) -> Bool {
        always || request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}
