/// Where quoted history starts in a reply, for the mailers Postdesk's customers use: Gmail, Outlook (desktop, web
/// and mobile), Apple Mail and iPhone, Thunderbird, Yahoo, Proton, Samsung, mail.ru and Yandex, in the languages
/// of ``QuoteMarkers`` `+Vocabulary`.
enum QuoteMarkers {
    /// Whether `line` is a client's "Sent from my iPhone" signature (RFC 3676 §4.3 separators are handled by the
    /// caller).
    static func isClientSignature(_ line: ArraySlice<UInt8>) -> Bool {
        signatureText(line).map { text in startsWithAny(text, clientSignatures) } ?? false
    }

    /// Whether `line` is the Outlook app's "Get Outlook for iOS" line, which the app puts straight above the
    /// message it answers: everything below it is history, quoted or not.
    static func isAppSignature(_ line: ArraySlice<UInt8>) -> Bool {
        signatureText(line).map { text in startsWithAny(text, appSignatures) } ?? false
    }

    /// A short line, lowercased, when its first byte can start a signature.
    private static func signatureText(_ line: ArraySlice<UInt8>) -> String? {
        let trimmed = line.trimmedWhitespace()
        guard trimmed.count >= 12, trimmed.count < 120,
            clientSignatureFirstBytes.contains(ASCII.lower(trimmed[trimmed.startIndex]))
        else { return nil }
        return String(decoding: trimmed, as: UTF8.self).lowercased()
    }

    /// Whether a line ending in a colon just above a `>` block introduces it ("Bob wrote:", "31.01.2024, Bob
    /// <bob@example.com>:"), rather than being the sender's own "my answers to your points:".
    static func introducesQuote(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.trimmedWhitespace()
        guard trimmed.last == ASCII.colon else { return false }
        if trimmed.contains(ASCII.at) || trimmed.contains(where: ASCII.isDigit) { return true }
        return isAttribution(text(trimmed))
    }

    /// The index of the first line that starts quoted history, or nil.
    /// - Parameters:
    ///   - lines: the text's lines.
    ///   - skippingQuoted: whether `>`-quoted lines are passed over (between inline answers, a quoted
    ///     attribution belongs to the history being answered).
    static func firstMarker(in lines: [ArraySlice<UInt8>], skippingQuoted: Bool = false) -> Int? {
        for (index, rawLine) in lines.enumerated() {
            if skippingQuoted, rawLine.first == ASCII.greaterThan { continue }
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            let afterNext = index + 2 < lines.count ? lines[index + 2] : nil
            let nextEndsWithColon = next.map(endsWithColon) ?? false
            let afterNextEndsWithColon = afterNext.map(endsWithColon) ?? false
            guard mayBeMarker(rawLine) || nextEndsWithColon || afterNextEndsWithColon else { continue }
            let line = text(rawLine)
            if line.isEmpty { continue }
            if isSeparatorLine(line) { return index }
            if line.hasPrefix("__") && line.allSatisfy({ $0 == "_" }) {
                if line.count >= 10, headerBlock(in: lines, from: index + 1) { return index }
                // Mailman's footer: "____" + "<list> mailing list" + address + URL, added by the list server.
                if let next, text(next).utf8.reversed().starts(with: "mailing list".utf8.reversed()) { return index }
            }
            if startsWithAny(line, fromNames), headerBlock(in: lines, from: index) {
                return blockStart(lines, from: index)
            }
            if isOneLineHeader(line) { return index }
            if isAttribution(line) { return index }
            // Clients wrap long attribution lines: "On Wed, 31 Jan 2024 at 10:00, Name <a@b>" + "wrote:", or
            // "Le mer. 31 janv. 2024 à 10:00, Name <a@b> a" + "écrit :", or over three lines with the address
            // alone on the middle one. A date is part of every such line.
            guard nextEndsWithColon || afterNextEndsWithColon, rawLine.contains(where: ASCII.isDigit), let next,
                next.count < 120
            else { continue }
            let nextText = text(next)
            if nextEndsWithColon, isAttribution(line + " " + nextText) { return index }
            // A blank middle line is a paragraph break, not a wrap: "… call 112." + "" + "On … wrote:" is the
            // sender's last line above an attribution of its own.
            if afterNextEndsWithColon, let afterNext, afterNext.count < 120, next.first != ASCII.greaterThan,
                !nextText.isEmpty, isAttribution(line + " " + nextText + " " + text(afterNext))
            {
                return index
            }
        }
        return nil
    }

