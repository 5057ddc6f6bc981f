/// The words mail clients put around quoted history, in the languages of their user interfaces. All entries are
/// lowercase; lines are compared after ``QuoteMarkers`` has lowercased them, trimmed them and turned " :" and "："
/// into ":".
extension QuoteMarkers {
    /// Lines that start the forwarded or original message, without the dashes around them.
    static let separatorLines: Set<String> = [
        "original message", "forwarded message", "begin forwarded message:",
        "ursprüngliche nachricht", "ursprüngliche mail", "original-nachricht", "originalnachricht",
        "weitergeleitete nachricht",
        "anfang der weitergeleiteten nachricht:",
        "исходное сообщение", "оригинальное сообщение", "пересылаемое сообщение", "пересланное сообщение",
        "вихідне повідомлення", "переслане повідомлення",
        "message d'origine", "message transféré", "mensaje original", "mensaje reenviado", "messaggio originale",
        "messaggio inoltrato", "oorspronkelijk bericht", "doorgestuurd bericht", "mensagem original",
        "mensagem encaminhada", "oryginalna wiadomość", "wiadomość przekazana dalej", "původní zpráva",
        "přeposlaná zpráva", "ursprungligt meddelande", "vidarebefordrat meddelande", "oprindelig meddelelse",
        "videresendt meddelelse", "oprindelig besked", "videresendt besked", "opprinnelig melding",
        "videresendt melding", "alkuperäinen viesti",
        "välitetty viesti", "orijinal ileti", "iletilen ileti", "原始邮件", "原始郵件", "转发的邮件", "元のメッセージ",
        "転送されたメッセージ", "원본 메시지", "전달된 메시지",
    ]

    /// First header of an Outlook-style reply block ("From:").
    static let fromNames: [String] = [
        "from:", "von:", "от:", "от кого:", "від:", "de:", "absender:", "da:", "van:", "od:", "från:", "fra:",
        "lähettäjä:", "kimden:", "发件人:", "寄件者:", "差出人:", "보낸 사람:",
    ]

    /// The other headers of such a block (Sent / Date / To / Cc / Subject).
    static let otherNames: [String] = [
        "sent:", "date:", "to:", "cc:", "subject:",
        "gesendet:", "datum:", "an:", "kopie:", "betreff:",
        "отправлено:", "дата:", "кому:", "копия:", "тема:", "надіслано:", "копія:",
        "envoyé:", "à:", "objet:", "sujet:", "copie à:", "message du:",
        "enviado:", "enviado el:", "enviada em:", "fecha:", "para:", "asunto:", "assunto:",
        "inviato:", "data:", "a:", "oggetto:",
        "verzonden:", "aan:", "onderwerp:",
        "wysłane:", "do:", "dw:", "temat:", "odesláno:", "komu:", "předmět:",
        "skickat:", "till:", "ämne:", "sendt:", "til:", "emne:",
        "lähetetty:", "vastaanottaja:", "aihe:", "gönderildi:", "kime:", "konu:",
        "发送时间:", "收件人:", "抄送:", "主题:", "日期:", "寄件日期:", "收件者:", "主旨:",
        "送信日時:", "宛先:", "件名:", "보낸 날짜:", "받는 사람:", "제목:",
    ]

    /// Endings of attribution lines ("On … wrote:").
    static let attributionEndings: [String] = [
        "wrote:", "schrieb:", "пишет:", "написал(а):", "написал:", "написала:", "пише:", "написав(ла):", "написав:",
        "написала:", "a écrit:", "escribió:", "escreveu:", "ha scritto:", "schreef:", "skrev:", "skrev følgende:",
        "napisał(a):", "napisał:", "napisała:", "napsal(a):", "napsal:", "napsala:", "kirjoitti:", "yazdı:",
        "a scris:", "írta:", "έγραψε:", "menulis:", "đã viết:", "写道:", "寫道:", "님이 작성:",
    ]

    /// Starts of attribution lines that clients wrap before the ending ("On …" + "wrote:").
    static let attributionStarts = ["on ", "am ", "le ", "el ", "il ", "op ", "den ", "em ", "w dniu "]

    /// Signature lines mobile and web clients add under what the sender typed (prefixes of a short line).
    static let clientSignatures: [String] = [
        "sent from my ", "sent from mail for windows", "sent from outlook", "sent from yahoo mail",
        "sent from the yahoo mail", "sent from samsung", "sent via the samsung", "sent from yandex",
        "sent from mail.ru",
        "sent with proton mail", "sent from proton mail", "sent with protonmail", "sent from protonmail",
        "sent from gmail mobile", "sent from zoho mail", "sent from aol mobile mail", "sent from mobile",
        "sent from typeapp", "sent from bluemail", "sent from spark", "sent from edison",
        "von meinem iphone gesendet", "von meinem ipad gesendet", "von meinem samsung",
        "von meinem smartphone gesendet",
        "gesendet von meinem", "gesendet von iphone", "gesendet mit der", "von meinem mobilgerät gesendet",
        "gesendet von mail für windows",
        "отправлено с iphone", "отправлено с ipad", "отправлено с моего", "отправлено из мобильной почты mail",
        "отправлено из почты mail", "отправлено из мобильной яндекс.почты", "отправлено из мобильной яндекс почты",
        "отправлено из яндекс.почты", "отправлено из яндекс почты", "отправлено из приложения",
        "отправлено из почты для windows", "надіслано з iphone",
        "envoyé de mon iphone", "envoyé de mon ipad", "envoyé à partir de", "enviado desde mi iphone",
        "enviado desde mi ipad", "enviado do meu iphone", "enviado do meu ipad", "inviato da iphone",
        "inviato dal mio iphone", "verzonden vanaf mijn iphone", "verstuurd vanaf mijn iphone",
        "wysłane z mojego iphone", "wysłane z iphone", "skickat från min iphone", "sendt fra min iphone",
        "lähetetty iphonesta",
    ]

    /// The Outlook apps' own lines (in their UI languages), always directly above the answered message.
    static let appSignatures: [String] = [
        "get outlook for ", "download outlook for ", "gesendet von outlook für ", "von outlook für ",
        "outlook für android herunterladen", "outlook für ios herunterladen", "télécharger outlook pour ",
        "obtenir outlook pour ", "descargar outlook para ", "obtener outlook para ", "scarica outlook per ",
        "outlook voor ", "получите outlook для ", "загрузите outlook для ", "скачайте outlook для ",
    ]

    /// First bytes (lowercased) of ``clientSignatures`` and ``appSignatures``: a cheap test before a line is
    /// decoded.
    static let clientSignatureFirstBytes: Set<UInt8> = Set((clientSignatures + appSignatures).compactMap(\.utf8.first))

    /// HTML containers that hold the quoted message, lowercased fragments.
    static let htmlMarkers: [String] = [
        "<div class=\"gmail_quote", "<div class=\"gmail_extra", "<div id=\"divrplyfwdmsg", "<div id=\"appendonsend",
        "<div class=\"moz-cite-prefix", "<blockquote", "<div class=\"yahoo_quoted", "<div id=\"yahoo_quoted",
        "<hr id=\"stopspelling", "<div class=\"outlookmessageheader", "<div id=\"mail-editor-reference-message",
        "<div class=\"x_gmail_quote", "<div data-marker=\"__quoted_text__",
        "<div style=\"border:none;border-top:solid #e1e1e1",
        "<div style=\"border:none;border-top:solid #b5c4df", "<div class=\"protonmail_quote", "<div name=\"quote\"",
    ]
}
