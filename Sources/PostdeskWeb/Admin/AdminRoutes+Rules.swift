import Foundation
import Hummingbird
import PostdeskCore

/// `/admin/rules`: the rule document as YAML with Check and Import (as `rules check` and `rules import`), the rules
/// in words, and a small editor (reorder, delete, add a routing rule) whose every change is a new document imported
/// through the same path as the YAML.
extension AdminRoutes {
    func registerRules(on router: Router<PortalRequestContext>) {
        router.get("/admin/rules") { request, context in
            _ = try context.require([.admin])
            return try await rulesPage(request, context)
        }
        router.post("/admin/rules/check") { request, context in
            _ = try context.require([.admin])
            let yaml = context.form["yaml"] ?? ""
            let findings = await backend.checkRules(yaml)
            return try await rulesPage(request, context, yaml: yaml, findings: findings)
        }
        router.post("/admin/rules/import") { request, context in
            _ = try context.require([.admin])
            let yaml = context.form["yaml"] ?? ""
            do {
                _ = try await backend.importRules(yaml)
            } catch let errors as AdminRuleErrors {
                return try await rulesPage(
                    request, context, yaml: yaml, findings: errors.findings,
                    error: context.language.admin.findings + ": \(errors.findings.count)")
            }
            return Self.redirect("/admin/rules?done=rules-imported")
        }
        router.post("/admin/rules/edit") { request, context in
            _ = try context.require([.admin])
            let form = context.form
            let index = Int(form["index"] ?? "") ?? -1
            let edit: AdminRuleEdit
            switch form["op"] {
            case "up": edit = .moveUp(index: index)
            case "down": edit = .moveDown(index: index)
            case "delete": edit = .delete(index: index)
            case "add":
                edit = .addRouting(
                    name: (form["name"] ?? "").trimmingCharacters(in: .whitespaces),
                    words: AdminInput.list(form["words"]),
                    team: (form["team"] ?? "").trimmingCharacters(in: .whitespaces), strategy: form["strategy"] ?? "")
            default:
                return try await rulesPage(request, context, error: context.language.admin.errNotFound)
            }
            var findings: [AdminRuleFinding] = []
            let error = await attempt(context) {
                do {
                    _ = try await backend.editRules(edit, expected: Int64(form["version"] ?? "") ?? -1)
                } catch let errors as AdminRuleErrors {
                    findings = errors.findings
                    throw AdminRefusal(context.language.admin.findings + ": \(errors.findings.count)")
                }
            }
            if let error { return try await rulesPage(request, context, findings: findings, error: error) }
            return Self.redirect("/admin/rules?done=rules-changed")
        }
    }

    /// The rules page; `yaml` (what was posted) replaces the document in force in the text area.
    func rulesPage(
        _ request: Request, _ context: PortalRequestContext, yaml: String? = nil, findings: [AdminRuleFinding]? = nil,
        error: String? = nil
    ) async throws -> Response {
        let a = context.language.admin
        let current = try await backend.rules()
        let last = current.rules.count - 1
        let rules: [[String: Any]] = current.rules.enumerated().map { index, rule in
            [
                "index": index, "number": index + 1, "name": rule.name, "events": rule.events.joined(separator: ", "),
                "condition": rule.condition, "actions": rule.actions, "stop": rule.stop, "notFirst": index > 0,
                "notLast": index < last,
            ]
        }
        let teams = try await store.read { q in try q.teams().map(\.name) }
        var view: [String: Any] = [
            "version": current.version, "yaml": yaml ?? current.yaml, "rules": rules, "teams": teams,
        ]
        if let findings {
            view["checked"] = true
            view["findings"] = findings.map { ["text": $0.text, "severity": $0.severity] }
            view["clean"] = findings.isEmpty
        }
        return try await page(
            "rules", title: a.rules, request: request, context: context, view: view, error: error,
            status: error == nil ? .ok : .unprocessableContent)
    }
}
