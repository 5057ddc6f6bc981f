import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow

/// The operator queue, `GET /console` (ARCHITECTURE §4): mine / my teams / unassigned / all, by status, sorted,
/// searched, one keyset page at a time; and its keyboard script, `GET /console.js`.
struct QueueRoutes: Sendable {
    var store: any TicketStore
    var pages: PageLibrary
    /// Whether operators see other teams' tickets (`console.operators_see_all_teams`).
    var access: TicketAccess

    func register(on router: Router<PortalRequestContext>) {
        router.get("/console") { request, context in
            let session = try context.require([.operator, .admin])
            var parameters: [String: String] = [:]
            for (name, value) in request.uri.queryParameters where parameters[String(name)] == nil {
                parameters[String(name)] = String(value)
            }
            return try await page(QueueRequest(parameters: parameters), session: session, context: context)
        }
        router.get("/queue.js") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: QueueScript.js)))
        }
    }

    /// The queue page of `request` for the signed-in operator or admin, within their rights.
    func page(_ request: QueueRequest, session: WebSession, context: PortalRequestContext) async throws -> HTMLPage {
        let id: OperatorID
        switch session.viewer {
        case .operator(let operatorID), .admin(let operatorID): id = operatorID
        case .customer: throw SignInRequired(signedIn: true)
        }
        let seeAll = access.operatorsSeeAllTeams
        let found = try await store.read { q -> QueuePage? in
            // A disabled account keeps no session's rights (sessions are checked at sign-in; this is the page's own).
            guard let account = try q.operatorAccount(id: id), !account.isDisabled else { return nil }
            return try q.queue(request.queue(for: account, seeAllTeams: seeAll))
        }
        guard let found else { throw SignInRequired(signedIn: true) }
        let strings = QueueStrings.of(context.language)
        var view = QueuePageView(request: request, page: found, strings: strings)
        view.showHint = try await FirstStepsHint.console.isShown(to: session, in: store)
        return pages.page(.queue, title: strings.title, view: view, chrome: PageChrome(context))
    }
}
