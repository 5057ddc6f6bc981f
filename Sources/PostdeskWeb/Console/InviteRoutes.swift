import Foundation
import Hummingbird
import PostdeskCore

/// `GET|POST /console/customers/invite`: an operator or admin invites a customer to the portal, through the code
/// `postdesk user invite` runs (``AccountService/invite(email:name:by:language:)``): the mail with the portal
/// address, the login and a set-password link goes through the outbox. ``WebSessionMiddleware`` has refused a POST
/// without its CSRF token before this runs.
///
/// The form takes `email`, `name` and `language` (`en`, `ru`). The ticket page's "invite the customer" button posts
/// `ticket` (a number) instead of an address: the ticket's customer is invited, when the operator may read that
/// ticket (else the same 404 as the ticket page), and the answer goes back to the ticket. Nothing here names a role
/// or a password: the service makes customers only and leaves every existing password alone.
struct InviteRoutes: Sendable {
    var accounts: AccountService
    var console: ConsoleRoutes
    var pages: PageLibrary

    static let path = "/console/customers/invite"

    /// What the invitation page shows.
    struct View: Encodable {
        var ic: InviteStrings
        var email: String
        var name: String
        var languages: [SelectOption]
        var sent: String?
        var error: String?
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get(RouterPath(Self.path)) { request, context in
            _ = try context.require([.operator, .admin])
            guard try await console.signedInOperator(context) != nil else { throw SignInRequired(signedIn: true) }
            let ic = InviteStrings.of(context.language)
            let sent = request.uri.queryParameters.get("done") == "invite" ? ic.sent : nil
            return page(context, email: "", name: "", language: context.language.rawValue, sent: sent, error: nil)
        }
        router.post(RouterPath(Self.path)) { _, context in
            _ = try context.require([.operator, .admin])
            guard let inviter = try await console.signedInOperator(context) else {
                throw SignInRequired(signedIn: true)
            }
            return try await invite(by: inviter, context: context)
        }
    }

    func invite(by inviter: OperatorAccount, context: PortalRequestContext) async throws -> Response {
        let fields = context.form
        let ic = InviteStrings.of(context.language)
        let language = UILanguage(rawValue: fields["language"] ?? "") ?? context.language
        // From a ticket: its customer, and only when this operator may read it.
        if let number = fields["ticket"] {
            guard let data = try await console.readable(number, by: inviter) else {
                return console.notFound(context).asResponse
            }
            let customer = data.ticket.customer
            let refusal: String?
            if let email = EmailAddress(customer.address) {
                refusal = await attempt(ic, context) {
                    try await accounts.invite(
                        email: email, name: customer.name, by: inviter, language: language.rawValue)
                }
            } else {
                refusal = ic.badAddress
            }
            guard let refusal else {
                return Self.redirect("/console/tickets/\(data.ticket.number.rawValue)?done=invite")
            }
            return try await console.sessionPage(
                number: number, account: inviter, flash: nil, error: "\(ic.notSent) \(refusal)", context: context,
                status: refusal == ic.tooSoon ? .tooManyRequests : .unprocessableContent
            ).asResponse
        }
        let typed = String((fields["email"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(320))
        let name = String((fields["name"] ?? "").prefix(200))
        guard let email = EmailAddress(typed) else {
            return page(
                context, email: typed, name: name, language: language.rawValue, sent: nil, error: ic.badAddress,
                status: .unprocessableContent
            ).asResponse
        }
        let refusal = await attempt(ic, context) {
            try await accounts.invite(email: email, name: name, by: inviter, language: language.rawValue)
        }
        guard let refusal else { return Self.redirect(Self.path + "?done=invite") }
        return page(
            context, email: typed, name: name, language: language.rawValue, sent: nil, error: refusal,
            status: refusal == ic.tooSoon ? .tooManyRequests : .unprocessableContent
        ).asResponse
    }

    /// Runs the invitation; nil when it was queued, else the sentence saying why not (a store failure stays in the
    /// log, never on the page).
    func attempt(_ ic: InviteStrings, _ context: PortalRequestContext, _ work: () async throws -> Void) async
        -> String?
    {
        do {
            try await work()
            return nil
        } catch let refusal as InviteRefusal {
            return ic.message(refusal)
        } catch {
            context.logger.error("invitation failed", metadata: ["postdesk.error": "\(type(of: error))"])
            return ic.failed
        }
    }

    func page(
        _ context: PortalRequestContext, email: String, name: String, language: String, sent: String?, error: String?,
        status: HTTPResponse.Status = .ok
    ) -> HTMLPage {
        let ic = InviteStrings.of(context.language)
        let languages = [("en", "English"), ("ru", "Русский")].map {
            SelectOption(value: $0.0, label: $0.1, selected: $0.0 == language)
        }
        return pages.page(
            .consoleInvite, title: ic.title,
            view: View(ic: ic, email: email, name: name, languages: languages, sent: sent, error: error),
            chrome: PageChrome(context), status: status)
    }

    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }
}
