import Testing

@testable import PostdeskMail

/// Every inbound mail goes through the forward reader before anyone knows who sent it: hostile shapes stay linear.
@Suite struct ForwardScalingTests {
    @Test("a forward block followed by a million blank lines is read in one pass")
    func blankLines() throws {
        let body =
            "Hi\n\n---------- Forwarded message ---------\nFrom: Ivan <ivan@example.ru>\nSubject: x\n\n"
            + String(repeating: "\n", count: 1_000_000) + "The original.\n" + String(repeating: ">\n", count: 200_000)
        let raw = Array("From: a@example.test\r\nTo: b@example.test\r\nSubject: Fwd: x\r\n\r\n\(body)".utf8)
        let forwarded = try #require(ForwardedMessage.read(try MailParser().parse(raw)))
        #expect(forwarded.from.address == "ivan@example.ru")
        #expect(forwarded.text.isEmpty || forwarded.text.hasPrefix("The original."))
    }
}
