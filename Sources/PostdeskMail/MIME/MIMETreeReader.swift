/// Builds the MIME tree of a message (RFC 2045 §2.4, RFC 2046 §5.1) within ``MailLimits``.
///
/// Never recurses past ``MailLimits/maxDepth`` (deeper multiparts are kept as opaque data), stops adding parts
/// at ``MailLimits/maxParts``, and reads an unterminated multipart up to the end of its parent.
struct MIMETreeReader {
    let raw: [UInt8]
    let limits: MailLimits
    let decoder: TextDecoder
    var partCount = 0

    init(raw: [UInt8], limits: MailLimits, decoder: TextDecoder) {
        self.raw = raw
        self.limits = limits
        self.decoder = decoder
    }

    /// Reads the entity occupying `range`.
    /// - Parameters:
    ///   - range: headers and body of the entity.
    ///   - depth: its nesting depth.
    ///   - parentType: the enclosing multipart's media type (for the `multipart/digest` default, §5.1.5).
    ///   - header: an already-read header section, if any.
    mutating func read(
        _ range: Range<Int>, depth: Int, parentType: String?, header: HeaderSection? = nil, warnings: inout WarningLog
    ) -> MIMEEntity {
        partCount += 1
        let section = header ?? HeaderSectionReader.read(raw, in: range, limits: limits, warnings: &warnings)
        let bodyRange = min(section.bodyStart, range.upperBound)..<range.upperBound
        var contentType: ParameterizedValue
        if let field = section.first("Content-Type") {
            contentType = ParameterizedValue(field.unfolded, decoder: decoder, warnings: &warnings)
            contentType.value = Self.normalizedMediaType(contentType.value, warnings: &warnings)
        } else {
            let implied = parentType == "multipart/digest" ? "message/rfc822" : "text/plain"
            contentType = ParameterizedValue(Array(implied.utf8), decoder: decoder, warnings: &warnings)
        }
        let disposition = section.first("Content-Disposition").map {
            ParameterizedValue($0.unfolded, decoder: decoder, warnings: &warnings)
        }
        let encoding =
            section.first("Content-Transfer-Encoding").map {
                String(decoding: $0.unfolded, as: UTF8.self).lowercased().trimmingCharacters(" \t\"';")
            } ?? "7bit"
        var entity = MIMEEntity(
            header: section, body: bodyRange, contentType: contentType, disposition: disposition,
            transferEncoding: encoding, depth: depth
        )
        guard entity.mediaType.hasPrefix("multipart/") else { return entity }
        guard depth < limits.maxDepth else {
            warnings.add("MIME nesting deeper than \(limits.maxDepth); inner parts kept as data")
            entity.isOpaque = true
            return entity
        }
        guard let split = split(bodyRange, declared: contentType["boundary"], depth: depth, warnings: &warnings)
        else {
            entity.contentType.value = "text/plain"
            return entity
        }
        for partRange in split.parts {
            if partCount >= limits.maxParts {
                warnings.add("more than \(limits.maxParts) MIME parts; the rest were ignored")
                break
            }
            entity.children.append(read(partRange, depth: depth + 1, parentType: entity.mediaType, warnings: &warnings))
        }
        return entity
    }

    /// Splits a multipart body at its declared boundary or, when that never appears, at the boundary of the
    /// body's first delimiter line (a warning says which); nil when neither splits it.
    private func split(_ body: Range<Int>, declared: String?, depth: Int, warnings: inout WarningLog)
        -> MultipartSplitter.Split?
    {
        let boundary = Array((declared ?? "").utf8)
        var split: MultipartSplitter.Split?
        if !boundary.isEmpty {
            split = splitNested(body, boundary: boundary, depth: depth)
        }
        if split?.parts.isEmpty ?? true {
            guard let recovered = MultipartSplitter.recoveredBoundary(raw, body: body),
                case let retry = splitNested(body, boundary: recovered, depth: depth), !retry.parts.isEmpty
            else {
                warnings.add(
                    boundary.isEmpty
                        ? "multipart without boundary; read as text"
                        : "multipart boundary never found; body read as text")
                return nil
            }
            let token = String(decoding: recovered, as: UTF8.self)
            warnings.add(
                boundary.isEmpty
                    ? "multipart without boundary; split at the body's first delimiter line --\(token)"
                    : "multipart boundary never found; split at the body's first delimiter line --\(token)")
            split = retry
        }
        guard let split else { return nil }
        if split.nestedReuse {
            warnings.add("a multipart part reuses its parent's boundary; read up to its own close delimiter")
        }
        if split.skippedClose {
            warnings.add("multipart close delimiter followed by more parts; read on to the last part")
        }
        if !split.closed { warnings.add("multipart not closed by its final boundary; read to the end") }
        return split
    }

    /// Splits at `boundary`, following body parts that declare the same boundary as nested multiparts.
    private func splitNested(_ body: Range<Int>, boundary: [UInt8], depth: Int) -> MultipartSplitter.Split {
        MultipartSplitter.split(raw, body: body, boundary: boundary, nesting: limits.maxDepth - depth - 1) {
            part in
            var quiet = WarningLog(limit: 1)
            let section = HeaderSectionReader.read(raw, in: part, limits: limits, warnings: &quiet)
            guard let field = section.first("Content-Type") else { return false }
            let type = ParameterizedValue(field.unfolded, decoder: decoder, warnings: &quiet)
            return type.value.hasPrefix("multipart/") && type["boundary"].map { Array($0.utf8) } == boundary
        }
    }

    /// Lowercased `type/subtype`; repairs a missing subtype or junk.
    static func normalizedMediaType(_ value: String, warnings: inout WarningLog) -> String {
        let trimmed = value.trimmingCharacters(" \t\"'")
        if trimmed.isEmpty { return "text/plain" }
        if !trimmed.contains("/") {
            switch trimmed {
            case "text": return "text/plain"
            case "html": return "text/html"
            default:
                warnings.add("Content-Type \(trimmed) has no subtype; read as application/octet-stream")
                return "application/octet-stream"
            }
        }
        guard trimmed.utf8.contains(where: { $0 == ASCII.space || $0 == ASCII.tab }) else { return trimmed }
        return trimmed.filter { $0 != " " && $0 != "\t" }
    }
}
