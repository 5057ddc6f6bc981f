/// Where quoted history starts in a reply, for the mailers Postdesk's customers use: Gmail, Outlook
/// (English, German, Russian headers), Apple Mail, Thunderbird, Yahoo, mail.ru and Yandex.
enum QuoteMarkers {
    /// Lines that start the forwarded or original message (compared lowercased, dashes and blanks trimmed).
    private static let separatorLines: [String] = [
        "original message", "ursprüngliche nachricht", "original-nachricht", "исходное сообщение",
        "пересылаемое сообщение", "forwarded message", "weitergeleitete nachricht", "message d'origine",
        "mensaje original", "messaggio originale", "oorspronkelijk bericht", "оригинальное сообщение",
        "message transféré", "begin forwarded message:", "anfang der weitergeleiteten nachricht:",
    ]
    /// Header names of Outlook-style reply blocks: From / Sent / To / Subject in English, German, Russian,
    /// French, Spanish.
    private static let fromNames = ["from:", "von:", "от:", "от кого:", "de:", "absender:"]
    private static let otherNames = [
        "sent:", "date:", "to:", "subject:", "cc:", "gesendet:", "datum:", "an:", "betreff:", "kopie:",
        "отправлено:", "дата:", "кому:", "тема:", "копия:", "envoyé:", "à:", "objet:", "enviado:", "para:", "asunto:",
    ]
    /// Endings of attribution lines ("On … wrote:").
    private static let attributionEndings = [
        "wrote:", "schrieb:", "пишет:", "написал(а):", "написал:", "написала:", "a écrit :", "a écrit:",
        "escribió:", "ha scritto:", "schreef:", "skrev:",
    ]
    private static let attributionStarts = ["on ", "am ", "le ", "el ", "il ", "op ", "den "]

    /// Signature lines mobile and web clients add under what the sender typed (compared lowercased, as
    /// prefixes of a short line).
    private static let clientSignatures: [String] = [
        "sent from my ", "sent from mail for windows", "sent from outlook", "get outlook for ", "sent from yahoo mail",
        "sent from the yahoo mail", "sent from samsung", "sent from my samsung", "sent via the samsung",
        "sent from yandex", "sent from mail.ru", "von meinem iphone gesendet", "von meinem ipad gesendet",
        "von meinem samsung", "von meinem smartphone gesendet", "gesendet von meinem", "gesendet von iphone",
        "gesendet mit der", "von meinem mobilgerät gesendet", "отправлено с iphone", "отправлено с ipad",
        "отправлено с моего", "отправлено из мобильной почты mail.ru", "отправлено из мобильной яндекс.почты",
        "отправлено из яндекс.почты", "отправлено из приложения", "envoyé de mon iphone", "envoyé de mon ipad",
        "enviado desde mi iphone", "enviado do meu iphone", "inviato da iphone", "inviato dal mio iphone",
    ]

    /// Whether `line` is a client's "Sent from my iPhone" signature (RFC 3676 §4.3 separators are handled by the
    /// caller).
    static func isClientSignature(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.trimmedWhitespace()
        guard trimmed.count >= 12, trimmed.count < 90 else { return false }
        let first = ASCII.lower(trimmed[trimmed.startIndex])
        // Cheap pre-check on the first byte: s, g, v, e, i, or the UTF-8 lead byte of Cyrillic "о".
        guard first == UInt8(ascii: "s") || first == UInt8(ascii: "g") || first == UInt8(ascii: "v")
            || first == UInt8(ascii: "e") || first == UInt8(ascii: "i") || first == 0xD0
        else { return false }
        let text = String(decoding: trimmed, as: UTF8.self).lowercased()
        return clientSignatures.contains { text.hasPrefix($0) }
    }

    /// The index of the first line that starts quoted history, or nil.
    static func firstMarker(in lines: [ArraySlice<UInt8>]) -> Int? {
        for (index, rawLine) in lines.enumerated() {
            guard mayBeMarker(rawLine) || (index + 1 < lines.count && endsWithColon(lines[index + 1]))
            else { continue }
            let line = text(rawLine)
            if line.isEmpty { continue }
            if isSeparatorLine(line) { return index }
            if line.hasPrefix("___") && line.allSatisfy({ $0 == "_" }) && line.count >= 10,
                headerBlock(in: lines, from: index + 1)
            {
                return index
            }
            if fromNames.contains(where: { line.hasPrefix($0) }), headerBlock(in: lines, from: index) { return index }
            if isAttribution(line) { return index }
            // "On Mon, 1 Jan 2024 at 10:00, Name <a@b>" + next line "wrote:" (clients wrap long lines).
            if attributionStarts.contains(where: { line.hasPrefix($0) }), index + 1 < lines.count {
                let next = text(lines[index + 1])
                if attributionEndings.contains(where: { next.hasSuffix($0) }), next.count < 120 { return index }
            }
        }
        return nil
    }

