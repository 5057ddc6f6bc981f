import Foundation
public import Hummingbird
public import Logging
public import PostdeskCore
public import PostdeskCrypto
import PostdeskCurl
public import PostdeskGateway
import PostdeskMail
public import PostdeskStore
public import PostdeskWeb
public import PostdeskWorkflow
public import ServiceLifecycle

/// The one composition root: the only place that names concrete types and wires them together (STYLE habit 5).
public struct Postdesk: Sendable {
    public let config: PostdeskConfig
    public let store: SQLiteStore
    /// The signing keys, derived from the secret (and the previous secret during its grace period).
    public let keys: KeyRing
    /// The rules in force, prepared once per imported version and shared by every poller.
    public let rules = RuleBook()
    public let environment: WorldEnvironment
    /// The configured mailboxes, the default first (``PostdeskConfig/effectiveMailboxes``).
    public let mailboxes: [MailboxProfile]
    /// The attachment store's size for the quota, measured at most every `attachments.usage_refresh_seconds`.
    let blobUsage: BlobUsageCache
    /// Each customer's hourly upload allowance (`uploads.*`), shared by every portal request of this process.
    let uploadAllowance: UploadAllowance

    /// Opens the data directory and the database, applying pending migrations.
    /// - Throws: `ConfigError` when a mailbox's address is not one, before anything is opened.
    public init(config: PostdeskConfig, environment: WorldEnvironment = .live) throws {
        self.config = config
        self.environment = environment
        mailboxes = try config.mailboxProfiles()
        try DataDirectory.prepare(config.dataDir)
        keys = try Self.keyRing(config: config)
        store = try SQLiteStore(path: "\(config.dataDir)/postdesk.sqlite")
        try store.migrate()
        let root = URL(fileURLWithPath: config.dataDir).appendingPathComponent("blobs")
        blobUsage = BlobUsageCache(
            maxAge: TimeInterval(config.attachmentsUsageRefreshSeconds), now: environment.now,
            measure: { BlobDiskUsage.bytes(under: root) })
        uploadAllowance = UploadAllowance(
            limits: UploadAllowanceLimits(
                files: config.uploadsFilesPerHour, bytes: Int64(config.uploadsMBPerHour) * 1_000_000),
            now: environment.now)
    }

    public var blobs: FileBlobStore {
        FileBlobStore(root: URL(fileURLWithPath: config.dataDir).appendingPathComponent("blobs"))
    }

    /// The mailbox of rows and commands that name none: the first.
    public var defaultMailbox: MailboxProfile { mailboxes[0] }

    /// The inbound ledger's name of each mailbox that polls IMAP, by mailbox name (``MailboxName/ledgerKeys(of:)``).
    public var ledgerNames: [String: String] { MailboxName.ledgerKeys(of: config.effectiveMailboxes) }

    /// The mailbox a message stored under `ledgerName` was read for: the one polling under that name, else the one
    /// named so (`postdesk ingest --mailbox sales`), else the default.
    public func mailbox(forLedgerName ledgerName: String) -> MailboxProfile {
        let polled = ledgerNames.first { $0.value == ledgerName }?.key
        return mailboxes.first { $0.name == polled } ?? mailboxes.first { $0.name == ledgerName } ?? defaultMailbox
    }

    public func workflow() -> InboundWorkflow {
        InboundWorkflow(
            settings: WorkflowSettings(
                messageIDDomain: config.effectiveMessageIDDomain, automaticMailsPerHour: config.autoReplyLimit,
                automaticMailWindow: TimeInterval(config.autoReplyWindowMinutes * 60),
                bounceSuppression: TimeInterval(config.bounceSuppressionDays * 86400),
                notificationDigest: TimeInterval(config.notificationDigestMinutes * 60)),
            environment: environment, rules: rules)
    }

    public func renderer() async throws -> MailRenderer {
        try await MailRenderer.load(
            directory: config.templatesDir, mailboxes: mailboxes, baseURL: config.baseURL, keys: keys,
            blobs: blobs
        )
    }

