import PostdeskMail
import Testing

/// Reply extraction over the quote styles of common mailers.
@Suite struct ReplyExtractionTests {
    static func parse(_ body: String, contentType: String = "text/plain; charset=utf-8") throws -> ParsedMail {
        let raw = "From: a@example.com\nSubject: Re: x\nContent-Type: \(contentType)\n\n\(body)"
        return try MailParser().parse(Array(raw.utf8))
    }

    @Test(arguments: [
        ("Yes.\n\nOn Tue, Jan 2, 2024 at 10:00 AM Bob <bob@example.com> wrote:\n> Question?\n", "Yes."),
        ("Yes.\n\nOn Tue, Jan 2, 2024 at 10:00 AM Bob <bob@example.com>\nwrote:\n> Question?\n", "Yes."),
        ("Ja.\n\nAm 02.01.2024 um 10:00 schrieb Bob:\n> Frage?\n", "Ja."),
        ("Да.\n\n02.01.2024, 10:00, \"Боб\" <bob@example.ru> пишет:\n> Вопрос?\n", "Да."),
        ("Да.\n\nВторник, 2 января 2024, 10:00 +03:00 от Боб <bob@example.ru>:\nВопрос?\n", "Да."),
        ("Да.\n\n-------- Исходное сообщение --------\nТема: x\n", "Да."),
        ("Fine.\n\n-----Original Message-----\nFrom: Bob\nSent: Monday\nTo: Alice\nSubject: x\n", "Fine."),
        (
            "Fine.\n\nFrom: Bob <bob@example.com>\nSent: Monday, 1 January 2024 10:00\nTo: Alice\nSubject: x\n\nOld",
            "Fine."
        ),
        ("Gut.\n\nVon: Bob <bob@example.com>\nGesendet: Montag, 1. Januar 2024 10:00\nAn: Alice\nBetreff: x\n", "Gut."),
        ("Answer one.\n> quoted one\nAnswer two.\n> quoted two\n", "Answer one.\nAnswer two."),
        ("Thanks!\n\n-- \nBob\nCEO", "Thanks!"),
        ("No markers at all.\nSecond line.", "No markers at all.\nSecond line."),
        ("New text\n##- Please type your reply above this line -##\nTicket history", "New text"),
        // Yahoo Mail (web and apps)
        (
            "Sure.\n\nOn Wednesday, January 31, 2024 at 10:00:00 AM GMT+1, Bob Smith <bob@example.com> wrote:\n\n\nQ?\n",
            "Sure."
        ),
        (
            "Sure.\n\nSent from Yahoo Mail for iPhone\n\nOn Wednesday, January 31, 2024, 10:00, Bob <bob@example.com> wrote:\n",
            "Sure."
        ),
        ("Sure.\n\n----- Forwarded Message -----\nFrom: Bob <bob@example.com>\nTo: Alice\nSent: Wednesday\n", "Sure."),
        // Yandex (web, English and Russian UI), Gmail in Russian, mail.ru's mobile signature
        ("Да.\n\n31.01.2024, 10:00, \"Боб\" <bob@yandex.ru>:\n> Вопрос?\n", "Да."),
        ("Yes.\n\n31.01.2024, 10:00, \"Bob\" <bob@yandex.ru>:\nQuestion without quote marks\n", "Yes."),
        ("Да.\n\nср, 31 янв. 2024 г. в 10:00, Боб <bob@gmail.com>:\n\n> Вопрос?\n", "Да."),
        ("Да.\n\n--\nОтправлено из мобильной Почты Mail.ru\n", "Да."),
        (
            "Да.\n\nОтправлено из мобильной Почты Mail.ru\n\nСреда, 31 января 2024, 10:00 +03:00 от Боб <bob@mail.ru>:\n",
            "Да."
        ),
        ("Да.\n\nОтправлено из Яндекс.Почты для iPhone\n", "Да."),
        // iPhone / iPad and other mobile signatures, before or without quoted history
        (
            "OK, thanks!\n\nSent from my iPhone\n\n> On 31 Jan 2024, at 10:00, Bob <bob@example.com> wrote:\n> Q?\n",
            "OK, thanks!"
        ),
        ("OK\n\nSent from my iPad", "OK"),
        (
            "Passt.\n\nVon meinem iPhone gesendet\n\n> Am 31.01.2024 um 10:00 schrieb Bob <bob@example.com>:\n> Frage?\n",
            "Passt."
        ),
        (
            "OK\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\nFrom: Bob\nSent: x\nTo: y\n",
            "OK"
        ),
        // German attributions: Gmail, Apple Mail and Thunderbird ("schrieb" before the name)
        ("Ja.\n\nAm Mi., 31. Jan. 2024 um 10:00 Uhr schrieb Bob Smith <bob@example.com>:\n\n> Frage?\n", "Ja."),
        ("Ja.\n\nAm 31.01.24 um 10:00 schrieb Bob Smith:\nFrage ohne Zitatzeichen\n", "Ja."),
        // Outlook in Russian: the header block and the "Исходное сообщение" separator
        (
            "Готово.\n\nОт: Боб Смит <bob@example.ru>\nОтправлено: 31 января 2024 г. 10:00\nКому: support@example.ru\n"
                + "Тема: RE: Счёт\n\nСтарый текст\n", "Готово."
        ),
        ("Готово.\n\n-----Исходное сообщение-----\nОт: Боб\nОтправлено: среда\nКому: support\nТема: Счёт\n", "Готово."),
        // Words that only look like markers stay
        ("Hi.\nSent from my desk at home, all fine.\nBye.", "Hi.\nSent from my desk at home, all fine.\nBye."),
        ("Am Montag schreibe ich dir mehr.\nGruß", "Am Montag schreibe ich dir mehr.\nGruß"),
    ])
    func plainText(body: String, expected: String) throws {
        #expect(try Self.parse(body).reply == expected)
    }

