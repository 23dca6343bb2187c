import Crypto
import Foundation

/// Who is logged in, and who is guessing: browser sessions (a random token in an `HttpOnly`,
/// `SameSite=Strict` cookie, for twelve hours), credentials already checked for scripts using
/// Basic authentication (a password hash is slow on purpose: checked once, then remembered for a
/// few minutes by its SHA-256), and failed logins per name, slowed down after five.
actor SessionStore {
    private var sessions: [String: (user: String, expires: Date)] = [:]
    private var checkedBasic: [String: (user: String, expires: Date)] = [:]
    private var failures: [String: (count: Int, last: Date)] = [:]
    let users: DashboardUsers
    let sessionLifetime: TimeInterval = 12 * 3600
    /// Tries allowed before each further one waits.
    static let freeTries = 5

    init(users: DashboardUsers) { self.users = users }

    func newSession(for user: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let token = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        sessions[token] = (user, Date().addingTimeInterval(sessionLifetime))
        return token
    }

    func user(forSession token: String) -> String? {
        guard let session = sessions[token] else { return nil }
        guard session.expires > Date() else {
            sessions[token] = nil
            return nil
        }
        return session.user
    }

    func endSession(_ token: String) { sessions[token] = nil }

    /// How long a try for `name` must wait first: nothing for the first five failures, then one
    /// second doubling up to a minute.
    func delay(for name: String) -> Duration {
        guard let failure = failures[name], failure.count >= Self.freeTries else { return .zero }
        return .seconds(min(60, 1 << min(6, failure.count - Self.freeTries)))
    }

    /// Checks a name and password (after the delay its failures earned) and records the outcome.
    func check(name: String, password: String) async -> Bool {
        let wait = delay(for: name)
        if wait > .zero { try? await Task.sleep(for: wait) }
        let users = self.users
        let ok = await Task.detached { users.verify(name: name, password: password) }.value
        if ok {
            failures[name] = nil
        } else {
            failures[name] = ((failures[name]?.count ?? 0) + 1, Date())
        }
        return ok
    }

    /// Basic credentials: remembered for five minutes once checked.
    func checkBasic(name: String, password: String) async -> Bool {
        let key = SHA256.hash(data: Data("\(name)\u{0}\(password)".utf8)).map { String(format: "%02x", $0) }.joined()
        if let known = checkedBasic[key], known.expires > Date() { return true }
        guard await check(name: name, password: password) else { return false }
        checkedBasic[key] = (name, Date().addingTimeInterval(300))
        return true
    }
}