    /// Where a header block found at its From line starts: GMX and Web.de put "Gesendet:" above "Von:", and
    /// some clients draw a rule ("====", "-----") above the block.
    private static func blockStart(_ lines: [ArraySlice<UInt8>], from index: Int) -> Int {
        var start = index
        while start > 0, mayBeMarker(lines[start - 1]), startsWithAny(text(lines[start - 1]), otherNames) {
            start -= 1
        }
        var above = start - 1
        while above >= 0, lines[above].allSatisfy(ASCII.isWhitespace) { above -= 1 }
        if above >= 0 {
            let rule = lines[above].trimmedWhitespace()
            if rule.count >= 4, let first = rule.first, [ASCII.equals, ASCII.minus, ASCII.underscore].contains(first),
                rule.allSatisfy({ $0 == first })
            {
                return above
            }
        }
        return start
    }

    /// Header fields run together on one line, as some web mailers quote them: "Date: … From: … To: … Subject: …".
    private static func isOneLineHeader(_ line: String) -> Bool {
        guard line.utf8.count < 1_000, startsWithAny(line, ["date:", "from:", "sent:", "von:", "datum:"]) else {
            return false
        }
        let inline = [" from:", " to:", " subject:", " sent:", " date:", " von:", " an:", " betreff:"]
        return inline.filter { line.containsBytes($0) }.count >= 2
    }

    /// A cheap pre-check: markers have a colon early (header lines) or at the end (attributions), or start
    /// with a dash or underscore (separator lines).
    private static func mayBeMarker(_ line: ArraySlice<UInt8>) -> Bool {
        var start = line.startIndex
        while start < line.endIndex,
            ASCII.isWhitespace(line[start]) || line[start] == ASCII.greaterThan
                || line[start] == ASCII.asterisk
        {
            start += 1
        }
        guard start < line.endIndex else { return false }
        let first = line[start]
        if first == ASCII.minus || first == ASCII.underscore { return true }
        if endsWithColon(line) { return true }
        let early = line[start..<min(line.endIndex, start + 40)]
        return early.contains(ASCII.colon) || containsFullwidthColon(early)
    }

