import Foundation
import Logging
import Mustache
public import PostdeskCore
import PostdeskCurl
import PostdeskGateway
import PostdeskRules
import PostdeskStore
public import PostdeskWeb
public import PostdeskWorkflow

/// The admin pages' ``AdminBackend``: each change through the function its CLI command runs (`team add`,
/// `user add|disable|enable|away|back|hours`, `rules check|import|export`, `ingest --reprocess`), so the web and
/// the CLI write every table the same way.
public struct AdminServices: AdminBackend {
    let postdesk: Postdesk
    /// The longest a connection test waits for each step.
    static let testTimeout: Duration = .seconds(5)

    public init(postdesk: Postdesk) {
        self.postdesk = postdesk
    }

    var store: SQLiteStore { postdesk.store }
    var now: Date { postdesk.environment.now() }

    // MARK: Operators and teams

    public func addTeam(_ name: String) async throws -> Team {
        guard let name = TeamName(name) else {
            throw AdminRefusal("'\(name.prefix(80))' is not a team name: use 1–64 letters, digits, '-', '_' or '.'")
        }
        let date = now
        return try await store.write { tx in try tx.addTeam(name: name.rawValue, at: date) }
    }

    public func addUser(_ user: NewUser) async throws -> OperatorAccount {
        let date = now
        switch try await store.write({ tx in try tx.addUser(user, at: date) }) {
        case .operator(let account): return account
        case .customer: throw AdminRefusal("the admin pages add operators and admins only")
        }
    }

    public func setDisabled(_ disabled: Bool, address: String) async throws -> Bool {
        try await store.write { tx in try tx.setUserDisabled(address: address, disabled: disabled) }
    }

    public func markAway(_ address: String) async throws -> Int? {
        try await OperatorPreferences.markAway(address, workflow: postdesk.workflow(), in: store)?.tickets.count
    }

    public func changeAvailability(_ change: AdminAvailabilityChange, address: String) async throws
        -> OperatorAvailability?
    {
        let preference: OperatorPreferences.Change =
            switch change {
            case .back: .back
            case .hours(let zone, let week): .hours(timeZone: zone, week: .some(week))
            }
        do {
            return try await OperatorPreferences.apply(preference, to: address, in: store)
        } catch let refusal as OperatorPreferences.Refusal {
            throw AdminRefusal(refusal.message)
        }
    }

    // MARK: Rules

    /// The template names rules may name, as `rules check` and `rules import` read them; nil (no check) when the
    /// directory cannot be read.
    var templateNames: Set<String>? { try? MailTemplateNames.list(in: postdesk.config.templatesDir) }

    public func rules() async throws -> AdminRules {
        let current = try await RulesFile.current(in: store)
        return AdminRules(
            version: current.version, yaml: try RuleDocumentYAML.export(current.document),
            rules: current.document.rules.rules.map { rule in
                AdminRuleSummary(
                    name: rule.name, events: rule.events.map(\.yamlName),
                    condition: RuleWords.condition(rule.condition),
                    actions: RuleWords.actions(rule.actions), stop: rule.stop)
            })
    }

    public func checkRules(_ yaml: String) async -> [AdminRuleFinding] {
        RuleDocumentYAML.check(yaml, templates: templateNames).diagnostics.map(Self.finding)
    }

    public func importRules(_ yaml: String) async throws -> Int64 {
        do {
            return try await RulesFile.importText(yaml, templates: templateNames, into: store, at: now)
        } catch let error as RuleDocumentYAMLError {
            throw AdminRuleErrors(error.diagnostics.map(Self.finding))
        }
    }

    public func editRules(_ edit: AdminRuleEdit, expected: Int64) async throws -> Int64 {
        let current = try await RulesFile.current(in: store)
        guard current.version == expected else {
            throw AdminRefusal("the rules changed meanwhile (now version \(current.version)); reload the page")
        }
        var document = current.document
        document.rules.rules = try RuleListEdit.apply(edit, to: document.rules.rules)
        // The edited set goes the way a pasted file goes: exported, then checked and imported as YAML.
        return try await importRules(try RuleDocumentYAML.export(document))
    }

    static func finding(_ diagnostic: RuleDiagnostic) -> AdminRuleFinding {
        AdminRuleFinding(
            line: diagnostic.line, column: diagnostic.column, severity: diagnostic.severity.rawValue,
            message: diagnostic.message)
    }