    /// A cheap pre-check: markers have a colon early (header lines) or at the end (attributions), or start
    /// with a dash or underscore (separator lines).
    private static func mayBeMarker(_ line: ArraySlice<UInt8>) -> Bool {
        var start = line.startIndex
        while start < line.endIndex, ASCII.isWhitespace(line[start]) || line[start] == ASCII.greaterThan
            || line[start] == ASCII.asterisk
        {
            start += 1
        }
        guard start < line.endIndex else { return false }
        let first = line[start]
        // "Begin forwarded message:", "Am … schrieb:" and the like end in a colon (or their next line does,
        // which the caller checks), so only separator lines need a look by their first byte.
        if first == ASCII.minus || first == ASCII.underscore { return true }
        if endsWithColon(line) { return true }
        let early = line[start..<min(line.endIndex, start + 40)]
        return early.contains(ASCII.colon)
    }

    /// Whether the last non-blank byte is a colon.
    private static func endsWithColon(_ line: ArraySlice<UInt8>) -> Bool {
        var end = line.endIndex
        while end > line.startIndex, ASCII.isWhitespace(line[end - 1]) || line[end - 1] == ASCII.asterisk { end -= 1 }
        return end > line.startIndex && line[end - 1] == ASCII.colon
    }

    private static func isSeparatorLine(_ line: String) -> Bool {
        guard line.hasPrefix("--") || line.hasPrefix("__") || line.hasPrefix("begin ") || line.hasPrefix("anfang ")
        else { return false }
        let core = line.trimmingCharacters("-_ \t")
        return separatorLines.contains(core)
    }

    private static func isAttribution(_ line: String) -> Bool {
        guard line.utf8.count < 400 else { return false }
        if attributionEndings.contains(where: { line.hasSuffix($0) }) { return true }
        guard line.hasSuffix(":") else { return false }
        // "<address>:" after a date: mail.ru ("Понедельник, 1 января 2024, 10:00 +03:00 от Имя <a@b>:"), Yandex
        // ("31.01.2024, 10:00, "Имя" <a@b>:"), Gmail in Russian ("ср, 31 янв. 2024 г. в 10:00, Имя <a@b>:") and
        // German ("Am Mi., 31. Jan. 2024 um 10:00 Uhr schrieb Max <max@example.de>:").
        if line.hasSuffix(">:"), line.containsBytes("@"), line.utf8.contains(where: ASCII.isDigit) { return true }
        // Thunderbird and Apple Mail in German: "Am 31.01.24 um 10:00 schrieb Max Mustermann:".
        return line.hasPrefix("am ") && line.containsBytes(" schrieb ") && line.utf8.contains(where: ASCII.isDigit)
    }

    /// Whether the lines from `start` form a header block: a From line and at least two other header lines
    /// within the next six lines.
    /// A line as lowercased text without surrounding blanks, quote marks and bold asterisks.
    private static func text(_ line: ArraySlice<UInt8>) -> String {
        String(decoding: line, as: UTF8.self).trimmingCharacters(" \t\r*>").lowercased()
    }

    private static func headerBlock(in lines: [ArraySlice<UInt8>], from start: Int) -> Bool {
        var sawFrom = false
        var others = 0
        var index = start
        var nonEmpty = 0
        while index < lines.count, nonEmpty < 7 {
            guard mayBeMarker(lines[index]) || lines[index].allSatisfy(ASCII.isWhitespace) else {
                index += 1
                nonEmpty += 1
                continue
            }
            let line = text(lines[index])
            index += 1
            if line.isEmpty { if sawFrom { continue } else { continue } }
            nonEmpty += 1
            if fromNames.contains(where: { line.hasPrefix($0) }) {
                sawFrom = true
            } else if otherNames.contains(where: { line.hasPrefix($0) }) {
                others += 1
            }
        }
        return sawFrom && others >= 2
    }

    /// HTML containers that hold the quoted message, lowercased fragments.
    private static let htmlMarkers: [String] = [
        "<div class=\"gmail_quote", "<div class=\"gmail_extra", "<div id=\"divrplyfwdmsg", "<div id=\"appendonsend",
        "<div class=\"moz-cite-prefix", "<blockquote", "<div class=\"yahoo_quoted", "<div id=\"yahoo_quoted",
        "<hr id=\"stopspelling", "<div class=\"outlookmessageheader", "<div id=\"mail-editor-reference-message",
        "<div class=\"x_gmail_quote", "<div data-marker=\"__quoted_text__", "<div style=\"border:none;border-top:solid #e1e1e1",
        "<div style=\"border:none;border-top:solid #b5c4df", "<div class=\"protonmail_quote",
    ]

    /// Where the first quote container starts in `html` (a UTF-8 offset), or the end.
    static func htmlCut(in html: String) -> String.Index {
        let bytes = Array(html.utf8)
        let markers = htmlMarkers.map { Array($0.utf8) }
        var position = 0
        while let open = findByte(ASCII.lessThan, in: bytes, from: position, to: bytes.count) {
            for marker in markers where open + marker.count <= bytes.count {
                var matches = true
                for offset in 1..<marker.count where ASCII.lower(bytes[open + offset]) != marker[offset] {
                    matches = false
                    break
                }
                if matches { return html.utf8.index(html.startIndex, offsetBy: open) }
            }
            position = open + 1
        }
        return html.endIndex
    }
}