    @Test(arguments: [
        ("<div>Yes.</div><div class=\"gmail_quote\">On Tue Bob wrote:<blockquote>Q?</blockquote></div>", "Yes."),
        ("<p>Fine.</p><div id=\"divRplyFwdMsg\"><b>From:</b> Bob</div><div>Old</div>", "Fine."),
        (
            "<p>Ok</p><div class=\"moz-cite-prefix\">On 01.01.24 Bob wrote:</div><blockquote type=\"cite\">Q</blockquote>",
            "Ok"
        ),
        ("<div>Ok</div><div class=\"yahoo_quoted\">Old</div>", "Ok"),
        // Gmail's "Indent more" is a blockquote too, but the sender's own text
        (
            "<div>Steps:</div><blockquote style=\"margin:0 0 0 40px;border:none;padding:0px\"><div>restart</div>"
                + "</blockquote><div>Thanks</div>", "Steps:\nrestart\nThanks"
        ),
        ("<div>Danke</div><div name=\"quote\"><b>Gesendet:</b> Mittwoch</div>", "Danke"),
        (
            "<div>OK</div><div><br><div>Sent from my iPhone</div><div><br>On 31 Jan 2024, at 10:00, Bob wrote:<br></div>"
                + "<blockquote type=\"cite\">Q?</blockquote></div>", "OK"
        ),
        (
            "<div>Да.</div><div>&nbsp;</div><div>31.01.2024, 10:00, \"Боб\" &lt;bob@yandex.ru&gt;:</div>"
                + "<blockquote>Вопрос?</blockquote>", "Да."
        ),
    ])
    func html(body: String, expected: String) throws {
        #expect(try Self.parse(body, contentType: "text/html; charset=utf-8").reply == expected)
    }

    /// Attributions and header blocks in the other languages Gmail, Outlook, Thunderbird and Apple Mail write,
    /// including the wraps Gmail puts into long attribution lines and French spacing before colons.
    @Test(arguments: [
        "Le mer. 31 janv. 2024 à 10:00, Support <support@example.com> a\nécrit :\n\n> Bonjour",
        "De : Support <support@example.com>\nEnvoyé : mercredi 31 janvier 2024 10:00\nÀ : Bob\nObjet : RE: x\n\nBonjour",
        "El mié, 31 ene 2024 a las 10:00, Support (<support@example.com>)\nescribió:\n\n> Hola",
        "De: Support <support@example.com>\nEnviado el: miércoles, 31 de enero de 2024 10:00\nPara: Bob\nAsunto: RE: x\n",
        "Em qua., 31 de jan. de 2024 às 10:00, Support <support@example.com>\nescreveu:\n\n> Olá",
        "De: Support <support@example.com>\nEnviada em: quarta-feira, 31 de janeiro de 2024 10:00\nPara: Bob\nAssunto: x\n",
        "Il giorno mer 31 gen 2024 alle ore 10:00 Support <support@example.com>\nha scritto:\n\n> Ciao",
        "Da: Support <support@example.com>\nInviato: mercoledì 31 gennaio 2024 10:00\nA: Bob\nOggetto: R: x\n\nCiao",
        "Op wo 31 jan 2024 om 10:00 schreef Support <support@example.com>:\n\n> Hallo",
        "Van: Support <support@example.com>\nVerzonden: woensdag 31 januari 2024 10:00\nAan: Bob\nOnderwerp: RE: x\n",
        "śr., 31 sty 2024 o 10:00 Support <support@example.com> napisał(a):\n\n> Cześć",
        "Od: Support <support@example.com>\nWysłane: środa, 31 stycznia 2024 10:00\nDo: Bob\nTemat: RE: x\n",
        "st 31. 1. 2024 v 10:00 odesílatel Support <support@example.com>\nnapsal:\n\n> Ahoj",
        "Den ons 31 jan. 2024 kl 10:00 skrev Support <support@example.com>:\n\n> Hej",
        "Support <support@example.com>, 31 Oca 2024 Çar, 10:00 tarihinde şunu\nyazdı:\n\n> Merhaba",
        "ср, 31 січ. 2024 р. о 10:00 Support <support@example.com> пише:\n\n> Привіт",
        "31.01.2024 10:00, Support пишет:\n> Привет",
        "> 31 янв. 2024 г., в 10:00, Support <support@example.com> написал(а):\n> \n> Привет",
        "2024年1月31日(水) 10:00 Support <support@example.com>:\n\n> こんにちは",
        "Support <support@example.com> 于2024年1月31日周三 10:00写道：\n\n> 你好",
        "发件人: Support <support@example.com>\n发送时间: 2024年1月31日 10:00\n收件人: Bob\n主题: 回复: x\n",
        "Sent from Yahoo Mail on Android\n\n  On Wed, 31 Jan 2024 at 10:00, Support<support@example.com> wrote:   Hello",
        "Sent with Proton Mail secure email.\n\nOn Wednesday, January 31st, 2024 at 10:00, Support <support@example.com> wrote:\n\n> Hi",
        "-- \nОтправлено из мобильной Яндекс Почты\n\n31.01.2024, 10:00, \"Support\" <support@example.com>:\n> Привет",
        "Gesendet: Mittwoch, 31. Januar 2024 um 10:00 Uhr\nVon: \"Support\" <support@example.com>\nAn: bob@example.de\nBetreff: Re: x\nHallo",
        "----- Ursprüngliche Mail -----\nVon: \"Support\" <support@example.com>\nAn: bob@example.de\nGesendet: Mittwoch\n",
        "Quoting Support <support@example.com>:\n\n> Hello",
        "Support <support@example.com> wrote on 31.01.2024 10:00:00:\n\nHello",
        "\u{A0}\n\u{A0}\n-------- Original message --------\nFrom: Support\nDate: 31/01/2024\nTo: bob@example.com\n",
    ])
    func otherLanguages(history: String) throws {
        let reply = try Self.parse("Typed answer.\n\n" + history + "\n").reply
        #expect(reply == "Typed answer.", "\(history)")
    }

