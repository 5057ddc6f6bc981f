import Foundation
import Hummingbird
import PostdeskCore

/// Sign-in, sign-up, one-time links and set-password (ARCHITECTURE §4 "Web routes"); the customer's tickets are
/// ``CustomerRoutes``.
/// ``WebSessionMiddleware`` has checked every POST's CSRF token and parsed its form before these run.
struct AccountRoutes: Sendable {
    var accounts: AccountService
    var pages: PageLibrary

    func register(on router: Router<PortalRequestContext>) {
        router.get("/login") { _, context in
            loginPage(context, email: "", error: nil)
        }
        router.post("/login") { request, context in
            let email = context.form["email"] ?? ""
            switch try await accounts.signIn(
                email: email, password: context.form["password"] ?? "", ip: context.clientAddress,
                device: request.cookies[KnownDevice.cookieName]?.value)
            {
            case .signedIn(let token, let session):
                return signedIn(token: token, session: session)
            case .refused:
                return try loginPage(context, email: email, error: context.language.strings.loginFailed, status: .ok)
                    .response(from: request, context: context)
            case .limited:
                return try loginPage(
                    context, email: email, error: context.language.strings.tooManyAttempts, status: .tooManyRequests
                ).response(from: request, context: context)
            }
        }
        router.post("/logout") { _, context in
            if let session = context.session { try await accounts.signOut(session) }
            var response = Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store"])
            response.setCookie(WebSessionMiddleware.sessionCookie(nil, settings: accounts.settings))
            return response
        }
        router.get("/signup") { _, context in
            pages.page(.signup, title: context.language.strings.signUp, chrome: PageChrome(context))
        }
        router.post("/signup") { _, context in
            try await accounts.signUp(
                name: context.form["name"] ?? "", surname: context.form["surname"] ?? "",
                email: context.form["email"] ?? "", language: context.language.rawValue)
            let t = context.language.strings
            return message(context, heading: t.signUp, text: t.signupDone)
        }
        router.post("/login/link") { _, context in
            try await accounts.requestLoginLink(email: context.form["email"] ?? "", language: context.language.rawValue)
            let t = context.language.strings
            return message(context, heading: t.signIn, text: t.linkSent)
        }
        // The mailed link only shows a button: a mail scanner that follows links signs nobody in.
        router.get("/login/link/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            guard try await accounts.linkIsValid(token, purpose: .loginLink) else { return invalidLink(context) }
            return pages.page(
                .linkConfirm, title: context.language.strings.linkConfirmTitle,
                view: ["action": "/login/link/\(token)"], chrome: PageChrome(context))
        }
        router.post("/login/link/:token") { request, context in
            guard let (token, session) = try await accounts.signIn(linkToken: context.parameters.get("token") ?? "")
            else { return try invalidLink(context).response(from: request, context: context) }
            return signedIn(token: token, session: session)
        }
        router.get("/password/:token") { _, context in
            let token = context.parameters.get("token") ?? ""
            guard try await accounts.linkIsValid(token, purpose: .setPassword) else { return invalidLink(context) }
            return passwordPage(context, token: token, error: nil)
        }
        router.post("/password/:token") { request, context in
            let token = context.parameters.get("token") ?? ""
            let password = context.form["password"] ?? ""
            if let problem = PasswordPolicy.problem(with: password) {
                return try passwordPage(
                    context, token: token, error: context.language.strings.passwordRules + " (\(problem))"
                )
                .response(from: request, context: context)
            }
            guard let (cookie, session) = try await accounts.setPassword(linkToken: token, password: password) else {
                return try invalidLink(context).response(from: request, context: context)
            }
            return signedIn(token: cookie, session: session)
        }
    }

    /// After a sign-in: the session cookie, and on to the person's start page.
    func signedIn(token: String, session: WebSession) -> Response {
        let start = if case .customer = session.viewer { "/tickets" } else { "/console" }
        var response = Response(status: .seeOther, headers: [.location: start, .cacheControl: "no-store"])
        response.setCookie(WebSessionMiddleware.sessionCookie(token, settings: accounts.settings))
        // This browser has now proved the account's password (or mailbox): it is known from now on. Renewed at
        // every sign-in, so a browser in daily use never falls back to the shared per-address limit.
        if let device = accounts.knownDevice(for: session.viewer) {
            response.setCookie(
                Cookie(
                    name: KnownDevice.cookieName, value: device, maxAge: Int(KnownDevice.lifetime), path: "/",
                    secure: accounts.settings.secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    func loginPage(
        _ context: PortalRequestContext, email: String, error: String?, status: HTTPResponse.Status = .ok
    ) -> HTMLPage {
        var view = ["email": String(email.prefix(320))]
        if let error { view["error"] = error }
        return pages.page(
            .login, title: context.language.strings.signIn, view: view, chrome: PageChrome(context), status: status)
    }

    func passwordPage(_ context: PortalRequestContext, token: String, error: String?) -> HTMLPage {
        var view = ["action": "/password/\(token)"]
        if let error { view["error"] = error }
        return pages.page(
            .setPassword, title: context.language.strings.setPasswordTitle, view: view, chrome: PageChrome(context))
    }

    func message(_ context: PortalRequestContext, heading: String, text: String) -> HTMLPage {
        pages.page(.message, title: heading, view: ["heading": heading, "text": text], chrome: PageChrome(context))
    }

    func invalidLink(_ context: PortalRequestContext) -> HTMLPage {
        let t = context.language.strings
        return pages.page(
            .message, title: t.signIn, view: ["heading": t.signIn, "text": t.linkInvalid], chrome: PageChrome(context),
            status: .notFound)
    }
}
