import Foundation
import Hummingbird
import PostdeskCore

/// The mail side of administration: the quarantine (view, reprocess as `ingest --reprocess`, discard), the
/// notification templates' previews, attachment storage against its quota, and the mailboxes' connection test.
extension AdminRoutes {
    /// The most quarantined mails listed.
    static let quarantineListLimit = 200

    func registerMail(on router: Router<PortalRequestContext>) {
        router.get("/admin/quarantine") { request, context in
            _ = try context.require([.admin])
            return try await quarantinePage(request, context)
        }
        router.get("/admin/quarantine/:id") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            guard let id = Self.inboundID(context),
                let stored = try await store.read({ q in try q.inbound(id) })
            else {
                return try await quarantinePage(request, context, error: a.errNotFound, status: .notFound)
            }
            let preview = RawMailPreview(raw: stored.raw)
            let view: [String: Any] = [
                "id": stored.id.rawValue, "mailbox": stored.mailbox, "state": stored.state.rawValue,
                "quarantined": stored.state == .quarantined, "reason": stored.reason ?? "",
                "received": TicketPageView.format(stored.receivedAt), "headers": preview.headers,
                "body": preview.body, "bodyCut": preview.bodyCut, "size": stored.raw.count,
            ]
            return try await page(
                "inbound", title: "\(a.quarantine) #\(stored.id.rawValue)", request: request, context: context,
                view: view)
        }
        router.post("/admin/quarantine/:id/reprocess") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            guard let id = Self.inboundID(context),
                try await store.read({ q in try q.inboundState(id) }) == .quarantined
            else {
                return try await quarantinePage(request, context, error: a.errNotFound, status: .notFound)
            }
            var outcome = ""
            if let error = await attempt(context, { outcome = try await backend.reprocess(id) }) {
                return try await quarantinePage(request, context, error: error)
            }
            context.logger.info(
                "admin reprocessed inbound",
                metadata: ["postdesk.inbound_id": "\(id.rawValue)", "postdesk.outcome": "\(outcome)"])
            return Self.redirect("/admin/quarantine?done=reprocessed")
        }
        router.post("/admin/quarantine/:id/discard") { request, context in
            let session = try context.require([.admin])
            let a = context.language.admin
            guard let id = Self.inboundID(context) else {
                return try await quarantinePage(request, context, error: a.errNotFound, status: .notFound)
            }
            let who = try await adminAddress(session)
            let at = now().formatted(Date.ISO8601FormatStyle())
            // Marked, never deleted: the raw bytes stay in the ledger as evidence; the reason says who and when.
            let found = try await store.write { tx -> Bool in
                guard let stored = try tx.inbound(id), stored.state == .quarantined else { return false }
                let reason = "discarded by \(who) at \(at); quarantined for: \(stored.reason ?? "no reason recorded")"
                try tx.setInbound(id, state: .ignored, reason: reason, ticket: nil)
                return true
            }
            guard found else {
                return try await quarantinePage(request, context, error: a.errNotFound, status: .notFound)
            }
            return Self.redirect("/admin/quarantine?done=discarded")
        }
        router.get("/admin/templates") { request, context in
            _ = try context.require([.admin])
            let previews = await backend.templatePreviews()
            let rows: [[String: Any]] = previews.map {
                var row: [String: Any] = [
                    "name": $0.name, "language": $0.language, "subject": $0.subject, "text": $0.text,
                ]
                if let html = $0.html { row["html"] = html }
                if let problem = $0.problem { row["problem"] = problem }
                return row
            }
            return try await page(
                "templates", title: context.language.admin.templates, request: request, context: context,
                view: ["previews": rows])
        }
        router.get("/admin/attachments") { request, context in
            _ = try context.require([.admin])
            let a = context.language.admin
            let usage = await backend.attachmentUsage()
            var view: [String: Any] = [
                "used": Self.size(usage.usedBytes), "quota": usage.limitBytes.map(Self.size) ?? a.unlimited,
            ]
            if let percent = usage.percent { view["percent"] = "\(percent) %" }
            return try await page(
                "attachments", title: a.attachments, request: request, context: context, view: view)
        }
        router.get("/admin/mailboxes") { request, context in
            _ = try context.require([.admin])
            return try await mailboxesPage(request, context, checks: nil)
        }
        router.post("/admin/mailboxes/test") { request, context in
            _ = try context.require([.admin])
            let name = context.form["name"] ?? ""
            guard backend.mailboxes().contains(where: { $0.name == name }) else {
                return try await mailboxesPage(
                    request, context, checks: nil, error: context.language.admin.errNotFound)
            }
            let checks = await backend.testMailbox(named: name)
            return try await mailboxesPage(request, context, checks: (name, checks))
        }
    }

    static func inboundID(_ context: PortalRequestContext) -> InboundID? {
        guard let text = context.parameters.get("id"), text.count <= 18, let raw = Int64(text), raw > 0 else {
            return nil
        }
        return InboundID(raw)
    }

    /// `12.3 MB` (decimal megabytes, as `attachments.quota_mb` counts).
    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(bytes / 1000) kB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    func quarantinePage(
        _ request: Request, _ context: PortalRequestContext, error: String? = nil,
        status: HTTPResponse.Status = .unprocessableContent
    ) async throws -> Response {
        let a = context.language.admin
        let stored = try await store.read { q in
            try q.inbound(state: .quarantined, limit: Self.quarantineListLimit)
        }
        let rows: [[String: Any]] = stored.map { stored in
            let preview = RawMailPreview(raw: Array(stored.raw.prefix(RawMailPreview.headerLimit)))
            return [
                "id": stored.id.rawValue, "mailbox": stored.mailbox, "reason": stored.reason ?? "",
                "received": TicketPageView.format(stored.receivedAt), "from": preview.from, "subject": preview.subject,
            ]
        }
        return try await page(
            "quarantine", title: a.quarantine, request: request, context: context,
            view: ["mails": rows, "empty": rows.isEmpty], error: error, status: error == nil ? .ok : status)
    }

    func mailboxesPage(
        _ request: Request, _ context: PortalRequestContext, checks: (String, [AdminConnectionCheck])?,
        error: String? = nil
    ) async throws -> Response {
        let a = context.language.admin
        let rows: [[String: Any]] = backend.mailboxes().map { mailbox in
            var row: [String: Any] = [
                "name": mailbox.name, "address": mailbox.address, "imap": mailbox.imapURL ?? a.none,
                "smtp": mailbox.smtpURL ?? a.none,
            ]
            if let checks, checks.0 == mailbox.name {
                row["checks"] = checks.1.map {
                    ["service": $0.service, "result": $0.succeeded ? a.ok : a.failed, "detail": $0.detail]
                }
            }
            return row
        }
        return try await page(
            "mailboxes", title: a.mailboxes, request: request, context: context, view: ["mailboxes": rows],
            error: error, status: error == nil ? .ok : .unprocessableContent)
    }
}
