import Foundation
import Hummingbird
import PostdeskCore
import PostdeskWorkflow

/// The admin pages under `/admin/…` (issue 10 point 3), for signed-in admins only: operators get 403, visitors are
/// sent to sign in. ``WebSessionMiddleware`` has checked every POST's CSRF token before these run.
///
/// Every change goes through the code the CLI runs (``AdminBackend``, or the store port method the CLI calls), and
/// answers 303 with a notice code (`?done=…`, so a link cannot put its own words on the page). A refused change
/// shows its page again with the reason and status 422; nothing posted can make a page fail with 500.
struct AdminRoutes: Sendable {
    var store: any TicketStore
    var pages: PageLibrary
    var backend: any AdminBackend
    var now: @Sendable () -> Date

    /// The admin pages, in the order of the navigation bar: path and title.
    static func navigation(_ a: AdminStrings) -> [[String: String]] {
        [
            ("operators", a.operators), ("rules", a.rules), ("form", a.ticketForm), ("worktypes", a.workTypes),
            ("quarantine", a.quarantine), ("templates", a.templates), ("attachments", a.attachments),
            ("mailboxes", a.mailboxes),
        ].map { ["path": "/admin/\($0.0)", "title": $0.1] }
    }

    func register(on router: Router<PortalRequestContext>) {
        router.get("/admin") { _, context in
            _ = try context.require([.admin])
            return Self.redirect("/admin/operators")
        }
        registerOperators(on: router)
        registerRules(on: router)
        registerForms(on: router)
        registerMail(on: router)
    }

    // MARK: Rendering

    /// An admin page: the layout, the admin navigation, the quota warning, the notice of the last change (`?done=`)
    /// or the error of this one, and the page's own values.
    func page(
        _ template: String, title: String, request: Request, context: PortalRequestContext, view: [String: Any],
        error: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let a = context.language.admin
        var values = view
        values["a"] = a
        values["nav"] = Self.navigation(a)
        if let notice = a.notice(request.uri.queryParameters.get("done")), error == nil { values["notice"] = notice }
        if let error { values["error"] = error }
        if let session = context.session, try await FirstStepsHint.admin.isShown(to: session, in: store) {
            values["showHint"] = true
        }
        switch await backend.attachmentUsage().level {
        case .ok: break
        case .warning: values["quotaWarning"] = a.quotaWarning
        case .full: values["quotaWarning"] = a.quotaFull
        }
        let html =
            pages.render(
                named: "admin/\(template)", PageContext.value(title: title, chrome: PageChrome(context), view: values))
        return try HTMLPage(status: status, html: html).response(from: request, context: context)
    }

