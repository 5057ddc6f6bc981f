import PostdeskMail

@testable import PostdeskGateway

/// Parses `raw` and runs one filter over a fresh draft.
func filtered(_ raw: [UInt8], by filter: some InboundFilter) throws -> InboundDraft {
    var draft = InboundDraft(parsed: try MailParser().parse(raw))
    filter.apply(to: &draft)
    return draft
}
