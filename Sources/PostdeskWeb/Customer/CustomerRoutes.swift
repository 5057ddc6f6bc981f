import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow

/// The customer's ticket pages (ARCHITECTURE §4 "Web routes"): the list with its first-steps hint, the new-ticket
/// form, and each ticket as a chat with a reply form, its attachments and its sandboxed HTML mail.
///
/// Every ticket route exists twice: under `/tickets/N` for the signed-in customer and under `/t/<token>` for whoever
/// holds a mailed link. Both resolve a ``PostdeskWorkflow/Viewer`` and ask ``TicketAccess``; anything not theirs
/// (another customer's ticket, a missing one, a wrong token, an attachment or message of another ticket) gets the
/// same 404 page. Replies and new tickets go through ``PortalWorkflow`` only. ``WebSessionMiddleware`` has checked the
/// CSRF token of every POST (multipart included) and parsed its fields and files before these run.
struct CustomerRoutes: Sendable {
    var store: any TicketStore
    var pages: PageLibrary
    var actions: WebActions?
    var settings: AccountSettings

    /// A ticket one viewer opened, and where the links on its page start.
    struct Opened {
        var ticket: Ticket
        var viewer: PostdeskWorkflow.Viewer
        var base: String
    }

    var access: TicketAccess { actions?.access ?? TicketAccess() }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/tickets") { request, context in try await ticketList(request, context) }
        router.get("/tickets/new") { request, context in try await newTicketForm(request, context) }
        router.post("/tickets/new") { request, context in try await openTicket(request, context) }
        for prefix in ["/tickets/:number", "/t/:token"] {
            router.get(RouterPath(prefix)) { request, context in
                guard let opened = try await open(context) else { return try notFound(request, context) }
                return try await chat(opened, request, context)
            }
            router.post(RouterPath(prefix + "/messages")) { request, context in
                try await reply(request, context)
            }
            router.get(RouterPath(prefix + "/attachments/:sha")) { request, context in
                try await attachment(request, context)
            }
            router.get(RouterPath(prefix + "/messages/:message/html")) { request, context in
                try await mailHTML(request, context)
            }
        }
    }

    // MARK: Who opens what

    /// The ticket the request names, when its viewer may read it; nil for anything else (one answer for all).
    func open(_ context: PortalRequestContext) async throws -> Opened? {
        let access = self.access
        if let token = context.parameters.get("token") {
            guard (20...200).contains(token.utf8.count) else { return nil }
            let ticket = try await store.read { q -> Ticket? in
                // A disabled customer's link gets the unknown token's answer: nothing tells the two apart.
                guard let ticket = try q.ticket(portalToken: token), try PortalWorkflow.linkWorks(for: ticket, in: q)
                else { return nil }
                return ticket
            }
            return ticket.map { Opened(ticket: $0, viewer: .portalLink($0.id), base: "/t/\(token)") }
        }
        let session = try context.require([.customer])
        guard case .customer(let id) = session.viewer else { throw SignInRequired(signedIn: true) }
        let text = context.parameters.get("number") ?? ""
        guard text.utf8.count <= 18, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let number = Int64(text), number > 0
        else { return nil }
        return try await store.read { q -> Opened? in
            guard let account = try q.customerAccount(id: id), let ticket = try q.ticket(number: TicketNumber(number))
            else { return nil }
            let viewer = PostdeskWorkflow.Viewer.customer(account.person, isDisabled: account.isDisabled)
            guard access.permission(of: viewer, on: ticket).mayRead else { return nil }
            return Opened(ticket: ticket, viewer: viewer, base: "/tickets/\(number)")
        }
    }

    /// The signed-in customer as the workflow sees them.
    func customer(_ context: PortalRequestContext) async throws -> PostdeskWorkflow.Viewer {
        let session = try context.require([.customer])
        guard case .customer(let id) = session.viewer,
            let account = try await store.read({ q in try q.customerAccount(id: id) })
        else { throw SignInRequired(signedIn: true) }
        return .customer(account.person, isDisabled: account.isDisabled)
    }

    // MARK: Pages

    func ticketList(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let session = try context.require([.customer])
        guard case .customer(let id) = session.viewer else { throw SignInRequired(signedIn: true) }
        let rows = try await store.read { q in
            try q.tickets(ofCustomer: id, limit: 200).map { ($0, try q.slaState(of: $0.id)) }
        }
        let t = context.language.strings
        var view = CustomerTicketsView(tickets: rows, strings: t)
        view.tc = context.language.customer
        // "Don't show again" is kept per account (``HintRoutes``), so it holds in every browser.
        view.showHint = try await FirstStepsHint.tickets.isShown(to: session, in: store)
        return try pages.page(.tickets, title: t.myTickets, view: view, chrome: PageChrome(context))
            .response(from: request, context: context)
    }

    /// The chat page; `error` and `typed` after a refused reply.
    func chat(
        _ opened: Opened, _ request: Request, _ context: PortalRequestContext, error: String? = nil,
        typed: String = "", status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var view = try await chatView(
            opened, language: context.language,
            showImagesOf: request.uri.queryParameters.get("images").flatMap { Int64($0) })
        view.canReply = actions != nil
        if case .portalLink = opened.viewer { view.byLink = true }
        view.sent = request.uri.queryParameters.get("sent") != nil
        view.opened = request.uri.queryParameters.get("opened") != nil
        view.error = error
        view.typed = String(typed.prefix(TicketFormValidation.textLimit))
        var response = try pages.page(
            .ticket, title: "[#\(view.number)] \(view.subject)", view: view, chrome: PageChrome(context),
            status: status
        ).response(from: request, context: context)
        // Frames are allowed only on a page that has a mail's HTML view to show.
        if view.entries.contains(where: { $0.htmlURL != nil }) {
            response.headers[.contentSecurityPolicy] = Self.chatPolicy
        }
        return response
    }

    /// The portal's policy plus frames from ourselves: the sandboxed HTML view of a mail.
    static let chatPolicy =
        "default-src 'none'; style-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'; "
        + "frame-ancestors 'none'"

    func chatView(_ opened: Opened, language: UILanguage, showImagesOf: Int64?) async throws -> TicketPageView {
        try await store.read { q in
            // Re-read: the ticket may have changed since it was opened (a reply moments ago).
            let ticket = try q.ticket(id: opened.ticket.id) ?? opened.ticket
            let events = try q.events(of: ticket.id)
            var names: [String: String] = [:]
            if events.contains(where: { $0.kind == "assignee.changed" }) {
                for account in try q.operatorAccounts(includeDisabled: true) {
                    for address in account.addresses { names[address.lowercased()] = account.name ?? address }
                }
            }
            return TicketPageView(
                ticket: ticket, messages: try q.messages(of: ticket.id, includeInternal: false), events: events,
                sla: try q.slaState(of: ticket.id), operatorNames: names, base: opened.base,
                strings: language.strings, customerStrings: language.customer, showImagesOf: showImagesOf)
        }
    }

    func notFound(_ request: Request, _ context: PortalRequestContext) throws -> Response {
        let t = context.language.strings
        return try pages.page(.notFound, title: t.ticketNotFound, chrome: PageChrome(context), status: .notFound)
            .response(from: request, context: context)
    }

    // MARK: Actions

    /// `POST …/messages` (multipart `text`, `files`): through the portal workflow, then back to the page.
    func reply(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        guard let opened = try await open(context), let actions else { return try notFound(request, context) }
        let text = context.form["text"] ?? ""
        do {
            _ = try await actions.portal.reply(
                text, files: context.files["files"] ?? [], on: opened.ticket.number, as: opened.viewer,
                client: context.clientAddress.map(IPRange.limitKey(of:)), in: store)
        } catch let error as WebActionError {
            if error.code == .notFound || error.code == .notYourTicket { return try notFound(request, context) }
            let status: HTTPResponse.Status =
                switch error.code {
                case .fileTooLarge: .contentTooLarge
                case .uploadLimit: .tooManyRequests
                default: .unprocessableContent
                }
            return try await chat(
                opened, request, context, error: context.language.customer.text(for: error), typed: text,
                status: status)
        }
        return Response(
            status: .seeOther, headers: [.location: opened.base + "?sent=1#reply", .cacheControl: "no-store"])
    }

    func newTicketForm(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        _ = try await customer(context)
        let fields = try await store.read { q in try q.formFields() }
        return try formPage(NewTicketFormView(fields: fields, language: context.language), request, context)
    }

    /// `POST /tickets/new`: validated against the admin's form, created as a new mail would be.
    func openTicket(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let viewer = try await customer(context)
        guard let actions else { return try notFound(request, context) }
        let submission = NewTicketFormView.submission(form: context.form, files: context.files)
        do {
            let ticket = try await actions.portal.openTicket(
                submission, as: viewer, language: context.language.rawValue,
                client: context.clientAddress.map(IPRange.limitKey(of:)), in: store)
            return Response(
                status: .seeOther,
                headers: [.location: "/tickets/\(ticket.number.rawValue)?opened=1", .cacheControl: "no-store"])
        } catch let error as WebActionError {
            let fields = try await store.read { q in try q.formFields() }
            let problem = error.code == .formInvalid ? nil : context.language.customer.text(for: error)
            let view = NewTicketFormView(
                fields: fields, language: context.language, entered: context.form, errors: error.fieldErrors,
                problem: problem)
            return try formPage(view, request, context, status: .unprocessableContent)
        }
    }

    func formPage(
        _ view: NewTicketFormView, _ request: Request, _ context: PortalRequestContext,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var view = view
        view.tc = context.language.customer
        return try pages.page(
            .newTicket, title: context.language.customer.newTicket, view: view, chrome: PageChrome(context),
            status: status
        ).response(from: request, context: context)
    }
}