    /// Whether the last non-blank byte is a colon (ASCII or the fullwidth "：" of CJK clients).
    private static func endsWithColon(_ line: ArraySlice<UInt8>) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, ASCII.isWhitespace(line[end - 1]) || line[end - 1] == ASCII.asterisk { end -= 1 }
        guard end > line.startIndex else { return false }
        if line[end - 1] == ASCII.colon { return true }
        return end - line.startIndex >= 3 && line[end - 3] == 0xEF && line[end - 2] == 0xBC && line[end - 1] == 0x9A
    }

    private static func containsFullwidthColon(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index + 2 < bytes.endIndex {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x9A { return true }
            index += 1
        }
        return false
    }

    private static func isSeparatorLine(_ line: String) -> Bool {
        guard line.hasPrefix("--") || line.hasPrefix("__") || line.hasPrefix("begin ") || line.hasPrefix("anfang ")
        else { return false }
        return separatorLines.contains(line.trimmingCharacters("-_ \t"))
    }

    private static func isAttribution(_ line: String) -> Bool {
        let utf8 = line.utf8
        guard utf8.count < 400 else { return false }
        let hasDigit = utf8.contains(where: ASCII.isDigit)
        guard utf8.last == ASCII.colon else {
            // Zoho ("---- On Wed, 24 Feb 2021 14:02:50 +0530 a@b wrote ----") and clients that drop the colon
            // ("On … Name <a@b> wrote"): a date, an address and the ending without its colon.
            let bare = line.trimmingCharacters("- ")
            if hasDigit, bare.utf8.contains(ASCII.at), startsWithAny(bare, attributionStarts),
                attributionEndings.contains(where: { bare.utf8.reversed().starts(with: $0.utf8.dropLast().reversed()) })
            {
                return true
            }
            // Yahoo's plain text runs the quoted text on after the attribution: "On …, Name<a@b> wrote:   Hello".
            guard hasDigit, startsWithAny(line, attributionStarts) else { return false }
            return attributionEndings.contains { line.containsBytes("> " + $0) || line.containsBytes(">" + $0) }
        }
        if attributionEndings.contains(where: { utf8.reversed().starts(with: $0.utf8.reversed()) }) { return true }
        // Horde ("Quoting Name <a@b>:", "Zitat von Name <a@b>:") and Lotus Notes ("Name <a@b> wrote on 31.01.2024
        // 10:00:00:", "… schrieb am …:").
        if startsWithAny(line, ["quoting ", "zitat von "]), utf8.contains(ASCII.at) { return true }
        if hasDigit, line.containsBytes(" wrote on ") || line.containsBytes(" schrieb am ") { return true }
        // "<address>:" after a date: mail.ru ("Понедельник, 1 января 2024, 10:00 +03:00 от Имя <a@b>:"), Yandex
        // ("31.01.2024, 10:00, "Имя" <a@b>:"), Gmail in Russian ("ср, 31 янв. 2024 г. в 10:00, Имя <a@b>:"),
        // Japanese, Swedish and German ("Am Mi., 31. Jan. 2024 um 10:00 Uhr schrieb Max <max@example.de>:").
        if hasDigit, utf8.dropLast().last == ASCII.greaterThan, utf8.contains(ASCII.at) { return true }
        // Thunderbird and Apple Mail in German: "Am 31.01.24 um 10:00 schrieb Max Mustermann:".
        return hasDigit && utf8.starts(with: "am ".utf8) && line.containsBytes(" schrieb ")
    }

    /// Whether `line` starts with one of `prefixes` (compared as bytes: both are lowercased already).
    private static func startsWithAny(_ line: String, _ prefixes: [String]) -> Bool {
        guard let first = line.utf8.first else { return false }
        return prefixes.contains { $0.utf8.first == first && line.utf8.starts(with: $0.utf8) }
    }

    /// A line as lowercased text without surrounding blanks, NBSPs, quote marks and bold asterisks; French " :"
    /// and CJK "：" read as ":". Works on the bytes: this runs for every candidate line of every mail.
    private static func text(_ line: ArraySlice<UInt8>) -> String {
        func isTrimmed(_ byte: UInt8) -> Bool {
            byte == ASCII.space || byte == ASCII.tab || byte == ASCII.cr || byte == ASCII.asterisk
                || byte == ASCII.greaterThan
        }
        var start = line.startIndex
        var end = line.endIndex
        while start < end {
            if isTrimmed(line[start]) {
                start += 1
            } else if end - start >= 2, line[start] == 0xC2, line[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if isTrimmed(line[end - 1]) {
                end -= 1
            } else if end - start >= 2, line[end - 2] == 0xC2, line[end - 1] == 0xA0 {
                end -= 2
            } else {
                break
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = line[index]
            if byte == 0xEF, index + 2 < end, line[index + 1] == 0xBC, line[index + 2] == 0x9A {
                bytes.append(ASCII.colon)  // fullwidth colon
                index += 3
                continue
            }
            if byte == ASCII.colon {
                // "De : x" and "De\u{A0}: x" (French typography) read as "De: x".
                if bytes.last == ASCII.space { bytes.removeLast() }
                if bytes.count >= 2, bytes[bytes.count - 2] == 0xC2, bytes[bytes.count - 1] == 0xA0 {
                    bytes.removeLast(2)
                }
            }
            bytes.append(byte < 0x80 ? ASCII.lower(byte) : byte)
            index += 1
        }
        guard !bytes.isASCII else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// Whether the lines from `start` form a header block: a From line and at least two other header lines
    /// within the next seven non-blank lines.
    private static func headerBlock(in lines: [ArraySlice<UInt8>], from start: Int) -> Bool {
        var sawFrom = false
        var others = 0
        var index = start
        var nonEmpty = 0
        var strays = 0
        while index < lines.count, nonEmpty < 7 {
            let raw = lines[index]
            index += 1
            if raw.allSatisfy(ASCII.isWhitespace) { continue }
            nonEmpty += 1
            let line = mayBeMarker(raw) ? text(raw) : ""
            if startsWithAny(line, fromNames), !sawFrom {
                sawFrom = true
            } else if startsWithAny(line, otherNames) {
                others += 1
            } else {
                // A wrapped value is one stray line; a second one means the block has ended (or never began).
                strays += 1
                if strays > 1 { break }
            }
        }
        return sawFrom && others >= 2
    }

    /// Where the first quote container starts in `html` (a UTF-8 offset), or the end.
    static func htmlCut(in html: String) -> String.Index {
        let bytes = Array(html.utf8)
        let markers = htmlMarkers.map { Array($0.utf8) }
        var position = 0
        while let open = findByte(ASCII.lessThan, in: bytes, from: position, to: bytes.count) {
            position = open + 1
            // Every marker opens a div, a blockquote or an hr.
            guard open + 3 < bytes.count else { break }
            let first = ASCII.lower(bytes[open + 1])
            guard first == UInt8(ascii: "d") || first == UInt8(ascii: "b") || first == UInt8(ascii: "h") else {
                continue
            }
            for marker in markers where open + marker.count <= bytes.count {
                var matches = true
                for offset in 1..<marker.count where ASCII.lower(bytes[open + offset]) != marker[offset] {
                    matches = false
                    break
                }
                guard matches else { continue }
                if first == UInt8(ascii: "b"), isIndentation(bytes, tagAt: open) { break }
                return html.utf8.index(html.startIndex, offsetBy: open)
            }
        }
        return html.endIndex
    }

    /// Whether the `<blockquote>` at `open` is Gmail's "Indent more" (`style="margin:0 0 0 40px;border:none;…"`):
    /// the sender's own formatting, not a quote.
    private static func isIndentation(_ bytes: [UInt8], tagAt open: Int) -> Bool {
        let end = findByte(ASCII.greaterThan, in: bytes, from: open, to: min(bytes.count, open + 400)) ?? open
        return findBytes(Array("border:none".utf8), in: bytes, from: open, to: end) != nil
            && findBytes(Array("40px".utf8), in: bytes, from: open, to: end) != nil
    }
}
