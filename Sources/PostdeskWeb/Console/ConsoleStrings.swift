/// The console's UI strings, one value per language: a missing translation is a compile error. Templates read them
/// as `{{tc.name}}`; they are the console's own, apart from the portal's ``UIStrings``.
struct ConsoleStrings: Sendable, Encodable {
    var console: String
    var priority: String
    var team: String
    var assignee: String
    var mailbox: String
    var customer: String
    var tags: String
    var opened: String
    var updated: String
    var noTeam: String
    var nobody: String
    var none: String
    var slaTitle: String
    var slaFirstResponse: String
    var slaNextResponse: String
    var slaResolution: String
    var slaBreached: String
    var internalNote: String
    var fromCustomer: String
    var fromOperator: String
    var fromSystem: String
    var fromNewParticipant: String
    var wholeMail: String
    var reply: String
    var sendReply: String
    var note: String
    var addNote: String
    var files: String
    var assign: String
    var assignToMe: String
    var assignTo: String
    var backToTeam: String
    var status: String
    var setStatus: String
    var setPriority: String
    var setTeam: String
    var addTags: String
    var removeTags: String
    var tagsHint: String
    var save: String
    var time: String
    var duration: String
    var durationHint: String
    var workType: String
    var date: String
    var logTime: String
    var total: String
    var minutes: String
    var history: String
    var otherTickets: String
    var noOtherTickets: String
    var shortcuts: String
    var shortcutReply: String
    var shortcutNote: String
    var shortcutAssign: String
    var shortcutSolve: String
    var shortcutHelp: String
    var updatedReload: String
    var reload: String
    var signInToAct: String
    var linkFooter: String
    var laterNotes: String
    var notDone: String
    var doneReply: String
    var doneNote: String
    var doneAssign: String
    var doneStatus: String
    var donePriority: String
    var doneTeam: String
    var doneTags: String
    var doneTime: String
    var notFoundTitle: String
    var notFoundText: String
    var errorInvalid: String
    var errorRefused: String
    var errorFiles: String
    /// The customer panel's button: `POST /console/customers/invite` with the ticket's number.
    var inviteToPortal: String
    var doneInvite: String

    static let english = ConsoleStrings(
        console: "Console", priority: "Priority", team: "Team", assignee: "Assignee", mailbox: "Mailbox",
        customer: "Customer", tags: "Tags", opened: "Opened", updated: "Updated", noTeam: "no team", nobody: "nobody",
        none: "none", slaTitle: "SLA", slaFirstResponse: "First response due", slaNextResponse: "Next response due",
        slaResolution: "Resolution due", slaBreached: "Breached", internalNote: "Internal note",
        fromCustomer: "Customer", fromOperator: "Operator", fromSystem: "Automatic",
        fromNewParticipant: "From a new participant (not relayed to the customer)", wholeMail: "Whole mail",
        reply: "Reply to the customer", sendReply: "Send reply", note: "Internal note", addNote: "Add note",
        files: "Files", assign: "Assignment", assignToMe: "Assign to me", assignTo: "Assign to",
        backToTeam: "Back to the team", status: "Status", setStatus: "Set status", setPriority: "Set priority",
        setTeam: "Move to team", addTags: "Add tags", removeTags: "Remove tags",
        tagsHint: "Words separated by spaces", save: "Save", time: "Time", duration: "Duration",
        durationHint: "30m, 1h30m", workType: "Work type", date: "Day", logTime: "Log time", total: "Total",
        minutes: "min", history: "History", otherTickets: "The customer's other tickets",
        noOtherTickets: "No other tickets.", shortcuts: "Keyboard shortcuts", shortcutReply: "write a reply",
        shortcutNote: "write an internal note", shortcutAssign: "assign to me", shortcutSolve: "mark solved",
        shortcutHelp: "show or hide this list", updatedReload: "This ticket was updated.", reload: "Reload",
        signInToAct: "Sign in to act on this ticket",
        linkFooter:
            "Opened by the link in a notification. Reply to that notification to answer the customer; lines such as #internal, #assign me or #status solved at its top act on the ticket.",
        laterNotes:
            "internal note(s) written after this link was sent are not shown; open the latest notification's link.",
        notDone: "Not done:", doneReply: "Your reply is on its way to the customer.", doneNote: "The note is added.",
        doneAssign: "The assignment is saved.", doneStatus: "The status is saved.",
        donePriority: "The priority is saved.", doneTeam: "The team is saved.", doneTags: "The tags are saved.",
        doneTime: "The time is logged.", notFoundTitle: "Ticket not found",
        notFoundText: "There is no such ticket, or it is not one you may open.",
        errorInvalid: "a value is not acceptable", errorRefused: "the change was refused",
        errorFiles: "the files are too many or too large", inviteToPortal: "Invite the customer to the portal",
        doneInvite: "Invitation sent: the customer gets the portal address, their login and a link to set a password.")

