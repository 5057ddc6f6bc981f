import Foundation
import Hummingbird
import PostdeskCore

/// `GET /console/tickets/N/live`: the parts of the console's ticket page that change when someone else acts — the
/// header (status, assignee, priority, tags, SLA), the thread (messages and internal notes) and the history —
/// rendered from the page's own partials, without the layout. `/console.js` fetches it when `GET /events` announces
/// a change to the open ticket and swaps the parts in by id, so the forms (and a half-written reply or note) stay
/// as they are.
///
/// The same checks as the page: a signed-in, enabled operator or admin with read rights (``TicketAccess``); a
/// ticket they may not see and one that does not exist get the same empty 404. Signed links (`?k=`) open nothing
/// here: the fragment has no snapshot date to hide later notes by, and link readers get no live stream anyway.
extension ConsoleRoutes {
    func registerLive(on router: Router<PortalRequestContext>) {
        router.get("/console/tickets/:number/live") { _, context in
            _ = try context.require([.operator, .admin])
            guard let account = try await signedInOperator(context) else { throw SignInRequired(signedIn: true) }
            return try await liveFragment(number: context.parameters.get("number") ?? "", account: account, context)
        }
    }

    /// The fragment for `account`, or an empty 404 when there is no such ticket or they may not read it.
    func liveFragment(number: String, account: OperatorAccount, _ context: PortalRequestContext) async throws
        -> HTMLPage
    {
        guard let data = try await readable(number, by: account) else { return HTMLPage(status: .notFound, html: "") }
        let view = ConsoleTicketView(
            data, opening: .session(account, flash: nil, error: nil), strings: ConsoleStrings.of(context.language))
        return HTMLPage(
            html: pages.render(.consoleLive, PageContext.value(title: "", chrome: PageChrome(context), view: view)))
    }
}
