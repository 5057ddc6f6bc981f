/// Parses address headers (RFC 5322 §3.4: mailbox-list, address-list with groups) and repairs what real
/// mail gets wrong: unquoted specials in names, encoded words in quoted strings (RFC 2047 §5 forbids them,
/// mailers send them), the obsolete comment form `addr (Name)` (§4.4), bare names, missing brackets.
enum AddressListParser {
    /// Parses an unfolded header value.
    /// - Parameters:
    ///   - value: the raw unfolded bytes.
    ///   - decoder: decodes encoded words and 8-bit names.
    ///   - limit: the most addresses returned.
    ///   - context: names the header in warnings.
    ///   - keepNamedNull: keep a named null mailbox (`MAILER DAEMON <>`, RFC 5321 §4.5.5) with an empty address.
    ///   - warnings: where repairs are recorded.
    static func parse(
        _ value: [UInt8], decoder: TextDecoder, limit: Int, context: String, keepNamedNull: Bool = false,
        warnings: inout WarningLog
    ) -> [MailAddress] {
        var result: [MailAddress] = []
        for entry in splitEntries(value) {
            if result.count >= limit {
                warnings.add("\(context): more than \(limit) addresses; the rest were ignored")
                break
            }
            if let address = mailbox(
                value[entry], decoder: decoder, context: context, keepNamedNull: keepNamedNull, warnings: &warnings)
            {
                result.append(address)
            }
        }
        return result
    }

    /// Ranges of the mailboxes: split at top-level commas, group names (`name:`) and group ends (`;`) dropped.
    static func splitEntries(_ bytes: [UInt8]) -> [Range<Int>] {
        var entries: [Range<Int>] = []
        var start = 0
        var index = 0
        var inQuote = false
        var commentDepth = 0
        var inAngle = false
        var sawAt = false
        let count = bytes.count
        let quoteBalanced = Self.quotesBalance(bytes)
        while index < count {
            let byte = bytes[index]
            if inQuote {
                if byte == ASCII.backslash {
                    index += 1
                } else if byte == ASCII.quote {
                    inQuote = false
                }
            } else if commentDepth > 0 {
                if byte == ASCII.backslash {
                    index += 1
                } else if byte == ASCII.openParen {
                    commentDepth += 1
                } else if byte == ASCII.closeParen {
                    commentDepth -= 1
                }
            } else if byte == ASCII.equals, index + 1 < count, bytes[index + 1] == ASCII.question,
                let word = EncodedWords.parseWord(bytes, at: index)
            {
                index = word.end
                continue
            } else {
                switch byte {
                case ASCII.quote where quoteBalanced: inQuote = true
                case ASCII.openParen: commentDepth = 1
                case ASCII.lessThan: inAngle = true
                case ASCII.greaterThan: inAngle = false
                case ASCII.at: sawAt = true
                case ASCII.comma, ASCII.semicolon:
                    if !inAngle {
                        entries.append(start..<index)
                        start = index + 1
                        sawAt = false
                    }
                case ASCII.colon:
                    if !inAngle, !sawAt { start = index + 1 }  // group display name (§3.4), not a mailbox
                default: break
                }
            }
            index += 1
        }
        entries.append(start..<count)
        return entries.filter { !bytes[$0].trimmedWhitespace().isEmpty }
    }

    /// Whether every quoted string closes. A quoted-pair (`\"` inside quotes, RFC 5322 §3.2.4) is not a quote:
    /// counting it made `"a \"b\" c" <x@y>` look unbalanced, and the name was then split at its `<` and `,`.
    static func quotesBalance(_ bytes: [UInt8]) -> Bool {
        var inQuote = false
        var index = 0
        while index < bytes.count {
            if inQuote, bytes[index] == ASCII.backslash {
                index += 2
                continue
            }
            if bytes[index] == ASCII.quote { inQuote.toggle() }
            index += 1
        }
        return !inQuote
    }

    /// One mailbox: `phrase <addr>`, `addr (comment)`, `"quoted"@domain`, or a repaired variant.
    static func mailbox(
        _ entry: ArraySlice<UInt8>, decoder: TextDecoder, context: String, keepNamedNull: Bool = false,
        warnings: inout WarningLog
    ) -> MailAddress? {
        let scan = EntryScan(entry)
        if let angle = scan.angle {
            var address = entry[angle].trimmedWhitespace()
            while address.first == ASCII.lessThan { address = address.dropFirst() }  // a slice: O(1) per byte
            if address.starts(with: "mailto:".utf8) { address = address.dropFirst(7) }
            var name = phrase(
                Self.withoutComments(scan.phraseBytes), decoder: decoder, context: context, warnings: &warnings)
            if name == nil, let comment = scan.comments.first {
                name = phrase(comment, decoder: decoder, context: context, warnings: &warnings)
            }
            if address.isEmpty { return keepNamedNull && name != nil ? MailAddress(name: name, address: "") : nil }
            return validated(address, name: name, context: context, warnings: &warnings)
        }
        // No angle brackets: an addr-spec, perhaps with a comment holding the name (RFC 5322 §4.4).
        var spec = scan.bareBytes.trimmedWhitespace()
        var quotedOnly = false
        if spec.first == ASCII.quote, spec.last == ASCII.quote, spec.count >= 2,
            !spec.dropFirst().dropLast().contains(ASCII.quote)
        {
            spec = spec.dropFirst().dropLast()  // "user@example.com" alone: the quotes are noise
            quotedOnly = true
        }
        while spec.last == ASCII.greaterThan { spec = spec.dropLast() }
        let comment = scan.comments.first.flatMap {
            phrase($0, decoder: decoder, context: context, warnings: &warnings)
        }
        if spec.isEmpty { return nil }
        let words = spec.split(whereSeparator: ASCII.isWSP)
        if !quotedOnly, words.count > 1, spec.first != ASCII.quote,
            let addressWord = words.last(where: { $0.contains(ASCII.at) })
        {
            // `Name name@example.com`: the word with the @ is the address, the rest the name.
            warnings.add("\(context): address without angle brackets; split into name and address")
            let nameWords = words.filter { $0.startIndex != addressWord.startIndex }
            let nameBytes = Array(nameWords.joined(separator: [ASCII.space]))
            let name = phrase(nameBytes[...], decoder: decoder, context: context, warnings: &warnings)
            return validated(addressWord, name: name ?? comment, context: context, warnings: &warnings)
        }
        return validated(spec, name: comment, context: context, warnings: &warnings)
    }

