import Testing

@testable import PostdeskGateway

@Suite struct LanguageFilterTests {
    @Test(
        "Content-Language first, then mostly-Cyrillic text means ru, else the first language",
        arguments: [
            ([String](), "Printer", "It burns.", "en"),
            ([], "Принтер", "Горит синим пламенем.", "ru"),
            ([], "Re: Printer", "Горит синим пламенем, please help", "ru"),
            ([], "Printer on fire, please help us quickly", "ок", "en"),
            (["Content-Language: ru-RU"], "Printer", "It burns.", "ru"),
            (["Content-Language: fr"], "Imprimante", "Elle brûle.", "en"),
            ([], "", "12345 !!!", "en"),
        ]
    )
    func language(headers: [String], subject: String, body: String, expected: String) throws {
        let raw = eml(
            [
                "From: a@example.ru", "Subject: \(subject)", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8",
            ] + headers, body: body)
        #expect(try filtered(raw, by: LanguageFilter(available: ["en", "ru"])).language == expected)
    }

    @Test("without a Russian template, Cyrillic mail gets the fallback")
    func noRussianTemplate() throws {
        let raw = eml(
            ["From: a@example.ru", "Subject: Принтер", "Content-Type: text/plain; charset=utf-8"], body: "Горит")
        #expect(try filtered(raw, by: LanguageFilter(available: ["de", "en"])).language == "de")
    }
}
