import PostdeskMail
import Testing

/// `[#N]` in subjects: found only in its exact form, added once.
@Suite struct SubjectTagTests {
    @Test(
        "the first well-formed [#N] names the ticket",
        arguments: [
            ("[#12] Printer on fire", Int64?(12)),
            ("Re: [#12] Printer on fire", 12),
            ("AW: Re: Printer [#7]", 7),
            ("[#5] and [#6]", 5),
            ("[#[#7] nested", 7),
            ("[#x] then [#8]", 8),
            ("[#0]", nil),
            ("[#]", nil),
            ("[# 7]", nil),
            ("[#-3]", nil),
            ("[#12", nil),
            ("[#1a]", nil),
            ("[#١٢]", nil),
            ("[#99999999999999999999]", nil),
            ("#12 Printer", nil),
            ("", nil),
        ]
    )
    func number(subject: String, expected: Int64?) {
        #expect(SubjectTag.number(in: subject) == expected)
    }

    @Test(
        "tagging adds [#N] in front, once",
        arguments: [
            ("Printer on fire", "[#12] Printer on fire"),
            ("Re: Printer on fire", "[#12] Re: Printer on fire"),
            ("Re: [#12] Printer on fire", "Re: [#12] Printer on fire"),
            ("[#3] Printer on fire", "[#12] [#3] Printer on fire"),
            ("", "[#12] "),
        ]
    )
    func tagged(subject: String, expected: String) {
        #expect(SubjectTag.tagged(subject, number: 12) == expected)
        #expect(SubjectTag.number(in: SubjectTag.tagged(subject, number: 12)) == 12)
    }
}