    /// The mailbox when `spec` is an addr-spec (``AddrSpec``); otherwise a warning and nothing: a value that is not an
    /// address (CR LF, a second `<…>`, an encoded word that decodes to `a@x\r\nBcc: …`) never becomes one.
    private static func validated(
        _ spec: ArraySlice<UInt8>, name: String?, context: String, warnings: inout WarningLog
    ) -> MailAddress? {
        if let address = AddrSpec.validated(spec) ?? AddrSpec.localOnly(spec) {
            return MailAddress(name: name, address: address)
        }
        warnings.add("\(context): \(spec.count) bytes that are not a valid address; ignored")
        return nil
    }

    /// The bytes with top-level comments (RFC 5322 §3.2.2) removed; quoted strings are kept whole.
    static func withoutComments(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard bytes.contains(ASCII.openParen) else { return bytes }
        var out: [UInt8] = []
        var depth = 0
        var inQuote = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if depth == 0, byte == ASCII.quote { inQuote.toggle() }
            if !inQuote, byte == ASCII.openParen {
                depth += 1
            } else if !inQuote, depth > 0, byte == ASCII.closeParen {
                depth -= 1
            } else if depth == 0 {
                out.append(byte)
            }
            index += 1
        }
        return out[...]
    }

    /// A display name: quotes removed, encoded words decoded, whitespace collapsed; nil when empty.
    static func phrase(
        _ bytes: ArraySlice<UInt8>, decoder: TextDecoder, context: String, warnings: inout WarningLog
    ) -> String? {
        var plain: [UInt8] = []
        plain.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        var inQuote = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == ASCII.quote {
                inQuote.toggle()
            } else if inQuote, byte == ASCII.backslash, index + 1 < bytes.endIndex {
                index += 1
                plain.append(bytes[index])
            } else {
                plain.append(byte)
            }
            index += 1
        }
        let decoded = EncodedWords.decode(plain, decoder: decoder, context: context, warnings: &warnings)
        let collapsed = decoded.withoutControls.split(separator: " ").joined(separator: " ")
        var name = Substring(collapsed)
        while let first = name.first, first == "'" || first == "\"", name.count >= 2, name.last == first {
            name = name.dropFirst().dropLast()
        }
        return name.isEmpty ? nil : String(name)
    }
}

/// The pieces of one mailbox entry found at top level: the angle-address range, the text before it,
/// comments, and the remainder without comments.
private struct EntryScan {
    var angle: Range<Int>?
    var phraseBytes: ArraySlice<UInt8>
    var comments: [ArraySlice<UInt8>] = []
    var bareBytes: [UInt8] = []

    init(_ entry: ArraySlice<UInt8>) {
        var index = entry.startIndex
        var inQuote = false
        var commentStart: Int?
        var depth = 0
        var angleStart: Int?
        phraseBytes = entry[entry.startIndex..<entry.startIndex]
        while index < entry.endIndex {
            let byte = entry[index]
            if depth > 0 {
                if byte == ASCII.openParen { depth += 1 }
                if byte == ASCII.closeParen {
                    depth -= 1
                    if depth == 0, let start = commentStart { comments.append(entry[(start + 1)..<index]) }
                }
            } else if inQuote {
                if byte == ASCII.backslash { index += 1 } else if byte == ASCII.quote { inQuote = false }
                if angleStart == nil { bareBytes.append(byte) }
            } else if byte == ASCII.quote {
                inQuote = true
                bareBytes.append(byte)
            } else if byte == ASCII.openParen, angleStart == nil {
                depth = 1
                commentStart = index
            } else if byte == ASCII.lessThan, angleStart == nil {
                angleStart = index + 1
                phraseBytes = entry[entry.startIndex..<index]
            } else if byte == ASCII.greaterThan, let start = angleStart, angle == nil {
                angle = start..<index
            } else if angleStart == nil {
                bareBytes.append(byte)
            }
            index += 1
        }
        if let start = angleStart, angle == nil { angle = start..<entry.endIndex }  // missing '>'
    }
}
