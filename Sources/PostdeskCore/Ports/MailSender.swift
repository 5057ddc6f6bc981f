/// A message ready for the wire: envelope and the exact RFC 5322 bytes.
public struct OutgoingMail: Sendable, Hashable {
    /// SMTP `MAIL FROM`; empty for the null reverse-path `<>`.
    public var envelopeFrom: String
    /// SMTP `RCPT TO`, one per recipient.
    public var recipients: [String]
    public var raw: [UInt8]

    public init(envelopeFrom: String, recipients: [String], raw: [UInt8]) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.raw = raw
    }
}

/// Hands messages to an SMTP relay.
public protocol MailSender: Sendable {
    /// Sends one message. Returns only once the relay accepted it for every recipient.
    /// - Throws: ``MailTransportError``; `isTransient` says whether sending again later can help.
    func send(_ mail: OutgoingMail) async throws
}
