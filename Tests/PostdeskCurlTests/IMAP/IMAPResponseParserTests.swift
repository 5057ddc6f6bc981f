import Testing

@testable import PostdeskCurl

/// Byte fixtures for the framing parser, each fed whole, split at every position, and one byte at a time.
struct IMAPResponseParserTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var wire: [UInt8]
        var expected: [IMAPResponse]
        var testDescription: String { name }

        init(_ name: String, _ wire: String, _ expected: [IMAPResponse]) {
            self.init(name, Array(wire.utf8), expected)
        }

        init(_ name: String, _ wire: [UInt8], _ expected: [IMAPResponse]) {
            self.name = name
            self.wire = wire
            self.expected = expected
        }
    }

    static func line(_ text: String) -> IMAPResponse { IMAPResponse(segments: [Array(text.utf8)]) }

    static let binaryBody: [UInt8] = Array(0...255) + Array("\r\n)\r\nP1 OK trap\r\n{5}\r\n".utf8)

    static let fixtures: [Fixture] = [
        Fixture("tagged OK", "P1 OK done\r\n", [line("P1 OK done")]),
        Fixture(
            "untagged then tagged", "* 3 EXISTS\r\n* OK [UIDVALIDITY 17] UIDs valid\r\nP2 OK [READ-WRITE] Select\r\n",
            [line("* 3 EXISTS"), line("* OK [UIDVALIDITY 17] UIDs valid"), line("P2 OK [READ-WRITE] Select")]),
        Fixture("continuation", "+ idling\r\n", [line("+ idling")]),
        Fixture("bare continuation", "+\r\n", [line("+")]),
        Fixture("bare LF tolerated", "* 1 EXISTS\nP1 OK x\n", [line("* 1 EXISTS"), line("P1 OK x")]),
        Fixture("stray empty line skipped", "\r\n* 1 EXISTS\r\n", [line("* 1 EXISTS")]),
        Fixture(
            "fetch with literal", "* 1 FETCH (UID 7 BODY[] {5}\r\nab\r\nc)\r\nP3 OK Fetch\r\n",
            [
                IMAPResponse(
                    segments: [Array("* 1 FETCH (UID 7 BODY[] ".utf8), Array(")".utf8)],
                    literals: [Array("ab\r\nc".utf8)]),
                line("P3 OK Fetch"),
            ]),
        Fixture(
            "empty literal", "* 2 FETCH (UID 9 BODY[] {0}\r\n)\r\n",
            [IMAPResponse(segments: [Array("* 2 FETCH (UID 9 BODY[] ".utf8), Array(")".utf8)], literals: [[]])]),
        Fixture(
            "two literals in one response", "* 1 FETCH (BODY[HEADER] {2}\r\nh\n BODY[TEXT] {3}\r\nxyz UID 4)\r\n",
            [
                IMAPResponse(
                    segments: [
                        Array("* 1 FETCH (BODY[HEADER] ".utf8), Array(" BODY[TEXT] ".utf8),
                        Array(" UID 4)".utf8),
                    ],
                    literals: [Array("h\n".utf8), Array("xyz".utf8)])
            ]),
        Fixture(
            "non-synchronizing and binary markers", "* 1 FETCH (BODY[] {3+}\r\nabc BINARY[] ~{2}\r\n\0\u{1})\r\n",
            [
                IMAPResponse(
                    segments: [Array("* 1 FETCH (BODY[] ".utf8), Array(" BINARY[] ".utf8), Array(")".utf8)],
                    literals: [Array("abc".utf8), [0, 1]])
            ]),
        Fixture(
            "literal holding CRLF, NUL, a fake tag and a fake marker",
            Array("* 1 FETCH (UID 2 BODY[] {\(binaryBody.count)}\r\n".utf8) + binaryBody + Array(")\r\nP9 OK\r\n".utf8),
            [
                IMAPResponse(
                    segments: [Array("* 1 FETCH (UID 2 BODY[] ".utf8), Array(")".utf8)],
                    literals: [binaryBody]),
                line("P9 OK"),
            ]),
        Fixture(
            "braces that are not a marker", "* OK {x}\r\n* OK {}\r\n* OK }\r\n",
            [line("* OK {x}"), line("* OK {}"), line("* OK }")]),
        Fixture(
            "continuation never starts a literal", "+ Ready for {5}\r\nP1 OK\r\n",
            [line("+ Ready for {5}"), line("P1 OK")]),
    ]

    @Test(arguments: fixtures)
    func wholeBuffer(_ fixture: Fixture) throws {
        var parser = IMAPResponseParser()
        parser.append(fixture.wire)
        #expect(try drain(&parser) == fixture.expected)
        #expect(parser.bufferedCount == 0)
    }

    @Test(arguments: fixtures)
    func splitAtEveryPosition(_ fixture: Fixture) throws {
        for cut in 0...fixture.wire.count {
            var parser = IMAPResponseParser()
            parser.append(Array(fixture.wire[..<cut]))
            var got = try drain(&parser)
            parser.append(Array(fixture.wire[cut...]))
            got += try drain(&parser)
            #expect(got == fixture.expected, "split at \(cut)")
        }
    }

    @Test(arguments: fixtures)
    func oneByteAtATime(_ fixture: Fixture) throws {
        var parser = IMAPResponseParser()
        var got: [IMAPResponse] = []
        for byte in fixture.wire {
            parser.append([byte])
            got += try drain(&parser)
        }
        #expect(got == fixture.expected)
    }

    @Test func incompleteLiteralWaits() throws {
        var parser = IMAPResponseParser()
        parser.append(Array("* 1 FETCH (BODY[] {10}\r\nabc".utf8))
        #expect(try parser.next() == nil)
        parser.append(Array("defghij)\r\n".utf8))
        #expect(try parser.next()?.literals == [Array("abcdefghij".utf8)])
    }

    @Test func refusesOverlongLine() {
        var parser = IMAPResponseParser(maxLineLength: 16)
        parser.append(Array("* OK this line is far too long\r\n".utf8))
        #expect(throws: IMAPResponseParser.Failure.lineTooLong(limit: 16)) { try parser.next() }
    }

    @Test func refusesOverlongLineBeforeItEnds() {
        var parser = IMAPResponseParser(maxLineLength: 16)
        parser.append(Array(repeating: UInt8(ascii: "x"), count: 17))
        #expect(throws: IMAPResponseParser.Failure.lineTooLong(limit: 16)) { try parser.next() }
    }

    @Test func refusesOversizedLiteral() {
        var parser = IMAPResponseParser(maxLiteralLength: 100)
        parser.append(Array("* 1 FETCH (BODY[] {101}\r\n".utf8))
        #expect(throws: IMAPResponseParser.Failure.literalTooLarge(size: 101, limit: 100)) { try parser.next() }
    }

    @Test func largeLiteralInChunksKeepsEveryByte() throws {
        // Given a 3 MB body with long lines arriving in 64 KiB pieces
        let body = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let wire = Array("* 1 FETCH (UID 1 BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\nP1 OK\r\n".utf8)
        var parser = IMAPResponseParser()
        var got: [IMAPResponse] = []
        // When fed piece by piece
        var start = 0
        while start < wire.count {
            let end = min(wire.count, start + 65_536)
            parser.append(Array(wire[start..<end]))
            got += try drain(&parser)
            start = end
        }
        // Then the literal is intact
        #expect(got.count == 2)
        #expect(got.first?.literals.first == body)
    }

    @Test(
        arguments: [
            ("{5}", 5, 0), ("x {12}", 12, 2), ("x {7+}", 7, 2), ("x ~{3}", 3, 2), ("{0}", 0, 0),
        ] as [(String, Int, Int)])
    func literalMarker(_ line: String, size: Int, start: Int) {
        let marker = IMAPResponseParser.literalMarker(in: Array(line.utf8))
        #expect(marker?.size == size)
        #expect(marker?.start == start)
    }

    @Test(arguments: ["{}", "{+}", "{x}", "5}", "{5", "{1234567890123}", ""])
    func notALiteralMarker(_ line: String) {
        #expect(IMAPResponseParser.literalMarker(in: Array(line.utf8)) == nil)
    }

    private func drain(_ parser: inout IMAPResponseParser) throws -> [IMAPResponse] {
        var out: [IMAPResponse] = []
        while let response = try parser.next() { out.append(response) }
        return out
    }
}
