import Foundation
import PostdeskMail
import Testing

/// Issue 7 point 10, "Nothing of a customer's mail lost": attachments are byte-exact after transfer decoding and
/// every word of text is kept, in shapes from the wild built fresh here (the golden fixtures hold one of each).
///
/// The files are made here, and their SHA-256 digests were computed outside Postdesk (Python's `hashlib`), so a
/// wrong digest in the parser cannot agree with itself.
@Suite struct AttachmentFidelityTests {
    /// A CSV with CRLF line ends, non-ASCII names, a `=`, a blank before a line end and a line over 76 characters.
    static let csv: [UInt8] = Array(
        ("id;name;amount;note\r\n1;Jürgen Müller;12,50;\r\n2;\"Smith, J.\";=7,00 ;trailing blank before CRLF\r\n"
            + "3;Łukasz Żółć;100,00;"
            + String(
                repeating: "a long note that goes past seventy-six characters so the encoder has to break it softly ",
                count: 2) + "\r\n").utf8)
    static let csvSHA256 = "b7f65b8a3325bed1d5a53373475fb07b6bb5fd18cbfa3e749c172908373f6118"

    /// PDF-like binary: every byte value both ways round, CRLF, bare LF, bare CR and NUL.
    static let pdf: [UInt8] =
        Array("%PDF-1.4\r\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + Array("\r\n".utf8) + (0...255).map { UInt8($0) }
        + Array("\n\r\r\n\0stream\r\n".utf8) + (0...255).reversed().map { UInt8($0) }
        + Array("\r\nendstream\n%%EOF\r\n".utf8)
    static let pdfSHA256 = "0f00949423f2631e4d3b15d5bc1033529eded5b1f19f02de9a8c733209542254"

    /// How the message is stored: as sent (CRLF) or converted to the local convention (LF, mbox and Maildir).
    enum Storage: String, CaseIterable, CustomTestStringConvertible {
        case crlf, lf
        var testDescription: String { rawValue }
    }

    /// A message from text lines and raw byte blocks, with the storage's line ends between lines.
    static func message(_ pieces: [Piece], storage: Storage) -> [UInt8] {
        let lineEnd: [UInt8] = storage == .crlf ? [0x0D, 0x0A] : [0x0A]
        var bytes: [UInt8] = []
        for piece in pieces {
            switch piece {
            case .line(let text):
                bytes += Array(text.utf8) + lineEnd
            case .raw(let raw):
                bytes += raw + lineEnd
            }
        }
        return bytes
    }

    enum Piece {
        case line(String)
        case raw([UInt8])
    }

    static func lines(_ text: String) -> [Piece] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { .line(String($0)) }
    }

    /// Base64 in 76-character lines (RFC 2045 §6.8).
    static func base64Lines(_ data: [UInt8]) -> [Piece] {
        let encoded = Data(data).base64EncodedString()
        return stride(from: 0, to: encoded.count, by: 76).map { start in
            let from = encoded.index(encoded.startIndex, offsetBy: start)
            let to = encoded.index(from, offsetBy: min(76, encoded.count - start))
            return .line(String(encoded[from..<to]))
        }
    }

    /// Quoted-printable of data whose line breaks are CRLF (RFC 2045 §6.7): CRLF becomes a hard line break,
    /// `=`, controls, 8-bit bytes and a blank before a line end are escaped, lines are softly broken at 76.
    static func quotedPrintableLines(_ data: [UInt8]) -> [Piece] {
        var pieces: [Piece] = []
        var lines: [[UInt8]] = [[]]
        var index = 0
        while index < data.count {
            if data[index] == 0x0D, index + 1 < data.count, data[index + 1] == 0x0A {
                lines.append([])
                index += 2
                continue
            }
            lines[lines.count - 1].append(data[index])
            index += 1
        }
        for line in lines {
            var encoded = ""
            for (position, byte) in line.enumerated() {
                let last = position == line.count - 1
                if byte == 0x3D || byte > 0x7E || (byte < 0x20 && byte != 0x09)
                    || (last && (byte == 0x20 || byte == 0x09))
                {
                    encoded += String(format: "=%02X", byte)
                } else {
                    encoded += String(UnicodeScalar(byte))
                }
            }
            while encoded.count > 75 {
                var cut = encoded.index(encoded.startIndex, offsetBy: 75)
                if let equals = encoded[encoded.index(cut, offsetBy: -2)..<cut].firstIndex(of: "=") { cut = equals }
                pieces.append(.line(String(encoded[..<cut]) + "="))
                encoded = String(encoded[cut...])
            }
            pieces.append(.line(encoded))
        }
        return pieces
    }

