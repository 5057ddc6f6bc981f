import Foundation
import Hummingbird
import PostdeskCore

/// `POST /hints/<name>`: "don't show again" on a first-steps hint (``FirstStepsHint``), stored for the signed-in
/// account; answers 303 back to the hint's page. A hint that is not for this person's role, or an unknown name, is a
/// 404 and stores nothing. ``WebSessionMiddleware`` has refused the POST without its CSRF token before this runs.
struct HintRoutes: Sendable {
    var store: any TicketStore
    var settings: AccountSettings
    var now: @Sendable () -> Date

    func register(on router: Router<PortalRequestContext>) {
        router.post("/hints/:name") { _, context in
            try await dismiss(context.parameters.get("name") ?? "", context)
        }
        // The customer list's older form posts here; the same per-account choice.
        router.post("/tickets/hint") { _, context in try await dismiss(FirstStepsHint.tickets.rawValue, context) }
    }

    func dismiss(_ name: String, _ context: PortalRequestContext) async throws -> Response {
        guard let session = context.session else { throw SignInRequired(signedIn: false) }
        guard let hint = FirstStepsHint(rawValue: name), hint.isFor(session.viewer) else {
            return Response(status: .notFound, headers: [.cacheControl: "no-store"])
        }
        let account = FirstStepsHint.account(of: session.viewer)
        let date = now()
        try await store.write { tx in try tx.dismissHint(hint.rawValue, of: account, at: date) }
        return Response(status: .seeOther, headers: [.location: hint.page, .cacheControl: "no-store"])
    }
}
