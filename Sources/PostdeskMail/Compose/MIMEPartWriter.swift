import Foundation

/// Writing the body of a composed mail as a tree of MIME parts (RFC 2045, RFC 2046 §5.1, RFC 2387): text leaves in
/// quoted-printable UTF-8, files in base64 lines of 76 columns, multiparts around them with boundaries checked not
/// to occur in what they enclose.
enum MIMEPartWriter {
    /// One body part: a leaf with its header lines and encoded body, or a multipart of parts.
    indirect enum Part {
        case leaf(headers: [String], body: [UInt8])
        /// `multipart/<subtype>`, with extra Content-Type parameters already written (`type="text/html"`).
        case multipart(subtype: String, parameters: String, parts: [Part])
    }

    /// A `text/<subtype>` leaf in UTF-8 quoted-printable (RFC 2045 §6.7).
    static func text(_ subtype: String, _ content: String) -> Part {
        .leaf(
            headers: ["Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"],
            body: Array(QuotedPrintableEncoder.encode(content).utf8))
    }

    /// A file leaf: Content-Type with an RFC 2047 `name` for old clients, Content-Disposition with the RFC 2231
    /// `filename` (RFC 2183 §2.3), the Content-ID when there is one, and the bytes in base64.
    /// - Parameters:
    ///   - file: the attachment.
    ///   - inline: `inline` rather than `attachment` disposition.
    /// - Throws: ``ComposeError`` when the Content-ID could not stand between angle brackets.
    static func file(_ file: ComposedAttachment, inline: Bool) throws(ComposeError) -> Part {
        let name = file.safeFilename
        var headers = [
            "Content-Type: \(file.safeContentType);\r\n \(encodedWordParameter("name", name))",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: \(inline ? "inline" : "attachment");\r\n \(rfc2231Parameter("filename", name))",
        ]
        if let contentID = file.contentID {
            // ASCII only: a part header has no RFC 6532 excuse, and `cid:` URLs are ASCII (RFC 2392).
            guard contentID.unicodeScalars.allSatisfy(\.isASCII) else {
                throw ComposeError(field: "Content-ID", message: "a Content-ID that is not printable ASCII")
            }
            headers.append("Content-ID: \(try HeaderEncoding.messageID(contentID, field: "Content-ID"))")
        }
        return .leaf(headers: headers, body: base64Lines(file.bytes))
    }

    /// The part's header lines and body. A multipart's boundary is `=_postdesk_<kind>_<hash>`: `=_` occurs in no
    /// quoted-printable or base64 text, and the hash of `seed` keeps output byte-stable; still, the enclosed bytes
    /// are searched, and a boundary found there is replaced (RFC 2046 §5.1.1).
    /// - Parameters:
    ///   - part: the part.
    ///   - seed: where boundaries come from (a hash of the Message-ID).
    ///   - preamble: write the note for non-MIME readers before the first boundary (top level only).
    static func render(_ part: Part, seed: UInt64, preamble: Bool = false) -> (headers: [String], body: [UInt8]) {
        switch part {
        case .leaf(let headers, let body):
            return (headers, body)
        case .multipart(let subtype, let parameters, let parts):
            let children: [[UInt8]] = parts.enumerated().map { index, child in
                let rendered = render(child, seed: mix(seed, UInt64(index + 1)))
                return Array((rendered.headers.joined(separator: "\r\n") + "\r\n\r\n").utf8) + rendered.body
            }
            var boundary = ""
            var attempt = seed
            repeat {
                boundary = "=_postdesk_\(subtype.prefix(3))_\(String(attempt, radix: 36))"
                attempt = mix(attempt, 0x9E37_79B9_7F4A_7C15)
            } while children.contains { findBytes(Array("--\(boundary)".utf8), in: $0, from: 0) != nil }
            var body: [UInt8] = preamble ? Array("This is a multi-part message in MIME format.\r\n".utf8) : []
            for child in children {
                body += Array("--\(boundary)\r\n".utf8)
                body += child
                body += [13, 10]
            }
            body += Array("--\(boundary)--\r\n".utf8)
            return (["Content-Type: multipart/\(subtype);\(parameters) boundary=\"\(boundary)\""], body)
        }
    }

    /// FNV-1a over `text`'s UTF-8: the seed of the boundaries.
    static func seed(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    private static func mix(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        var x = (seed ^ value) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x &* 0x94D0_49BB_1331_11EB
    }

    /// Base64 (RFC 2045 §6.8) in CRLF-terminated lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> [UInt8] {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / 38 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += encoded[start..<end]
            out += [13, 10]
            start = end
        }
        return out
    }

    /// Whether `value` can be written as a plain quoted parameter: short printable ASCII without `"`, `\` or what
    /// a reader would take for an encoded word.
    private static func isPlainQuotable(_ value: String) -> Bool {
        value.utf8.count <= 60 && !value.contains("=?")
            && value.utf8.allSatisfy { $0 >= 32 && $0 < 127 && $0 != ASCII.quote && $0 != ASCII.backslash }
    }

    /// `name="value"`, or the value as RFC 2047 encoded words inside the quotes: not standard (RFC 2047 §5) but what
    /// clients that predate RFC 2231 read, and what Thunderbird and Outlook still write beside `filename*`.
    static func encodedWordParameter(_ attribute: String, _ value: String) -> String {
        if isPlainQuotable(value) { return "\(attribute)=\"\(value)\"" }
        return "\(attribute)=\"\(HeaderEncoding.encodedWords(value, offset: attribute.utf8.count + 3, always: true))\""
    }

    /// `name="value"`, or RFC 2231 §4 `name*=utf-8''%D0%98…`, split into `name*0*`, `name*1*`, … sections (§3) so
    /// that no line passes 78 columns.
    static func rfc2231Parameter(_ attribute: String, _ value: String) -> String {
        if isPlainQuotable(value) { return "\(attribute)=\"\(value)\"" }
        let hex = Array("0123456789ABCDEF".utf8)
        var sections: [String] = []
        var current: [UInt8] = []
        for byte in value.utf8 {
            let kept = ASCII.isAlpha(byte) || ASCII.isDigit(byte) || byte == 45 || byte == 46 || byte == 95
            let encoded = kept ? [byte] : [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            if current.count + encoded.count > 54 {
                sections.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current += encoded
        }
        sections.append(String(decoding: current, as: UTF8.self))
        if sections.count == 1 { return "\(attribute)*=utf-8''\(sections[0])" }
        return sections.enumerated().map { index, section in
            "\(attribute)*\(index)*=\(index == 0 ? "utf-8''" : "")\(section)"
        }.joined(separator: ";\r\n ")
    }
}
