import Testing

@testable import PostdeskWeb

/// The console's reply and note forms arrive as `multipart/form-data`: text fields and files, from a hostile
/// browser.
@Suite struct MultipartFormTests {
    static func body(_ parts: [String], boundary: String = "XyZ") -> [UInt8] {
        Array((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n").utf8)
    }

    @Test("text fields and files are read; an empty file input is dropped; the first of a repeated field wins")
    func parses() throws {
        let body = Self.body([
            "Content-Disposition: form-data; name=\"text\"\r\n\r\nHello\r\n--not the boundary\r\nbye",
            "Content-Disposition: form-data; name=\"text\"\r\n\r\nsecond",
            "Content-Disposition: form-data; name=\"files\"; filename=\"a \\\"b\\\"; c.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nfile bytes",
            "Content-Disposition: form-data; name=\"files\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n",
        ])
        let form = try #require(MultipartForm.parse(body, boundary: "XyZ"))
        #expect(form.fields == ["text": "Hello\r\n--not the boundary\r\nbye"])
        let files = form.files["files"] ?? []
        #expect(files.map(\.filename) == ["a \"b\"; c.txt"])
        #expect(files.map { String(decoding: $0.bytes, as: UTF8.self) } == ["file bytes"])
        #expect(files.map(\.contentType) == ["text/plain"])
    }

    @Test(
        "the boundary comes from the content type, quoted or not; anything else is not a multipart form",
        arguments: [
            ("multipart/form-data; boundary=abc", "abc"),
            ("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", "a b"),
            ("application/x-www-form-urlencoded", nil), ("multipart/form-data", nil),
            ("multipart/form-data; boundary=", nil),
        ] as [(String, String?)])
    func boundary(type: String, expected: String?) {
        #expect(MultipartForm.boundary(contentType: type) == expected)
    }

    @Test(
        "garbage gives nil or no fields, never a crash", arguments: ["", "--XyZ", "--XyZ\r\n", "--XyZ\r\nno headers"])
    func garbage(text: String) {
        let form = MultipartForm.parse(Array(text.utf8), boundary: "XyZ")
        #expect(form == nil || (form?.fields.isEmpty == true && form?.files.isEmpty == true))
    }
}
