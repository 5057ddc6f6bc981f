import PostdeskCore

/// A first-steps hint (issue 10 point 4): a short box on a person's first page that stays until they press
/// "don't show again", remembered per account (``PostdeskCore/AccountTransaction/dismissHint(_:of:at:)``), so it
/// stays gone in every browser. The raw value is the stored name and the path segment of `POST /hints/<name>`.
enum FirstStepsHint: String, Sendable, CaseIterable {
    /// A customer's ticket list, `/tickets`.
    case tickets
    /// The operator queue, `/console` (admins see it too).
    case console
    /// Every admin page: what to set up first.
    case admin

    /// Whether `viewer` is someone this hint is for: a hint names nobody else's page.
    func isFor(_ viewer: Viewer) -> Bool {
        switch (self, viewer) {
        case (.tickets, .customer), (.console, .operator), (.console, .admin), (.admin, .admin): true
        default: false
        }
    }

    /// Where "don't show again" goes back to.
    var page: String {
        switch self {
        case .tickets: "/tickets"
        case .console: "/console"
        case .admin: "/admin"
        }
    }

    /// The account whose choice it is.
    static func account(of viewer: Viewer) -> AccountRef {
        switch viewer {
        case .customer(let id): .customer(id)
        case .operator(let id), .admin(let id): .operator(id)
        }
    }

    /// Whether the hint shows for this session: it is for them and they have not dismissed it.
    func isShown(to session: WebSession, in store: any TicketStore) async throws -> Bool {
        guard isFor(session.viewer) else { return false }
        let account = Self.account(of: session.viewer)
        let name = rawValue
        return try await store.read { q in try !q.dismissedHints(of: account).contains(name) }
    }
}