    static let russian = ConsoleStrings(
        console: "Консоль", priority: "Приоритет", team: "Команда", assignee: "Исполнитель", mailbox: "Ящик",
        customer: "Клиент", tags: "Метки", opened: "Создана", updated: "Обновлена", noTeam: "без команды",
        nobody: "не назначен", none: "нет", slaTitle: "SLA", slaFirstResponse: "Первый ответ до",
        slaNextResponse: "Следующий ответ до", slaResolution: "Решение до", slaBreached: "Нарушено",
        internalNote: "Внутренняя заметка", fromCustomer: "Клиент", fromOperator: "Оператор",
        fromSystem: "Автоматически", fromNewParticipant: "От нового участника (клиенту не пересылается)",
        wholeMail: "Письмо целиком", reply: "Ответ клиенту", sendReply: "Отправить ответ",
        note: "Внутренняя заметка", addNote: "Добавить заметку", files: "Файлы", assign: "Назначение",
        assignToMe: "Назначить на меня", assignTo: "Назначить", backToTeam: "Вернуть команде", status: "Статус",
        setStatus: "Сменить статус", setPriority: "Сменить приоритет", setTeam: "Передать команде",
        addTags: "Добавить метки", removeTags: "Убрать метки", tagsHint: "Слова через пробел", save: "Сохранить",
        time: "Время", duration: "Длительность", durationHint: "30m, 1h30m", workType: "Вид работ", date: "День",
        logTime: "Записать время", total: "Итого", minutes: "мин", history: "История",
        otherTickets: "Другие заявки клиента", noOtherTickets: "Других заявок нет.",
        shortcuts: "Горячие клавиши", shortcutReply: "написать ответ", shortcutNote: "написать внутреннюю заметку",
        shortcutAssign: "назначить на меня", shortcutSolve: "отметить решённой",
        shortcutHelp: "показать или скрыть этот список", updatedReload: "Заявка изменилась.", reload: "Обновить",
        signInToAct: "Войдите, чтобы работать с заявкой",
        linkFooter:
            "Открыто по ссылке из уведомления. Чтобы ответить клиенту, ответьте на это уведомление; строки вроде #internal, #assign me или #status solved в его начале меняют заявку.",
        laterNotes:
            "внутр. заметок, написанных после отправки ссылки, не показано; откройте ссылку из последнего уведомления.",
        notDone: "Не выполнено:", doneReply: "Ответ отправляется клиенту.", doneNote: "Заметка добавлена.",
        doneAssign: "Назначение сохранено.", doneStatus: "Статус сохранён.", donePriority: "Приоритет сохранён.",
        doneTeam: "Команда сохранена.", doneTags: "Метки сохранены.", doneTime: "Время записано.",
        notFoundTitle: "Заявка не найдена", notFoundText: "Такой заявки нет, или открывать её вам нельзя.",
        errorInvalid: "недопустимое значение", errorRefused: "изменение отклонено",
        errorFiles: "слишком много файлов или они слишком большие", inviteToPortal: "Пригласить клиента на портал",
        doneInvite: "Приглашение отправлено: клиент получит адрес портала, логин и ссылку для установки пароля.")

    static func of(_ language: UILanguage) -> ConsoleStrings {
        switch language {
        case .en: .english
        case .ru: .russian
        }
    }

    /// The flash message after a successful action, by the action's path segment; nil for anything else.
    func done(_ action: String) -> String? {
        switch action {
        case "reply": doneReply
        case "note": doneNote
        case "assign": doneAssign
        case "status": doneStatus
        case "priority": donePriority
        case "team": doneTeam
        case "tags": doneTags
        case "time": doneTime
        case "invite": doneInvite
        default: nil
        }
    }
}
