public import PostdeskCore
public import PostdeskWorkflow

/// What the admin pages change and read through code that lives above the web (the composition root's module):
/// the same functions the CLI's `team add`, `user away|back|hours`, `rules check|import|export` and
/// `ingest --reprocess` call, so the web never has a second way to write the same table. Built by
/// `Postdesk.adminBackend()`; nil in a portal without admin pages.
public protocol AdminBackend: Sendable {
    /// `team add NAME`. - Throws: ``AdminRefusal`` for a bad or taken name.
    func addTeam(_ name: String) async throws -> Team
    /// `user add`. - Throws: ``AdminRefusal`` for a taken address or an unknown team.
    func addUser(_ user: NewUser) async throws -> OperatorAccount
    /// `user disable|enable`; false when no account has the address.
    func setDisabled(_ disabled: Bool, address: String) async throws -> Bool
    /// `user away`: hands the operator's open tickets back through the rules; nil when there is no such operator.
    func markAway(_ address: String) async throws -> Int?
    /// `user back`, `user hours`: nil when there is no such operator.
    /// - Throws: ``AdminRefusal`` when the hours or the zone do not read.
    func changeAvailability(_ change: AdminAvailabilityChange, address: String) async throws -> OperatorAvailability?

    /// The rule document in force as `rules export` prints it, with its version (0: the shipped defaults).
    func rules() async throws -> AdminRules
    /// `rules check`: every finding, placed at line and column.
    func checkRules(_ yaml: String) async -> [AdminRuleFinding]
    /// `rules import`: replaces the set as a whole. - Throws: ``AdminRuleErrors`` (nothing imported).
    func importRules(_ yaml: String) async throws -> Int64
    /// Applies `edit` to the document of version `expected` and imports the result through ``importRules(_:)``.
    /// - Throws: ``AdminRefusal`` when the set changed since `expected` or the edit does not apply;
    ///   ``AdminRuleErrors`` when the edited document does not check.
    func editRules(_ edit: AdminRuleEdit, expected: Int64) async throws -> Int64

    /// `ingest --reprocess ID`: applies a stored mail again; the outcome in a sentence.
    func reprocess(_ id: InboundID) async throws -> String

    /// The configured mailboxes, without credentials.
    func mailboxes() -> [AdminMailbox]
    /// Logs in to the mailbox's IMAP server (and, where PostdeskCurl can, greets its relay) with a short timeout.
    func testMailbox(named name: String) async -> [AdminConnectionCheck]

    /// The notification templates rendered with sample data (text and HTML parts, EN and RU).
    func templatePreviews() async -> [AdminTemplatePreview]

    /// Bytes the attachment store holds, and the configured quota.
    func attachmentUsage() async -> AttachmentUsage

    /// The sentence to show for an error a change was refused with (a conflict, an unknown name); nil for a
    /// failure the page cannot explain (it is logged and answered with a generic error).
    func refusalMessage(for error: any Error) -> String?
}

/// A change refused before anything was stored, with the sentence to show. Retrying the same input cannot help.
public struct AdminRefusal: Error, Sendable, Equatable {
    public var message: String
    public var isTransient: Bool { false }

    public init(_ message: String) {
        self.message = message
    }
}

/// A rules document that does not check: every finding (nothing was imported).
public struct AdminRuleErrors: Error, Sendable, Equatable {
    public var findings: [AdminRuleFinding]
    public var isTransient: Bool { false }

    public init(_ findings: [AdminRuleFinding]) {
        self.findings = findings
    }
}

/// One finding of `rules check`, placed like a compiler's.
public struct AdminRuleFinding: Sendable, Hashable {
    public var line: Int
    public var column: Int?
    /// `error` or `warning`.
    public var severity: String
    public var message: String

    public init(line: Int, column: Int?, severity: String, message: String) {
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `12:7: error: …`.
    public var text: String { "\(line):" + (column.map { "\($0):" } ?? "") + " \(severity): \(message)" }
}

/// The rule set in force: its YAML, its version and each rule in words.
public struct AdminRules: Sendable {
    public var version: Int64
    public var yaml: String
    public var rules: [AdminRuleSummary]

    public init(version: Int64, yaml: String, rules: [AdminRuleSummary]) {
        self.version = version
        self.yaml = yaml
        self.rules = rules
    }
}

/// One rule as the read-only view shows it, generated from the model.
public struct AdminRuleSummary: Sendable, Hashable {
    public var name: String
    public var events: [String]
    /// The `if:` tree in words; `always` without one.
    public var condition: String
    public var actions: [String]
    public var stop: Bool

    public init(name: String, events: [String], condition: String, actions: [String], stop: Bool) {
        self.name = name
        self.events = events
        self.condition = condition
        self.actions = actions
        self.stop = stop
    }
}

/// An edit of the rule list by the form editor.
public enum AdminRuleEdit: Sendable, Hashable {
    case moveUp(index: Int)
    case moveDown(index: Int)
    case delete(index: Int)
    /// A routing rule on `ticket.created`: when the subject or text contains any of `words`, set the team and
    /// assign by `strategy` (`round_robin`, `least_open`, or empty for none).
    case addRouting(name: String, words: [String], team: String, strategy: String)
}

/// `user back` or `user hours`.
public enum AdminAvailabilityChange: Sendable, Hashable {
    case back
    /// `week` nil: `--always`.
    case hours(timeZone: String?, week: String?)
}

/// A configured mailbox, without its passwords.
public struct AdminMailbox: Sendable, Hashable {
    public var name: String
    public var address: String
    /// The URLs without user information.
    public var imapURL: String?
    public var smtpURL: String?

    public init(name: String, address: String, imapURL: String?, smtpURL: String?) {
        self.name = name
        self.address = address
        self.imapURL = imapURL
        self.smtpURL = smtpURL
    }
}

/// The outcome of one connection test.
public struct AdminConnectionCheck: Sendable, Hashable {
    /// `IMAP` or `SMTP`.
    public var service: String
    public var succeeded: Bool
    public var detail: String

    public init(service: String, succeeded: Bool, detail: String) {
        self.service = service
        self.succeeded = succeeded
        self.detail = detail
    }
}

/// One notification template rendered with sample data.
public struct AdminTemplatePreview: Sendable, Hashable {
    public var name: String
    public var language: String
    public var subject: String
    public var text: String
    /// The HTML part as source text (shown escaped, never rendered).
    public var html: String?
    /// Why it did not render; nil when it did.
    public var problem: String?

    public init(name: String, language: String, subject: String, text: String, html: String?, problem: String?) {
        self.name = name
        self.language = language
        self.subject = subject
        self.text = text
        self.html = html
        self.problem = problem
    }
}
