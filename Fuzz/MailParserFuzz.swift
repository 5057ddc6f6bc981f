// libFuzzer entry point for PostdeskMail (issue 3, "Limits and hostility").
//
// Built by deploy/fuzz-mail with Sources/PostdeskMail/**/*.swift, after PostdeskCrypto as a module of its own:
//   swiftc -sanitize=fuzzer,address -parse-as-library -O -I Sources/CCrypto -I <modules> \
//       Sources/PostdeskMail/**/*.swift Fuzz/MailParserFuzz.swift <modules>/PostdeskCrypto.o -lcrypto
// Each input is one raw message. The parser must return or throw a MailParseError; a crash, a sanitizer report,
// a timeout (-timeout) or an out-of-memory (-rss_limit_mb) is a finding. The JSON encoding and the lazily
// computed attachment hashes are exercised too, because `mail parse --json` runs them on every message; so are the
// readers the inbound workflow runs on a parsed mail: the forwarded-mail reader (which parses an attached message
// again) and the Authentication-Results reader.

/// Small limits make the deep, wide and long paths reachable with short inputs.
private let smallLimits = MailLimits(
    maxBytes: 1 << 20, maxDepth: 8, maxParts: 64, maxHeaderBytes: 4096, maxHeaderCount: 128, maxAddresses: 64,
    maxTextBytes: 1 << 16, maxWarnings: 16)

@_cdecl("LLVMFuzzerTestOneInput")
public func mailParserFuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes: [UInt8] = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    // The default limits (what production uses) and small ones, alternating on the first byte.
    let limits = (bytes.first ?? 0) & 1 == 0 ? MailLimits.default : smallLimits
    for source in [MailParser.TextSource.preferPlain, .preferHTML] {
        guard let mail = try? MailParser(limits: limits, textSource: source).parse(bytes) else { continue }
        _ = mail.jsonData()
        for attachment in mail.attachments { _ = attachment.sha256 }
        _ = ForwardedMessage.read(mail, parser: MailParser(limits: limits, textSource: source))
        _ = AuthenticationResults.verdicts(
            fieldValues: mail.headers(named: "Authentication-Results"), authservID: "mx.example.test")
        if source == .preferHTML { break }
    }
    return 0
}