    /// 303 to `path` (a page of ours): the browser shows it with a GET, so a reload posts nothing twice.
    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path, .cacheControl: "no-store"])
    }

    /// Runs `change`; a refusal becomes its sentence, any other failure the generic one (the error itself stays in
    /// the log: a page never shows an internal error's text).
    func attempt(_ context: PortalRequestContext, _ change: () async throws -> Void) async -> String? {
        do {
            try await change()
            return nil
        } catch let refusal as AdminRefusal {
            return refusal.message
        } catch let error as WebActionError {
            return error.message
        } catch {
            if let message = backend.refusalMessage(for: error) { return message }
            context.logger.error("admin change failed", metadata: ["postdesk.error": "\(type(of: error))"])
            return context.language.admin.genericError
        }
    }

    /// The signed-in admin's address, for "who" in the ledger.
    func adminAddress(_ session: WebSession) async throws -> String {
        guard case .admin(let id) = session.viewer else { return session.name }
        return try await store.read { q in try q.operatorAccount(id: id)?.primaryAddress } ?? session.name
    }

    // MARK: Operators and teams

    func registerOperators(on router: Router<PortalRequestContext>) {
        router.get("/admin/operators") { request, context in
            _ = try context.require([.admin])
            return try await operatorsPage(request, context)
        }
        router.post("/admin/operators/add") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            let error: String?
            switch AdminInput.newUser(context.form, strings: a) {
            case .failure(let refusal): error = refusal.message
            case .success(let user): error = await attempt(context) { _ = try await backend.addUser(user) }
            }
            if let error { return try await operatorsPage(request, context, error: error) }
            return Self.redirect("/admin/operators?done=operator-added")
        }
        router.post("/admin/teams/add") { request, context in
            _ = try context.require([.admin])
            let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            if let error = await attempt(context, { _ = try await backend.addTeam(name) }) {
                return try await operatorsPage(request, context, error: error)
            }
            return Self.redirect("/admin/operators?done=team-added")
        }
        router.post("/admin/operators/state") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            let address = context.form["email"] ?? ""
            var done = ""
            let error = await attempt(context) {
                let found: Bool
                switch context.form["op"] {
                case "disable":
                    found = try await backend.setDisabled(true, address: address)
                    done = "disabled"
                case "enable":
                    found = try await backend.setDisabled(false, address: address)
                    done = "enabled"
                case "away":
                    found = try await backend.markAway(address) != nil
                    done = "away"
                case "back":
                    found = try await backend.changeAvailability(.back, address: address) != nil
                    done = "back"
                default:
                    throw AdminRefusal(a.errNotFound)
                }
                if !found { throw AdminRefusal(a.errNotFound) }
            }
            if let error { return try await operatorsPage(request, context, error: error) }
            return Self.redirect("/admin/operators?done=\(done)")
        }
        router.post("/admin/operators/hours") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            let zone = (context.form["time_zone"] ?? "").trimmingCharacters(in: .whitespaces)
            let week = (context.form["week"] ?? "").trimmingCharacters(in: .whitespaces)
            let error = await attempt(context) {
                let change = AdminAvailabilityChange.hours(
                    timeZone: zone.isEmpty ? nil : zone, week: week.isEmpty ? nil : week)
                guard try await backend.changeAvailability(change, address: context.form["email"] ?? "") != nil
                else { throw AdminRefusal(a.errNotFound) }
            }
            if let error { return try await operatorsPage(request, context, error: error) }
            return Self.redirect("/admin/operators?done=hours")
        }
    }

    func operatorsPage(_ request: Request, _ context: PortalRequestContext, error: String? = nil) async throws
        -> Response
    {
        let a = context.language.admin
        let (operators, teams) = try await store.read { q in
            (try q.operatorAccounts(includeDisabled: true), try q.teams())
        }
        let rows: [[String: Any]] = operators.map { account in
            let availability = account.availability
            let state =
                (account.isDisabled ? a.disabled : a.enabled) + ", " + (availability.isAway ? a.away : a.present)
            let hours = (availability.week ?? a.always) + " (\(availability.timeZone ?? "UTC"))"
            let teams = account.teams.isEmpty ? a.none : account.teams.joined(separator: ", ")
            var row: [String: Any] = ["name": account.name ?? "", "email": account.primaryAddress]
            row["addresses"] = account.addresses.joined(separator: ", ")
            row["role"] = account.role.rawValue
            row["teams"] = teams
            row["disabled"] = account.isDisabled
            row["away"] = availability.isAway
            row["state"] = state
            row["timeZone"] = availability.timeZone ?? ""
            row["week"] = availability.week ?? ""
            row["hours"] = hours
            return row
        }
        let teamRows: [[String: String]] = teams.map { team in
            let members = operators.filter { $0.isMember(of: team.name) }.map(\.primaryAddress)
            return ["name": team.name, "members": members.isEmpty ? a.none : members.joined(separator: ", ")]
        }
        var view: [String: Any] = ["operators": rows, "teams": teamRows]
        if error != nil {
            // Keep what was typed in the add form.
            view["form"] = context.form.filter { ["name", "email", "teams", "role"].contains($0.key) }
        }
        return try await page(
            "operators", title: a.operators, request: request, context: context, view: view, error: error,
            status: error == nil ? .ok : .unprocessableContent)
    }
}
