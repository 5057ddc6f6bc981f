import PostdeskWorkflow

/// The customer ticket pages' own strings (chat, reply, new-ticket form, first-steps hint), one value per language:
/// a missing translation is a compile error. Templates read them as `{{tc.name}}`.
struct CustomerStrings: Sendable, Encodable {
    var newTicket: String
    var newTicketIntro: String
    var subject: String
    var message: String
    var files: String
    var filesHint: String
    var send: String
    var reply: String
    var replySent: String
    var ticketOpened: String
    var required: String
    var optional: String
    var chooseOne: String
    var due: String
    var assignee: String
    var support: String
    var you: String
    var someoneNew: String
    var heldBack: String
    var statusChanged: String
    var assignedTo: String
    var unassigned: String
    var htmlVersion: String
    var htmlFrameTitle: String
    var showImages: String
    var imagesBlocked: String
    var download: String
    var formErrors: String
    var missing: String
    var tooLong: String
    var notANumber: String
    var notADate: String
    var unknownChoice: String
    var notACheckbox: String
    var unknownField: String
    var emptyReply: String
    var tooManyFiles: String
    var filesTooLarge: String
    var formChanged: String
    var uploadLimit: String
    var storageFull: String
    var accountDisabled: String
    var hintTitle: String
    var hintText: String
    var hintDismiss: String
    var backToTickets: String
    var linkOnly: String

    static let english = CustomerStrings(
        newTicket: "New ticket", newTicketIntro: "Tell us what happened; we answer here and by mail.",
        subject: "Subject", message: "Message", files: "Files", filesHint: "Up to 50 MB in all.", send: "Send",
        reply: "Your reply", replySent: "Your message was sent.",
        ticketOpened: "Your ticket is open. We have sent you a confirmation by mail.",
        required: "required", optional: "optional", chooseOne: "Choose…", due: "We answer by", assignee: "Handled by",
        support: "Support", you: "You", someoneNew: "Someone not yet on this ticket",
        heldBack:
            "A mail from an address that is not part of this ticket arrived. Support will check it; "
            + "it is shown here once they add its sender.",
        statusChanged: "Status changed to", assignedTo: "Now handled by", unassigned: "Waiting for an operator",
        htmlVersion: "Formatted version", htmlFrameTitle: "The mail as it was formatted",
        showImages: "Show images", imagesBlocked: "Remote images are blocked to protect your privacy.",
        download: "download", formErrors: "Please correct the marked fields.", missing: "Please fill this in.",
        tooLong: "This is too long.", notANumber: "Enter a number, such as 12 or 3.5.",
        notADate: "Enter a date as YYYY-MM-DD.", unknownChoice: "Choose one of the options.",
        notACheckbox: "Tick the box or leave it empty.", unknownField: "This field is not part of the form.",
        emptyReply: "Write a message before sending.", tooManyFiles: "Too many files: send fewer at once.",
        filesTooLarge: "The files are too large: at most 50 MB may be sent at once.",
        formChanged: "The form was changed while you filled it in. Check it and send it again.",
        uploadLimit: "You have sent many files within the last hour. Please try again later.",
        storageFull: "Files cannot be stored right now. Please send your message without them or try later.",
        accountDisabled: "Your account is disabled.",
        hintTitle: "First steps",
        hintText:
            "Each ticket is a conversation with our support. Open one with “New ticket”, follow the answers here or "
            + "by mail, and reply with files at any time. The status shows whose turn it is.",
        hintDismiss: "Don't show again", backToTickets: "My tickets",
        linkOnly: "You opened this ticket with the link from our mail. Sign in to see all your tickets.")

    static let russian = CustomerStrings(
        newTicket: "Новая заявка", newTicketIntro: "Расскажите, что случилось: мы ответим здесь и по почте.",
        subject: "Тема", message: "Сообщение", files: "Файлы", filesHint: "Всего до 50 МБ.", send: "Отправить",
        reply: "Ваш ответ", replySent: "Ваше сообщение отправлено.",
        ticketOpened: "Заявка создана. Мы отправили вам подтверждение по почте.",
        required: "обязательно", optional: "необязательно", chooseOne: "Выберите…", due: "Ответим до",
        assignee: "Исполнитель", support: "Поддержка", you: "Вы", someoneNew: "Участник, ещё не добавленный в заявку",
        heldBack:
            "Пришло письмо с адреса, который не участвует в заявке. Поддержка проверит его; "
            + "оно появится здесь, когда отправителя добавят.",
        statusChanged: "Статус изменён на", assignedTo: "Заявкой занимается", unassigned: "Ждёт исполнителя",
        htmlVersion: "Оформленная версия", htmlFrameTitle: "Письмо в исходном оформлении",
        showImages: "Показать изображения", imagesBlocked: "Внешние изображения скрыты для вашей приватности.",
        download: "скачать", formErrors: "Исправьте отмеченные поля.", missing: "Заполните это поле.",
        tooLong: "Слишком длинно.", notANumber: "Введите число, например 12 или 3,5.",
        notADate: "Введите дату в виде ГГГГ-ММ-ДД.", unknownChoice: "Выберите один из вариантов.",
        notACheckbox: "Отметьте флажок или оставьте пустым.", unknownField: "Этого поля нет в форме.",
        emptyReply: "Напишите сообщение перед отправкой.", tooManyFiles: "Слишком много файлов: отправьте меньше.",
        filesTooLarge: "Файлы слишком большие: за раз можно отправить не более 50 МБ.",
        formChanged: "Форма изменилась, пока вы её заполняли. Проверьте её и отправьте снова.",
        uploadLimit: "За последний час вы отправили много файлов. Попробуйте позже.",
        storageFull: "Сейчас файлы не принимаются. Отправьте сообщение без них или попробуйте позже.",
        accountDisabled: "Ваша учётная запись отключена.",
        hintTitle: "Первые шаги",
        hintText:
            "Каждая заявка — это переписка с поддержкой. Создайте её кнопкой «Новая заявка», следите за ответами "
            + "здесь или по почте и отвечайте с файлами в любой момент. Статус показывает, чей сейчас ход.",
        hintDismiss: "Больше не показывать", backToTickets: "Мои заявки",
        linkOnly: "Вы открыли заявку по ссылке из нашего письма. Войдите, чтобы видеть все свои заявки.")

    /// What the page says about one field's error.
    func text(for problem: FormFieldError.Problem) -> String {
        switch problem {
        case .missing: missing
        case .tooLong: tooLong
        case .notANumber: notANumber
        case .notADate: notADate
        case .unknownChoice: unknownChoice
        case .notACheckbox: notACheckbox
        case .unknownField: unknownField
        }
    }

    /// What the page says when an action was refused (never the internal message).
    func text(for error: WebActionError) -> String {
        switch error.code {
        case .tooManyFiles: tooManyFiles
        case .fileTooLarge: filesTooLarge
        case .accountDisabled: accountDisabled
        case .formInvalid: formErrors
        case .uploadLimit: uploadLimit
        case .quotaExceeded: storageFull
        default: error.message.contains("form changed") ? formChanged : emptyReply
        }
    }
}

extension UILanguage {
    /// The customer pages' strings in this language.
    var customer: CustomerStrings {
        switch self {
        case .en: .english
        case .ru: .russian
        }
    }
}
