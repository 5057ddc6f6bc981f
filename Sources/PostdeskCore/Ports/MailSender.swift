/// A message ready for the wire: envelope and the exact RFC 5322 bytes.
///
/// The envelope holds only ``EmailAddress`` values, so nothing read from a mail can become a second SMTP command or
/// recipient (`a@x.test>\r\nRCPT TO:<b@y.test>` is not an address).
public struct OutgoingMail: Sendable, Hashable {
    /// SMTP `MAIL FROM`; nil for the null reverse-path `<>`.
    public var envelopeFrom: EmailAddress?
    /// SMTP `RCPT TO`, one per recipient.
    public var recipients: [EmailAddress]
    public var raw: [UInt8]

    public init(envelopeFrom: EmailAddress?, recipients: [EmailAddress], raw: [UInt8]) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.raw = raw
    }

    /// An envelope from addresses as text; an empty `envelopeFrom` is the null reverse-path.
    /// - Throws: `rejected` (not transient) naming the first value that is not a plain addr-spec.
    public init(envelopeFrom: String, recipients: [String], raw: [UInt8]) throws(MailTransportError) {
        func checked(_ text: String, _ role: String) throws(MailTransportError) -> EmailAddress {
            guard let address = EmailAddress(text) else {
                throw MailTransportError(
                    code: .rejected, message: "SMTP: the \(role) is not a plain address; nothing was sent",
                    isTransient: false)
            }
            return address
        }
        self.envelopeFrom = envelopeFrom.isEmpty ? nil : try checked(envelopeFrom, "envelope sender")
        var addresses: [EmailAddress] = []
        for recipient in recipients { addresses.append(try checked(recipient, "recipient")) }
        self.recipients = addresses
        self.raw = raw
    }
}

/// Hands messages to an SMTP relay.
public protocol MailSender: Sendable {
    /// Sends one message. Returns only once the relay accepted it for every recipient.
    /// - Throws: ``MailTransportError``; `isTransient` says whether sending again later can help.
    func send(_ mail: OutgoingMail) async throws
}
