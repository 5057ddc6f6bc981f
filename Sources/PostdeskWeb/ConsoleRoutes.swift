public import Foundation
import Hummingbird
public import PostdeskCore
public import PostdeskCrypto

/// The operator console. Today it is one page per ticket, opened by the ``ConsoleLink`` signed for the operator in a
/// notification; the signed-in console of ARCHITECTURE §4 adds sessions in front of the same page.
public struct ConsoleRoutes: Sendable {
    public var store: any TicketStore
    /// Verifies console links; nil: no link opens anything.
    public var keys: KeyRing?
    public var now: @Sendable () -> Date
    public var pages: PageLibrary

    public init(store: any TicketStore, pages: PageLibrary, keys: KeyRing?, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.pages = pages
        self.keys = keys
        self.now = now
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/console/tickets/:number") { request, context in
            try await ticketPage(
                number: context.parameters.get("number") ?? "", key: request.uri.queryParameters.get("k") ?? "",
                chrome: PageChrome(context))
        }
    }

    /// The page for ticket `number`, when `key` is a link signed for an enabled operator to exactly that ticket and
    /// not expired. Internal notes written after the link was signed stay hidden: a link that reached someone outside
    /// the team (a forwarded notification) shows no more notes than the notification did. Every other case (bad number, bad or expired signature, unknown ticket, disabled operator) gets
    /// the same 403 page, so trying links learns nothing.
    func ticketPage(number text: String, key: String, chrome: PageChrome = .plain) async throws -> HTMLPage {
        let refused = pages.page(.consoleRefused, title: "Link not valid", chrome: chrome, status: .forbidden)
        let date = now()
        guard let keys, text.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let number = Int64(text),
            let link = ConsoleLink(ticketNumber: number, parsing: key[...]), link.verifies(keys: keys, at: date)
        else { return refused }
        let view = try await store.read { q -> ConsoleTicketView? in
            guard let viewer = try q.operatorAccount(id: OperatorID(link.operatorID)), !viewer.isDisabled,
                let ticket = try q.ticket(number: TicketNumber(number))
            else { return nil }
            let operators = Dictionary(
                try q.operatorAccounts(includeDisabled: true).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            return ConsoleTicketView(
                ticket: ticket, messages: try q.messages(of: ticket.id, includeInternal: true),
                events: try q.events(of: ticket.id), timeEntries: try q.timeEntries(of: ticket.id),
                operators: operators, viewer: viewer, signedAt: link.signedDate, linkExpires: link.expiresDate)
        }
        guard let view else { return refused }
        return pages.page(.consoleTicket, title: "[#\(view.number)] \(view.subject)", view: view, chrome: chrome)
    }
}