    /// A multipart/mixed message: a text body, then one attachment with the given encoding and body.
    static func mailWithAttachment(
        name: String, type: String, encoding: String, body: [Piece], storage: Storage
    ) -> [UInt8] {
        var pieces = lines(
            """
            From: Anna <anna@example.com>
            To: support@example.test
            Subject: File
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b-1"

            --b-1
            Content-Type: text/plain; charset=utf-8

            The file is attached.
            --b-1
            Content-Type: \(type); name="\(name)"
            Content-Disposition: attachment; filename="\(name)"
            Content-Transfer-Encoding: \(encoding)

            """)
        pieces += body
        pieces.append(.line("--b-1--"))
        return message(pieces, storage: storage)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var encoding: String
        var file: String
        var storage: Storage
        var testDescription: String { "\(file) in \(encoding), stored \(storage.rawValue)" }
    }

    /// Every encoding over every storage where the bytes survive storage at all: 7bit, 8bit and binary carry
    /// the file's own line ends, which LF storage has already rewritten.
    static let cases: [Case] =
        Storage.allCases.flatMap { storage in
            [
                Case(encoding: "base64", file: "contract.pdf", storage: storage),
                Case(encoding: "base64", file: "export.csv", storage: storage),
                Case(encoding: "quoted-printable", file: "export.csv", storage: storage),
            ]
        } + [
            Case(encoding: "7bit", file: "plain.csv", storage: .crlf),
            Case(encoding: "8bit", file: "export.csv", storage: .crlf),
            Case(encoding: "binary", file: "export.csv", storage: .crlf),
            Case(encoding: "binary", file: "contract.pdf", storage: .crlf),
        ]

    static let plainCSV: [UInt8] = Array("id;name\r\n1;Anna Berg\r\n2;Bob  \r\n".utf8)
    static let plainCSVSHA256 = "9fba28021266eb794895cdb8d78f5459bdbbbbae6bfdb1c059b758b03ddde064"

    @Test(arguments: cases)
    func attachmentIsByteExact(_ testCase: Case) throws {
        // Given a file and a message carrying it in the case's encoding
        let (file, digest, type): ([UInt8], String, String) =
            switch testCase.file {
            case "contract.pdf": (Self.pdf, Self.pdfSHA256, "application/pdf")
            case "plain.csv": (Self.plainCSV, Self.plainCSVSHA256, "text/csv")
            default: (Self.csv, Self.csvSHA256, "text/csv")
            }
        let body: [Piece] =
            switch testCase.encoding {
            case "base64": Self.base64Lines(file)
            case "quoted-printable": Self.quotedPrintableLines(file)
            default: [.raw(file)]  // the line break after the file belongs to the delimiter
            }
        let raw = Self.mailWithAttachment(
            name: testCase.file, type: type, encoding: testCase.encoding, body: body, storage: testCase.storage)
        // When it is parsed
        let mail = try MailParser().parse(raw)
        // Then the attachment is the file, byte for byte, and the text is whole
        let attachment = try #require(mail.attachments.first)
        #expect(mail.attachments.count == 1)
        #expect(attachment.filename == testCase.file)
        #expect(attachment.data == file)
        #expect(attachment.sha256 == digest)
        #expect(attachment.size == file.count)
        #expect(mail.text == "The file is attached.")
    }
}
