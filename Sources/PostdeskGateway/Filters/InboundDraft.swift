import PostdeskCore
import PostdeskMail

/// A parsed mail on its way through the filters: each filter reads the parse and fills in what it decides.
struct InboundDraft: Sendable {
    var parsed: ParsedMail
    var hints = ThreadHints()
    var automatic: AutomaticMail?
    var language = "en"
    var evidence = SenderEvidence()
    var forwarded: ForwardedMail?

    init(parsed: ParsedMail) {
        self.parsed = parsed
    }
}

/// One step of the inbound pipeline (zammad's `Channel::Filter::*`, as typed values).
protocol InboundFilter: Sendable {
    func apply(to draft: inout InboundDraft)
}
