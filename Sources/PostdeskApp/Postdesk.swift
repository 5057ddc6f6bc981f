import Foundation
public import Hummingbird
public import Logging
import PostdeskCore
public import PostdeskCrypto
import PostdeskCurl
public import PostdeskGateway
import PostdeskMail
public import PostdeskStore
import PostdeskWeb
import PostdeskWorkflow
public import ServiceLifecycle

/// The one composition root: the only place that names concrete types and wires them together (STYLE habit 5).
public struct Postdesk: Sendable {
    public let config: PostdeskConfig
    public let store: SQLiteStore
    /// The signing keys, derived from the secret (and the previous secret during its grace period).
    public let keys: KeyRing
    public let environment: WorldEnvironment

    /// Opens the data directory and the database, applying pending migrations.
    public init(config: PostdeskConfig, environment: WorldEnvironment = .live) throws {
        self.config = config
        self.environment = environment
        try DataDirectory.prepare(config.dataDir)
        keys = try Self.keyRing(config: config)
        store = try SQLiteStore(path: "\(config.dataDir)/postdesk.sqlite")
        try store.migrate()
    }

    public var blobs: FileBlobStore {
        FileBlobStore(root: URL(fileURLWithPath: config.dataDir).appendingPathComponent("blobs"))
    }

    /// The one mailbox of the `support.*`/`imap.*`/`smtp.*` settings.
    public var defaultMailbox: MailboxProfile {
        let address = EmailAddress(config.supportAddress) ?? EmailAddress("support@example.test")!
        return MailboxProfile(
            name: String(address.rawValue.split(separator: "@").first ?? "support"), address: address,
            displayName: config.supportName)
    }

    public func workflow() -> InboundWorkflow {
        InboundWorkflow(
            settings: WorkflowSettings(messageIDDomain: config.effectiveMessageIDDomain), environment: environment)
    }

    public func renderer() async throws -> MailRenderer {
        try await MailRenderer.load(
            directory: config.templatesDir, mailboxes: [defaultMailbox], baseURL: config.baseURL, keys: keys,
            blobs: blobs
        )
    }

    public func processor(languages: [String]) -> InboundProcessor {
        InboundProcessor(
            store: store, blobs: blobs, workflow: workflow(), mailbox: defaultMailbox, keys: keys,
            languages: languages
        )
    }

    func serverConfig(url: String, user: String, password: String) -> MailServerConfig {
        let startTLS: MailServerConfig.StartTLS =
            switch config.startTLS {
            case "never": .never
            case "required": .required
            default: .ifAvailable
            }
        return MailServerConfig(url: url, user: user, password: password, caFile: config.caFile, startTLS: startTLS)
    }

    /// The poller of the configured mailbox, or nil when no `imap.url` is set.
    public func poller(languages: [String], logger: Logger) throws -> MailboxPoller? {
        guard let url = config.imapURL else { return nil }
        let reader = try CurlIMAPMailbox(
            config: serverConfig(url: url, user: config.imapUser, password: config.imapPassword),
            pollInterval: .seconds(config.pollInterval), logger: logger
        )
        return MailboxPoller(
            name: MailboxName.of(url: url), reader: reader, processor: processor(languages: languages),
            pollInterval: .seconds(config.pollInterval), logger: logger
        )
    }

    /// The outbox sender through the configured relay, or nil when no `smtp.url` is set.
    public func outbox(renderer: MailRenderer, policy: RetryPolicy = RetryPolicy(), logger: Logger) throws
        -> OutboxService?
    {
        guard let url = config.smtpURL else { return nil }
        let sender = try CurlSMTPSender(
            config: serverConfig(url: url, user: config.smtpUser, password: config.smtpPassword), logger: logger
        )
        return OutboxService(
            store: store, sender: sender, renderer: renderer, environment: environment,
            envelopeFrom: config.supportAddress, policy: policy, logger: logger
        )
    }

    /// Everything `postdesk serve` runs: web, mailbox poller, outbox, with graceful SIGTERM/SIGINT shutdown.
    public func serviceGroup(logger: Logger) async throws -> ServiceGroup {
        let renderer = try await renderer()
        var services: [any Service] = []

        let router = PortalRoutes(store: store, metricsToken: config.metricsToken).router()
        let parts = config.httpAddress.split(separator: ":")
        let app = Application(
            router: router,
            configuration: .init(
                address: .hostname(String(parts.first ?? "127.0.0.1"), port: Int(parts.last ?? "") ?? 8080)),
            logger: logger
        )
        services.append(app)

        if let poller = try poller(languages: renderer.languages(), logger: logger) {
            services.append(poller)
        } else {
            logger.notice("no imap.url set: not polling any mailbox")
        }
        if let outbox = try outbox(renderer: renderer, logger: logger) {
            services.append(outbox)
        } else {
            logger.notice("no smtp.url set: outbound mail waits in the outbox")
        }
        return ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger)
        )
    }
}
