// libFuzzer entry point for the IMAP response reader (bytes from a server we may not trust).
//
// Built by deploy/fuzz-imap with the pure parts of Sources/PostdeskCurl/IMAP (no libcurl involved). Each input is a
// stream of server bytes, fed in two pieces split at its first byte's value, as a socket might deliver it; every
// response is tokenized and read as untagged data, as CurlIMAPMailbox does. A crash or a hang is a finding.

@_cdecl("LLVMFuzzerTestOneInput")
public func imapResponseFuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes: [UInt8] = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    var parser = IMAPResponseParser(maxLineLength: 1 << 16, maxLiteralLength: 1 << 20)
    let split = min(bytes.count, Int(bytes.first ?? 0))
    for piece in [bytes[..<split], bytes[split...]] {
        parser.append(Array(piece))
        while true {
            guard let response = try? parser.next() else { break }
            _ = IMAPToken.tokenize(response)
            _ = IMAPUntaggedData(response)
        }
    }
    return 0
}
