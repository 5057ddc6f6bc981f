import Foundation
public import Hummingbird
import Synchronization

/// Resolves, for every request, the page language, the signed-in session and the CSRF token, and refuses any
/// state-changing request whose CSRF token does not match with 403 before a route runs (so nothing changes).
///
/// Signed in, the token is the session's secret; signed out (the sign-in, sign-up and link forms), it is the value
/// of a random pre-session cookie echoed by the form (double submit): another site can neither read the cookie nor
/// set it, so it cannot forge the field. A form sends it as its hidden `csrf` field (urlencoded or multipart: a
/// multipart body is parsed here too, and its text fields and files handed on in the context), a script as
/// `X-CSRF-Token`; never in the URL. A multipart POST from a browser with no token cookie at all is refused before its body is read.
public struct WebSessionMiddleware: RouterMiddleware {
    public typealias Context = PortalRequestContext

    static let sessionCookie = "postdesk_session"
    static let csrfCookie = "postdesk_csrf"
    static let languageCookie = "lang"
    /// The largest urlencoded form read (sign-in, sign-up, settings): more is refused with 413.
    static let formLimit = 64 * 1024
    /// The largest `multipart/form-data` body read (a reply or a new ticket with files): the 50 MiB a mail may
    /// carry, plus room for the text fields and part headers; more is refused with 413.
    static let multipartLimit = 51 * 1024 * 1024

    var accounts: AccountService
    /// Bounds how many multipart bodies are read at once: each may hold 51 MiB.
    let uploads = UploadGate(limit: 4)

    public init(accounts: AccountService) {
        self.accounts = accounts
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        var context = context
        var cookies: [Cookie] = []
        let secure = accounts.settings.secureCookies
        context.clientAddress = accounts.settings.trustedProxies.client(
            peer: context.peerAddress, forwardedFor: request.headers[values: .init("X-Forwarded-For")!])

        // Language: `?lang=` (the switch link) is remembered in a cookie; then the cookie, then the browser's.
        if let asked = request.uri.queryParameters.get("lang").flatMap(UILanguage.init(rawValue:)) {
            context.language = asked
            cookies.append(
                Cookie(
                    name: Self.languageCookie, value: asked.rawValue, maxAge: 365 * 86400, path: "/", secure: secure,
                    httpOnly: true, sameSite: .lax))
        } else {
            context.language = UILanguage.negotiate(
                cookie: request.cookies[Self.languageCookie]?.value,
                acceptLanguage: request.headers[.acceptLanguage])
        }
        context.languageSwitch = Self.switchLink(
            path: request.uri.path, query: request.uri.query, to: context.language.strings.otherLang)

        if let token = request.cookies[Self.sessionCookie]?.value {
            context.session = try await accounts.session(token: token)
        }
        let preSession = (request.cookies[Self.csrfCookie]?.value).flatMap { SecretToken.isWellFormed($0) ? $0 : nil }
        if let session = context.session {
            context.csrf = session.csrf
        } else if let preSession {
            context.csrf = preSession
        } else {
            context.csrf = SecretToken.make()
            cookies.append(
                Cookie(
                    name: Self.csrfCookie, value: context.csrf, path: "/", secure: secure, httpOnly: true,
                    sameSite: .lax))
        }

        if request.method != .get, request.method != .head, request.method != .options {
            var given = request.headers[.init("X-CSRF-Token")!]
            let type = request.headers[.contentType]?.lowercased() ?? ""
            // The pre-session cookie counts only when it came with the request: a fresh one was never in a form.
            let expected = context.session?.csrf ?? preSession ?? ""
            let refused = Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: context.language.strings.forbidden + "\n")))
            if type.hasPrefix("application/x-www-form-urlencoded") {
                let body = try await request.collectBody(upTo: Self.formLimit)
                context.form = FormBody.parse(Substring(String(decoding: body.readableBytesView, as: UTF8.self)))
                given = given ?? context.form["csrf"]
            } else if let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") {
                // Files come only from a signed-in person or a ticket link's page, with a token cookie: anyone else
                // is refused before a large body is read. A token sent outside the body is checked first too.
                guard !expected.isEmpty, context.session != nil || request.uri.path.hasPrefix("/t/") else {
                    return refused
                }
                if let early = given {
                    guard SecretToken.matches(early, expected) else { return refused }
                }
                guard uploads.enter() else {
                    return Response(
                        status: .serviceUnavailable,
                        headers: [.contentType: "text/plain; charset=utf-8", .retryAfter: "5"],
                        body: .init(byteBuffer: ByteBuffer(string: "busy: try again in a few seconds\n")))
                }
                defer { uploads.leave() }
                let body = try await request.collectBody(upTo: Self.multipartLimit)
                if let parsed = MultipartForm.parse(body.readableBytesView, boundary: boundary) {
                    context.form = parsed.fields
                    context.files = parsed.files
                }
                given = given ?? context.form["csrf"]
            }
            // Never from the query string: a token in a URL leaks through logs, history and Referer.
            guard let given, SecretToken.matches(given, expected) else { return refused }
        }

        var response = try await next(request, context)
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// The current path and query with `lang` set to `language`: switching keeps the page (and a console link's
    /// key) and only changes the language.
    static func switchLink(path: String, query: String?, to language: String) -> String {
        let kept = (query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") && $0 != "lang" }
        return path + "?" + (kept.map(String.init) + ["lang=\(language)"]).joined(separator: "&")
    }

    /// The session cookie for `token` (nil: the one that clears it).
    static func sessionCookie(_ token: String?, settings: AccountSettings) -> Cookie {
        Cookie(
            name: sessionCookie, value: token ?? "", maxAge: token == nil ? 0 : Int(settings.sessionLifetime),
            path: "/", secure: settings.secureCookies, httpOnly: true, sameSite: .lax)
    }
}

/// How many large bodies may be read at once; the others are told to come back (503), so a few hostile uploads
/// cannot take all the memory.
final class UploadGate: Sendable {
    private let count = Mutex(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes a place; false when all are taken.
    func enter() -> Bool {
        count.withLock { value in
            guard value < limit else { return false }
            value += 1
            return true
        }
    }

    func leave() { count.withLock { $0 -= 1 } }
}