    /// Shapes found by running public reply-parser fixtures through the extractor (none of their text is here).
    @Test(arguments: [
        // An attribution wrapped over three lines, the address alone on the middle one
        ("Works.\n\nOn Dec 16, 2011, at 12:47 PM, Corey Smith\n<reply@example.com>\nwrote:\n\n> Old", "Works."),
        // No colon after "wrote" (and Zoho's dashes around it)
        ("Works.\n\nOn Wed, 14 Nov 2018 08:14:43 -0200 John Doe <john@example.com> wrote\n\nOld", "Works."),
        ("Works.\n\n---- On Wed, 24 Feb 2021 14:02:50 +0530 john@example.com wrote ----\n\nOld", "Works."),
        // Bottom-posting: the answer under the quote is the sender's too
        (
            "Hi,\nOn Tue, 2011-03-01 at 18:02 +0530, Abhishek wrote:\n> How do I clear a bucket?\n\nList the keys first.",
            "Hi,\n\nList the keys first."
        ),
        // The sender's own line ending in a colon stays above their quote
        (
            "I wanted to respond to your points:\n\n> First point\n\nMy response.",
            "I wanted to respond to your points:\n\nMy response."
        ),
        // The Outlook apps put the answered message straight under their line, quoted or not
        ("Works.\n\nGesendet von Outlook für Android<https://aka.ms/x>\n\nHi there!", "Works."),
        ("Works.\n\nTélécharger Outlook pour iOS<https://aka.ms/x>\n\nBonjour", "Works."),
        // A "From:" line of the sender's own is not a header block; the real one below is
        (
            "From: the team\nThanks.\n\nFrom: CRM [crm@example.com]\nSent: Friday\nTo: John\nSubject: x\n\n> Old",
            "From: the team\nThanks."
        ),
        // Header fields on one line
        ("Works.\n\nDate: Tue, 2 Oct 2012 02:35:10 +0000 From: a@example.com To: Bob Subject: x\n\nOld", "Works."),
        // French webmail block under a rule, and Danish Outlook's separator
        (
            "Merci.\n\n====\n\nMessage du : 12/12/2016 13:20\nDe : \"Support\" <s@example.com>\nA : a@example.fr\n"
                + "Copie à :\nSujet : x\n\nOld", "Merci."
        ),
        ("Tak.\n\n-------- Oprindelig besked --------\nFra: Support\nDato: 1.2.2024\nTil: Bob\n", "Tak."),
        // Image placeholders of the plain alternative are not typed text
        (
            "Thanks\n\nBob Smith\n[cid:image001.png@01DA5B2C.5E6F7A80]\n\nFrom: Support\nSent: x\nTo: Bob\nSubject: y\n",
            "Thanks\n\nBob Smith"
        ),
        ("Look:\n[image: screenshot.png]\nIt fails.", "Look:\nIt fails."),
        // Mailman's footer
        (
            "Thanks.\n\n_______________________________________________\nusers mailing list\nusers@lists.example.org\n",
            "Thanks."
        ),
    ])
    func publicFixtureShapes(body: String, expected: String) throws {
        #expect(try Self.parse(body).reply == expected)
    }
}
