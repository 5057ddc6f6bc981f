import Foundation
import Hummingbird
import PostdeskCore

/// `/admin/form` (the portal's ticket form, ``WebFormTransaction/setFormFields(_:)``) and `/admin/worktypes`
/// (as `worktype add`: ``WebFormTransaction/addWorkTypePrice(name:price:at:)``).
extension AdminRoutes {
    func registerForms(on router: Router<PortalRequestContext>) {
        router.get("/admin/form") { request, context in
            _ = try context.require([.admin])
            return try await formPage(request, context)
        }
        router.post("/admin/form/fields") { request, context in
            _ = try context.require([.admin])
            switch AdminInput.formField(context.form, strings: context.language.admin) {
            case .failure(let refusal):
                return try await formPage(request, context, error: refusal.message)
            case .success(let field):
                if let error = await attempt(
                    context,
                    {
                        try await store.write { tx in
                            try tx.setFormFields(AdminInput.fields(try tx.formFields(), with: field))
                        }
                    })
                {
                    return try await formPage(request, context, error: error)
                }
                return Self.redirect("/admin/form?done=field-saved")
            }
        }
        router.post("/admin/form/fields/delete") { request, context in
            _ = try context.require([.admin])
            let name = context.form["name"] ?? ""
            let error = await attempt(context) {
                let found = try await store.write { tx -> Bool in
                    let fields = try tx.formFields()
                    guard fields.contains(where: { $0.name == name }) else { return false }
                    try tx.setFormFields(fields.filter { $0.name != name })
                    return true
                }
                if !found { throw AdminRefusal(context.language.admin.errNotFound) }
            }
            if let error { return try await formPage(request, context, error: error) }
            return Self.redirect("/admin/form?done=field-deleted")
        }
        router.get("/admin/worktypes") { request, context in
            _ = try context.require([.admin])
            return try await workTypesPage(request, context)
        }
        router.post("/admin/worktypes") { request, context in
            _ = try context.require([.admin])
            let date = now()
            let today = date.formatted(Date.ISO8601FormatStyle().year().month().day())
            switch AdminInput.workTypePrice(context.form, today: today, strings: context.language.admin) {
            case .failure(let refusal):
                return try await workTypesPage(request, context, error: refusal.message)
            case .success(let (name, price)):
                if let error = await attempt(
                    context,
                    {
                        _ = try await store.write { tx in try tx.addWorkTypePrice(name: name, price: price, at: date) }
                    })
                {
                    return try await workTypesPage(request, context, error: error)
                }
                return Self.redirect("/admin/worktypes?done=worktype")
            }
        }
    }

    func formPage(_ request: Request, _ context: PortalRequestContext, error: String? = nil) async throws -> Response {
        let a = context.language.admin
        let fields = try await store.read { q in try q.formFields() }
        let rows: [[String: Any]] = fields.map {
            [
                "name": $0.name, "labelEN": $0.labelEN, "labelRU": $0.labelRU, "kind": $0.kind.rawValue,
                "required": $0.isRequired, "choices": $0.choices.joined(separator: ", "), "position": $0.position,
            ]
        }
        var view: [String: Any] = [
            "fields": rows, "kinds": FormFieldKind.allCases.map(\.rawValue),
            "nextPosition": (fields.last?.position ?? 0) + 10,
        ]
        if error != nil { view["form"] = context.form.filter { $0.key != "csrf" } }
        return try await page(
            "form", title: a.ticketForm, request: request, context: context, view: view, error: error,
            status: error == nil ? .ok : .unprocessableContent)
    }

    func workTypesPage(_ request: Request, _ context: PortalRequestContext, error: String? = nil) async throws
        -> Response
    {
        let a = context.language.admin
        let types = try await store.read { q in try q.workTypes() }
        let rows: [[String: Any]] = types.map { type in
            [
                "name": type.name,
                "prices": type.prices.map { "\($0.amount.decimalText) \($0.amount.currency) (\(a.from) \($0.from))" },
            ]
        }
        var view: [String: Any] = ["types": rows]
        if error != nil { view["form"] = context.form.filter { $0.key != "csrf" } }
        return try await page(
            "worktypes", title: a.workTypes, request: request, context: context, view: view, error: error,
            status: error == nil ? .ok : .unprocessableContent)
    }
}