    /// Reads mail for `mailbox` (the default when nil); a reply token on any of our addresses counts.
    public func processor(languages: [String], mailbox: MailboxProfile? = nil) -> InboundProcessor {
        InboundProcessor(
            store: store, blobs: blobs, workflow: workflow(), mailbox: mailbox ?? defaultMailbox,
            ourAddresses: mailboxes.map(\.address.rawValue), keys: keys, languages: languages
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

    /// One poller per mailbox with IMAP settings, in the configured order, each reading for its own mailbox.
    public func pollers(languages: [String], logger: Logger) throws -> [MailboxPoller] {
        let names = ledgerNames
        return try zip(config.effectiveMailboxes, mailboxes).compactMap { settings, profile in
            guard let imap = settings.imap, let name = names[profile.name] else { return nil }
            var logger = logger
            logger[metadataKey: "postdesk.mailbox"] = "\(profile.name)"
            let reader = try CurlIMAPMailbox(
                config: serverConfig(url: imap.url, user: imap.user, password: imap.password),
                pollInterval: .seconds(config.pollInterval), logger: logger
            )
            return MailboxPoller(
                name: name, reader: reader, processor: processor(languages: languages, mailbox: profile),
                pollInterval: .seconds(config.pollInterval), logger: logger
            )
        }
    }

    /// The first mailbox's poller (of those with IMAP settings), or nil when none polls.
    public func poller(languages: [String], logger: Logger) throws -> MailboxPoller? {
        try pollers(languages: languages, logger: logger).first
    }

    /// The outbox, sending each row through its mailbox's relay, or nil when no mailbox has SMTP settings.
    ///
    /// A mailbox without `smtp` sends through the first mailbox's relay that has one (its envelope sender is still its
    /// own address, which that relay must allow).
    public func outbox(renderer: MailRenderer, policy: RetryPolicy = RetryPolicy(), logger: Logger) throws
        -> OutboxService?
    {
        var senders: [String: any MailSender] = [:]
        var fallback: (any MailSender)?
        var lanes = 0
        for mailbox in config.effectiveMailboxes {
            guard let smtp = mailbox.smtp else { continue }
            let sender = try CurlSMTPSender(
                config: serverConfig(url: smtp.url, user: smtp.user, password: smtp.password),
                lanes: config.effectiveSMTPLanes(smtp), logger: logger)
            senders[mailbox.name] = sender
            fallback = fallback ?? sender
            lanes += sender.laneCount
        }
        guard let fallback else { return nil }
        // As many rows in flight as the relays have connections.
        return OutboxService(
            store: store, sender: fallback, senders: senders, renderer: renderer, environment: environment,
            policy: policy, lanes: lanes, logger: logger
        )
    }

    /// The web portal's routes; the page templates are loaded here, so a broken template stops `serve` at start.
    public func portalRoutes() async throws -> PortalRoutes {
        var routes = PortalRoutes(
            store: store, pages: try await PageLibrary.load(), metricsToken: config.metricsToken, keys: keys,
            accountSettings: accountSettings, actions: webActions(), now: environment.now)
        routes.admin = AdminServices(postdesk: self)
        return routes
    }

    /// `attachments.quota_mb` over the blob directory: web uploads stop at 100 %; inbound mail never asks it.
    public var attachmentQuota: AttachmentQuota {
        let usage = blobUsage
        return AttachmentQuota(
            limitBytes: config.attachmentsQuotaMB > 0 ? Int64(config.attachmentsQuotaMB) * 1_000_000 : nil,
            usedBytes: { usage.bytes() }, wrote: { usage.add($0) })
    }

    /// The console's and portal's workflows over the same core as mail, with attachments stored as mail's are.
    public func webActions() -> WebActions {
        let access = TicketAccess(operatorsSeeAllTeams: config.consoleOperatorsSeeAllTeams)
        let uploads = UploadStore(blobs: blobs, sha256: { SHA256.hex($0) }, quota: attachmentQuota)
        return WebActions(
            console: ConsoleWorkflow(base: workflow(), access: access, uploads: uploads, mailboxes: mailboxes),
            portal: PortalWorkflow(
                base: workflow(), uploads: uploads, mailbox: defaultMailbox, allowance: uploadAllowance),
            access: access, blobs: blobs)
    }

    /// Sign-up mode, cookie security and Message-ID domain of the portal's accounts.
    public var accountSettings: AccountSettings {
        AccountSettings(
            baseURL: config.baseURL, messageIDDomain: config.effectiveMessageIDDomain,
            signup: AccountSettings.SignupMode(rawValue: config.portalSignup) ?? .link,
            trustedProxies: (try? TrustedProxies.parse(config.trustedProxies).get()) ?? TrustedProxies())
    }

    /// Everything `postdesk serve` runs: web, mailbox poller, outbox, with graceful SIGTERM/SIGINT shutdown.
    public func serviceGroup(logger: Logger) async throws -> ServiceGroup {
        // Staged attachment files a crash left behind; walked in the background, the web need not wait for it.
        let blobs = blobs
        Task.detached(priority: .background) {
            let removed = blobs.removeStaleTemporaries()
            if removed > 0 { logger.notice("removed \(removed) stale staged attachment file(s)") }
        }
        let renderer = try await renderer()
        var services: [any Service] = []

        let router = try await portalRoutes().router()
        let parts = config.httpAddress.split(separator: ":")
        let app = Application(
            router: router,
            configuration: .init(
                address: .hostname(String(parts.first ?? "127.0.0.1"), port: Int(parts.last ?? "") ?? 8080)),
            logger: logger
        )
        services.append(app)

        let workflow = workflow()
        services.append(
            SLAScheduler(
                store: store, environment: environment,
                owner: "serve-\(ProcessInfo.processInfo.processIdentifier)-\(environment.randomToken())",
                onFire: { timer, ticket, tx in try workflow.slaFired(timer, ticket: ticket, in: tx) }, logger: logger))
        services.append(
            RuleTimerScheduler(
                store: store, environment: environment,
                owner: "serve-\(ProcessInfo.processInfo.processIdentifier)-\(environment.randomToken())",
                onEvent: { event, ticket, tx in try workflow.ruleEvent(event, ticket: ticket, in: tx) }, logger: logger)
        )

        let pollers = try pollers(languages: renderer.languages(), logger: logger)
        services += pollers as [any Service]
        if pollers.isEmpty {
            logger.notice("no mailbox has an imap url: not polling any mailbox")
        }
        if let outbox = try outbox(renderer: renderer, logger: logger) {
            services.append(outbox)
        } else {
            logger.notice("no mailbox has an smtp url: outbound mail waits in the outbox")
        }
        return ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger)
        )
    }
}
