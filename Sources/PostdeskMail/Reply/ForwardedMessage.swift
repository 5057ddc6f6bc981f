import Foundation

/// The mail an operator forwarded to a mailbox: who originally sent it, its subject and text, and the note the
/// operator typed above it.
///
/// Read from an attached `message/rfc822` part (RFC 2046 §5.2.1; "forward as attachment"), or from the first
/// inline forward block of the text: a separator line (Gmail's `---------- Forwarded message ---------`, Outlook's
/// `-----Original Message-----` or a line of underscores, Thunderbird's `-------- Forwarded Message --------`,
/// Apple Mail's `Begin forwarded message:`, mail.ru and Yandex's `-------- Пересылаемое сообщение --------`, and
/// their translations) and the header lines below it (From/От/Von/De, Subject/Тема/Betreff, Date/Дата/Gesendet, …).
/// Only the first block counts: a later one is history inside the forwarded mail. The original's From is parsed as
/// a From header is, so a value that would be refused there is refused here (the reader returns nil).
public struct ForwardedMessage: Sendable, Hashable {
    /// Where the original was found.
    public enum Source: String, Sendable, Hashable {
        /// An attached `message/rfc822` or `message/global` part.
        case attachedMessage = "attached_message"
        /// A forward block in the text.
        case inlineBlock = "inline_block"
    }

    /// The original sender: display name and addr-spec.
    public var from: MailAddress
    /// The original subject, when the block names one.
    public var subject: String?
    /// The original's text: for an inline block, what follows its header lines, without the block's own `>` quote
    /// marks and end line.
    public var text: String
    /// What the forwarder typed above the forward (quoted history and signature removed), empty when nothing.
    public var note: String
    public var source: Source

    /// The most lines searched for a forward block, and the most header lines read after it.
    static let maxScannedLines = 2000
    static let maxHeaderLines = 20
    /// The most lines of an inline original's text kept.
    static let maxBodyLines = 50_000

    /// Finds the forwarded original in `mail`; nil when there is no clear forward, or when its From is not a valid
    /// address.
    /// - Parameters:
    ///   - mail: the forwarding mail, parsed.
    ///   - parser: parses an attached original (the same limits as the forwarding mail's own parse).
    public static func read(_ mail: ParsedMail, parser: MailParser = MailParser()) -> ForwardedMessage? {
        if let inline = ForwardBlockReader(text: mail.text).read() {
            guard let from = inline.from else { return nil }  // the first block decides
            return ForwardedMessage(
                from: from, subject: inline.subject, text: inline.body,
                note: ReplyExtractor.reply(fromText: inline.above), source: .inlineBlock)
        }
        guard mail.bounce == nil,  // a bounce encloses our own mail, not a forward
            let enclosed = mail.attachments.first(where: {
                $0.contentType == "message/rfc822" || $0.contentType == "message/global"
            }),
            let original = try? parser.parse(enclosed.data),
            let from = original.from, AddrSpec.validated(from.address.utf8) != nil
        else { return nil }
        // Trimmed like an inline block's body, so both sources give the same text for the same original.
        let text = original.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return ForwardedMessage(
            from: from, subject: original.subject, text: text, note: mail.reply, source: .attachedMessage)
    }
}