    // MARK: Quarantine

    public func reprocess(_ id: InboundID) async throws -> String {
        let languages = MailRenderer.languages(inDirectory: postdesk.config.templatesDir)
        let stored = try await store.read { q in try q.inbound(id) }
        guard let stored else { throw AdminRefusal("no inbound mail \(id.rawValue)") }
        let reader = postdesk.processor(
            languages: languages.isEmpty ? ["en"] : languages, mailbox: postdesk.mailbox(forLedgerName: stored.mailbox))
        switch try await reader.reprocess(id) {
        case .accepted(_, .created(let number)): return "new ticket #\(number)"
        case .accepted(_, .followUp(let number)): return "added to ticket #\(number)"
        case .accepted(_, .ignored(let reason, _)): return "recorded, not applied: \(reason)"
        case .duplicate: return "already taken in"
        case .quarantined(_, let reason), .accepted(_, .quarantined(let reason)):
            throw AdminRefusal("quarantined again: \(reason)")
        }
    }

    // MARK: Mailboxes

    public func mailboxes() -> [AdminMailbox] {
        postdesk.config.effectiveMailboxes.map { mailbox in
            AdminMailbox(
                name: mailbox.name, address: mailbox.address, imapURL: mailbox.imap.map { MailboxName.of(url: $0.url) },
                smtpURL: mailbox.smtp.map { MailboxName.of(url: $0.url) })
        }
    }

    public func testMailbox(named name: String) async -> [AdminConnectionCheck] {
        guard let mailbox = postdesk.config.effectiveMailboxes.first(where: { $0.name == name }) else { return [] }
        var checks: [AdminConnectionCheck] = []
        if let imap = mailbox.imap {
            var config = postdesk.serverConfig(url: imap.url, user: imap.user, password: imap.password)
            config.timeout = Self.testTimeout
            do {
                let reader = try CurlIMAPMailbox(config: config, logger: Logger(label: "postdesk.admin.test"))
                let status = try await reader.select()
                await reader.close()
                checks.append(
                    AdminConnectionCheck(
                        service: "IMAP", succeeded: true,
                        detail: "logged in and selected the folder (UIDVALIDITY \(status.uidValidity))"))
            } catch {
                checks.append(AdminConnectionCheck(service: "IMAP", succeeded: false, detail: Self.describe(error)))
            }
        }
        if let smtp = mailbox.smtp {
            var config = postdesk.serverConfig(url: smtp.url, user: smtp.user, password: smtp.password)
            config.timeout = Self.testTimeout
            do {
                try await CurlSMTPSender(config: config, lanes: 1, logger: Logger(label: "postdesk.admin.test")).probe()
                checks.append(
                    AdminConnectionCheck(service: "SMTP", succeeded: true, detail: "greeted (EHLO), logged in, NOOP"))
            } catch {
                checks.append(AdminConnectionCheck(service: "SMTP", succeeded: false, detail: Self.describe(error)))
            }
        }
        return checks
    }

    /// A transport error in one line: its code and libcurl's message (which names the step, never the password).
    static func describe(_ error: any Error) -> String {
        if let transport = error as? MailTransportError {
            return String("\(transport.code): \(transport.message)".prefix(300))
        }
        return String("\(type(of: error))".prefix(100))
    }

    // MARK: Templates and storage

    public func templatePreviews() async -> [AdminTemplatePreview] {
        await TemplatePreviews.render(directory: postdesk.config.templatesDir, baseURL: postdesk.config.baseURL)
    }

    /// Measured afresh (the admin asked, and uploads then go by the new figure too).
    public func attachmentUsage() async -> AttachmentUsage {
        let quota = postdesk.attachmentQuota
        return AttachmentUsage(
            usedBytes: quota.limitBytes == nil ? 0 : postdesk.blobUsage.bytes(fresh: true) ?? 0,
            limitBytes: quota.limitBytes
        )
    }

    public func refusalMessage(for error: any Error) -> String? {
        if let error = error as? StoreError, error.code == .conflict || error.code == .notFound {
            return error.message
        }
        if let refusal = error as? OperatorPreferences.Refusal { return refusal.message }
        return nil
    }
}
