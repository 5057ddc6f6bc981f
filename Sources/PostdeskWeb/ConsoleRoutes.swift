public import Foundation
import Hummingbird
public import PostdeskCore
public import PostdeskCrypto
import PostdeskWorkflow

/// The operator console's ticket page, its attachments, actions and live updates (ARCHITECTURE §4 "Web routes").
///
/// A signed-in operator or admin opens `/console/tickets/N` with every right ``TicketAccess`` gives them; a ticket
/// they may not see gets the same 404 as one that does not exist. The ``ConsoleLink`` signed for an operator in a
/// notification (`?k=`) still opens the page read-only without signing in.
public struct ConsoleRoutes: Sendable {
    public var store: any TicketStore
    /// Verifies console links; nil: no link opens anything.
    public var keys: KeyRing?
    public var now: @Sendable () -> Date
    public var pages: PageLibrary
    /// The console's actions, rights policy and blobs; nil: pages show, no form changes anything.
    public var actions: WebActions?
    /// What `GET /events` streams; nil: no live updates.
    public var feed: LiveFeed?

    public init(
        store: any TicketStore, pages: PageLibrary, keys: KeyRing?, now: @escaping @Sendable () -> Date,
        actions: WebActions? = nil, feed: LiveFeed? = nil
    ) {
        self.store = store
        self.pages = pages
        self.keys = keys
        self.now = now
        self.actions = actions
        self.feed = feed
    }

    /// The rights policy: the composition root's, else operators see every team (the setting's default).
    var access: TicketAccess { actions?.access ?? TicketAccess() }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/console/tickets/:number") { request, context in
            let number = context.parameters.get("number") ?? ""
            if let account = try await signedInOperator(context) {
                let tc = ConsoleStrings.of(context.language)
                let done = request.uri.queryParameters.get("done").flatMap { tc.done(String($0)) }
                return try await sessionPage(
                    number: number, account: account, flash: done, error: nil, context: context)
            }
            guard let key = request.uri.queryParameters.get("k") else {
                _ = try context.require([.operator, .admin])
                return notFound(context)
            }
            return try await ticketPage(number: number, key: key, chrome: PageChrome(context))
        }
        router.get("/console/tickets/:number/attachments/:sha") { request, context in
            try await attachment(
                number: context.parameters.get("number") ?? "", sha256: context.parameters.get("sha") ?? "",
                key: request.uri.queryParameters.get("k"), context: context)
        }
        router.get("/console.js") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: ConsoleScript.source)))
        }
        router.get("/console.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: ConsoleStylesheet.css)))
        }
        registerActions(on: router)
        registerEvents(on: router)
        registerLive(on: router)
    }

    /// The signed-in operator's or admin's account, when one is signed in and enabled; nil for anyone else.
    func signedInOperator(_ context: PortalRequestContext) async throws -> OperatorAccount? {
        guard let session = context.session else { return nil }
        let id: OperatorID
        switch session.viewer {
        case .operator(let value), .admin(let value): id = value
        case .customer: return nil
        }
        let account = try await store.read { q in try q.operatorAccount(id: id) }
        guard let account, !account.isDisabled else { return nil }
        return account
    }

    /// A ticket number as typed in a URL: digits only, at most 18 of them.
    static func number(_ text: String) -> TicketNumber? {
        guard !text.isEmpty, text.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let value = Int64(text)
        else { return nil }
        return TicketNumber(value)
    }

    /// The ticket's page data when `account` may read it; nil when there is no such ticket or they may not.
    func readable(_ text: String, by account: OperatorAccount) async throws -> ConsoleTicketData? {
        guard let number = Self.number(text) else { return nil }
        let access = self.access
        return try await store.read { q -> ConsoleTicketData? in
            guard let ticket = try q.ticket(number: number),
                access.permission(of: .operator(account), on: ticket).mayRead
            else { return nil }
            return try ConsoleTicketData.read(ticket, for: account, access: access, in: q)
        }
    }

    /// The signed-in page; the same 404 for a ticket that does not exist and one the operator may not see.
    func sessionPage(
        number: String, account: OperatorAccount, flash: String?, error: String?, context: PortalRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> HTMLPage {
        guard let data = try await readable(number, by: account) else { return notFound(context) }
        let view = ConsoleTicketView(
            data, opening: .session(account, flash: flash, error: error),
            strings: ConsoleStrings.of(context.language))
        return pages.page(
            .consoleTicket, title: "[#\(view.number)] \(view.subject)", view: view, chrome: PageChrome(context),
            status: status)
    }

    func notFound(_ context: PortalRequestContext) -> HTMLPage {
        let tc = ConsoleStrings.of(context.language)
        return pages.page(
            .message, title: tc.notFoundTitle, view: ["heading": tc.notFoundTitle, "text": tc.notFoundText],
            chrome: PageChrome(context), status: .notFound)
    }

    /// The verified link: `key` signed for an enabled operator to exactly ticket `text`, not expired.
    func verifiedLink(number text: String, key: String) async throws -> (ConsoleLink, OperatorAccount, Ticket)? {
        let date = now()
        guard let keys, let number = Self.number(text),
            let link = ConsoleLink(ticketNumber: number.rawValue, parsing: key[...]),
            link.verifies(keys: keys, at: date)
        else { return nil }
        return try await store.read { q -> (ConsoleLink, OperatorAccount, Ticket)? in
            guard let viewer = try q.operatorAccount(id: OperatorID(link.operatorID)), !viewer.isDisabled,
                let ticket = try q.ticket(number: number)
            else { return nil }
            return (link, viewer, ticket)
        }
    }

    /// The page for ticket `number`, when `key` is a link signed for an enabled operator to exactly that ticket and
    /// not expired: read-only, with a way to sign in. Internal notes written after the link was signed stay hidden:
    /// a link that reached someone outside the team (a forwarded notification) shows no more notes than the
    /// notification did. Every other case (bad number, bad or expired signature, unknown ticket, disabled operator)
    /// gets the same 403 page, so trying links learns nothing.
    func ticketPage(number text: String, key: String, chrome: PageChrome = .plain) async throws -> HTMLPage {
        let refused = pages.page(.consoleRefused, title: "Link not valid", chrome: chrome, status: .forbidden)
        guard let (link, viewer, ticket) = try await verifiedLink(number: text, key: key) else { return refused }
        let access = self.access
        let data = try await store.read { q in
            try ConsoleTicketData.read(ticket, for: viewer, access: access, in: q)
        }
        let view = ConsoleTicketView(
            data, opening: .link(viewer, key: key, signedAt: link.signedDate, expires: link.expiresDate),
            strings: chrome.strings.lang == "ru" ? .russian : .english)
        return pages.page(.consoleTicket, title: "[#\(view.number)] \(view.subject)", view: view, chrome: chrome)
    }
}
