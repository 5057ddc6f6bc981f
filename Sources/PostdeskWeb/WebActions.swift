public import PostdeskCore
public import PostdeskWorkflow

/// What the web's forms change tickets through: the console's and the portal's workflows (the same core as mail),
/// the rights policy every ticket page and attachment asks, and the blobs attachments are read from. Built by the
/// composition root; nil in a portal that only shows pages (tests of the read-only routes).
public struct WebActions: Sendable {
    public var console: ConsoleWorkflow
    public var portal: PortalWorkflow
    public var access: TicketAccess
    public var blobs: any BlobStore

    public init(console: ConsoleWorkflow, portal: PortalWorkflow, access: TicketAccess, blobs: any BlobStore) {
        self.console = console
        self.portal = portal
        self.access = access
        self.blobs = blobs
    }
}
