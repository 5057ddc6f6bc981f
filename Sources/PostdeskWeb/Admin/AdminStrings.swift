/// The admin pages' strings, one value per language (a missing translation is a compile error). Templates read them
/// as `{{a.name}}`; the shared layout's strings stay in ``UIStrings`` (`{{t.…}}`).
struct AdminStrings: Sendable, Encodable {
    var admin: String
    var operators: String
    var teams: String
    var rules: String
    var ticketForm: String
    var workTypes: String
    var quarantine: String
    var templates: String
    var attachments: String
    var mailboxes: String
    var name: String
    var email: String
    var role: String
    var state: String
    var enabled: String
    var disabled: String
    var away: String
    var present: String
    var hours: String
    var timeZone: String
    var week: String
    var always: String
    var weekHelp: String
    var addOperator: String
    var teamsHelp: String
    var add: String
    var save: String
    var disable: String
    var enable: String
    var markAway: String
    var markBack: String
    var addTeam: String
    var teamHelp: String
    var members: String
    var none: String
    var rulesYAML: String
    var check: String
    var importRules: String
    var importHelp: String
    var findings: String
    var noFindings: String
    var version: String
    var events: String
    var conditions: String
    var actions: String
    var stop: String
    var up: String
    var down: String
    var delete: String
    var addRouting: String
    var words: String
    var wordsHelp: String
    var team: String
    var strategy: String
    var noAssignment: String
    var fieldName: String
    var labelEN: String
    var labelRU: String
    var kind: String
    var required: String
    var choices: String
    var choicesHelp: String
    var position: String
    var addField: String
    var price: String
    var currency: String
    var from: String
    var prices: String
    var addPrice: String
    var priceHelp: String
    var received: String
    var mailbox: String
    var reason: String
    var view: String
    var reprocess: String
    var discard: String
    var discardHelp: String
    var noQuarantine: String
    var headers: String
    var body: String
    var bodyCut: String
    var back: String
    var templatesHelp: String
    var subject: String
    var textPart: String
    var htmlPart: String
    var used: String
    var quota: String
    var unlimited: String
    var quotaHelp: String
    var quotaWarning: String
    var quotaFull: String
    var address: String
    var testConnection: String
    var mailboxHelp: String
    var ok: String
    var failed: String
    var error: String
    var genericError: String
    // Notices after a change (the `?done=` codes).
    var doneOperatorAdded: String
    var doneTeamAdded: String
    var doneDisabled: String
    var doneEnabled: String
    var doneAway: String
    var doneBack: String
    var doneHours: String
    var doneRulesImported: String
    var doneRulesChanged: String
    var doneFieldSaved: String
    var doneFieldDeleted: String
    var doneWorkType: String
    var doneReprocessed: String
    var doneDiscarded: String
    // Errors.
    var errEmail: String
    var errName: String
    var errRole: String
    var errNotFound: String
    var errFieldName: String
    var errLabel: String
    var errKind: String
    var errChoices: String
    var errChoicesOther: String
    var errPosition: String
    var errDuplicateField: String
    var errWorkTypeName: String
    var errPrice: String
    var errDate: String
    var errRulesStale: String
    // The first-steps hint on every admin page, until "don't show again".
    var hintTitle: String
    var hintText: String
    var hintMailboxes: String
    var hintOperators: String
    var hintRules: String
    var hintDismiss: String

    static let english = AdminStrings(
        admin: "Administration", operators: "Operators and teams", teams: "Teams", rules: "Rules and SLA",
        ticketForm: "Ticket form", workTypes: "Work types", quarantine: "Quarantine",
        templates: "Notification templates", attachments: "Attachment storage", mailboxes: "Mailboxes",
        name: "Name", email: "Email", role: "Role", state: "State", enabled: "enabled", disabled: "disabled",
        away: "away", present: "present", hours: "Working hours", timeZone: "Time zone", week: "Week",
        always: "always on shift",
        weekHelp:
            "Days and local hours, e.g. mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00. Empty: always on shift.",
        addOperator: "Add an operator or admin", teamsHelp: "Teams, separated by commas (each must exist).",
        add: "Add", save: "Save", disable: "Disable", enable: "Enable", markAway: "Mark away", markBack: "Mark back",
        addTeam: "Add a team", teamHelp: "1–64 letters, digits, '-', '_' or '.'; unique regardless of case.",
        members: "Members", none: "none", rulesYAML: "The rule document (YAML)", check: "Check",
        importRules: "Import",
        importHelp: "Import replaces every rule, calendar, schedule and SLA policy at once, as rules import does.",
        findings: "Findings", noFindings: "No errors or warnings.", version: "Version", events: "On",
        conditions: "If", actions: "Then", stop: "Stop", up: "Up", down: "Down", delete: "Delete",
        addRouting: "Add a routing rule", words: "Words",
        wordsHelp: "When the subject or the text contains any of these words (separated by commas).", team: "Team",
        strategy: "Assign", noAssignment: "nobody (team only)", fieldName: "Field name", labelEN: "Label (English)",
        labelRU: "Label (Russian)", kind: "Type", required: "Required", choices: "Choices",
        choicesHelp: "For a choice field: the values, separated by commas.", position: "Position",
        addField: "Add or replace a field", price: "Price per hour", currency: "Currency", from: "From",
        prices: "Prices", addPrice: "Add a work type or a dated price",
        priceHelp: "Decimal text (1500, 1500.50) or minor units (150050m); the day is inclusive, today when empty.",
        received: "Received", mailbox: "Mailbox", reason: "Reason", view: "View", reprocess: "Reprocess",
        discard: "Discard",
        discardHelp:
            "Discard marks the mail ignored, with who did it and when. Its raw bytes stay in the inbound ledger.",
        noQuarantine: "No quarantined mail.", headers: "Headers", body: "Body (start)",
        bodyCut: "Only the first 64 KiB are shown.", back: "Back",
        templatesHelp: "Rendered with sample data. Read-only: the templates are files under the templates directory.",
        subject: "Subject", textPart: "Text part", htmlPart: "HTML part (source)", used: "Used", quota: "Quota",
        unlimited: "unlimited",
        quotaHelp:
            "Set attachments.quota_mb in the configuration. At 80 % admin pages warn; at 100 % new uploads from the portal and the console are refused. Inbound mail is never dropped: its attachments are always stored.",
        quotaWarning: "The attachment storage is over 80 % of its quota.",
        quotaFull:
            "The attachment storage is full: new uploads from the web are refused (inbound mail is still taken).",
        address: "Address", testConnection: "Test connection",
        mailboxHelp: "Settings live in the configuration file; passwords are never shown.", ok: "ok",
        failed: "failed", error: "Error", genericError: "The change could not be made; see the server log.",
        doneOperatorAdded: "The account was added.", doneTeamAdded: "The team was added.",
        doneDisabled: "The account is disabled.", doneEnabled: "The account is enabled.",
        doneAway: "The operator is away; their open tickets were handed back.", doneBack: "The operator is back.",
        doneHours: "The working hours were saved.", doneRulesImported: "The rules were imported.",
        doneRulesChanged: "The rules were changed and imported.", doneFieldSaved: "The field was saved.",
        doneFieldDeleted: "The field was deleted.", doneWorkType: "The work type price was added.",
        doneReprocessed: "The mail was applied again.", doneDiscarded: "The mail was discarded (marked ignored).",
        errEmail: "This is not a mail address.", errName: "A name must not contain control characters.",
        errRole: "The role must be operator or admin.", errNotFound: "Not found.",
        errFieldName: "A field name is 1–64 of a-z, 0-9, _ and -.", errLabel: "Each label is 1–200 characters.",
        errKind: "Unknown field type.", errChoices: "A choice field needs at least one choice.",
        errChoicesOther: "Only a choice field has choices.", errPosition: "The position is a whole number.",
        errDuplicateField: "Two fields have the same name.",
        errWorkTypeName: "A work type name has 1–64 characters and no control characters.",
        errPrice: "This is not a price in that currency.", errDate: "The date must read yyyy-MM-dd.",
        errRulesStale: "The rules changed meanwhile; reload the page and try again.",
        hintTitle: "First steps", hintText: "Set the desk up in this order:",
        hintMailboxes:
            "press “Test connection” on each support mailbox (its IMAP and SMTP settings live in the configuration "
            + "file), so mail comes in and replies go out.",
        hintOperators: "add your operators (and admins) and put them in teams; tickets are routed to teams.",
        hintRules:
            "route mail to teams, assign it and set SLA targets; then the ticket form, work types and templates as "
            + "you need them.",
        hintDismiss: "Don't show again")

    static let russian = AdminStrings(
        admin: "Администрирование", operators: "Операторы и команды", teams: "Команды", rules: "Правила и SLA",
        ticketForm: "Форма заявки", workTypes: "Виды работ", quarantine: "Карантин",
        templates: "Шаблоны уведомлений", attachments: "Хранилище вложений", mailboxes: "Почтовые ящики",
        name: "Имя", email: "Эл. почта", role: "Роль", state: "Состояние", enabled: "включён", disabled: "отключён",
        away: "отсутствует", present: "на месте", hours: "Рабочие часы", timeZone: "Часовой пояс", week: "Неделя",
        always: "всегда на смене",
        weekHelp:
            "Дни и местное время, например mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00. Пусто: всегда на смене.",
        addOperator: "Добавить оператора или администратора",
        teamsHelp: "Команды через запятую (каждая должна существовать).", add: "Добавить", save: "Сохранить",
        disable: "Отключить", enable: "Включить", markAway: "Отметить отсутствие", markBack: "Отметить возвращение",
        addTeam: "Добавить команду", teamHelp: "1–64 латинские буквы, цифры, '-', '_' или '.'; без учёта регистра.",
        members: "Участники", none: "нет", rulesYAML: "Документ правил (YAML)", check: "Проверить",
        importRules: "Импортировать",
        importHelp: "Импорт заменяет сразу все правила, календари, расписания и политики SLA, как rules import.",
        findings: "Замечания", noFindings: "Ни ошибок, ни предупреждений.", version: "Версия", events: "При",
        conditions: "Если", actions: "То", stop: "Стоп", up: "Выше", down: "Ниже", delete: "Удалить",
        addRouting: "Добавить правило маршрутизации", words: "Слова",
        wordsHelp: "Если тема или текст содержит любое из этих слов (через запятую).", team: "Команда",
        strategy: "Назначить", noAssignment: "никого (только команда)", fieldName: "Имя поля",
        labelEN: "Подпись (англ.)", labelRU: "Подпись (рус.)", kind: "Тип", required: "Обязательное",
        choices: "Варианты", choicesHelp: "Для поля выбора: значения через запятую.", position: "Позиция",
        addField: "Добавить или заменить поле", price: "Цена за час", currency: "Валюта", from: "С",
        prices: "Цены", addPrice: "Добавить вид работ или цену с даты",
        priceHelp: "Десятичное число (1500, 1500.50) или копейки (150050m); день включительно, пусто — сегодня.",
        received: "Получено", mailbox: "Ящик", reason: "Причина", view: "Открыть", reprocess: "Обработать снова",
        discard: "Отклонить",
        discardHelp:
            "Отклонение помечает письмо как пропущенное, с тем, кто и когда это сделал. Исходные байты остаются в журнале входящих.",
        noQuarantine: "В карантине писем нет.", headers: "Заголовки", body: "Текст (начало)",
        bodyCut: "Показаны только первые 64 КиБ.", back: "Назад",
        templatesHelp: "Показаны с примерными данными. Только чтение: шаблоны — это файлы в каталоге шаблонов.",
        subject: "Тема", textPart: "Текстовая часть", htmlPart: "HTML-часть (исходный текст)", used: "Занято",
        quota: "Квота", unlimited: "без ограничения",
        quotaHelp:
            "Задаётся ключом attachments.quota_mb в конфигурации. С 80 % страницы администратора предупреждают; со 100 % новые загрузки из портала и консоли отклоняются. Входящая почта никогда не теряется: её вложения сохраняются всегда.",
        quotaWarning: "Хранилище вложений занято более чем на 80 % квоты.",
        quotaFull: "Хранилище вложений заполнено: новые загрузки через веб отклоняются (входящая почта принимается).",
        address: "Адрес", testConnection: "Проверить соединение",
        mailboxHelp: "Настройки хранятся в файле конфигурации; пароли не показываются.", ok: "успешно",
        failed: "ошибка", error: "Ошибка", genericError: "Изменение не удалось; подробности в журнале сервера.",
        doneOperatorAdded: "Учётная запись добавлена.", doneTeamAdded: "Команда добавлена.",
        doneDisabled: "Учётная запись отключена.", doneEnabled: "Учётная запись включена.",
        doneAway: "Оператор отсутствует; его открытые заявки переданы.", doneBack: "Оператор вернулся.",
        doneHours: "Рабочие часы сохранены.", doneRulesImported: "Правила импортированы.",
        doneRulesChanged: "Правила изменены и импортированы.", doneFieldSaved: "Поле сохранено.",
        doneFieldDeleted: "Поле удалено.", doneWorkType: "Цена вида работ добавлена.",
        doneReprocessed: "Письмо обработано снова.", doneDiscarded: "Письмо отклонено (помечено как пропущенное).",
        errEmail: "Это не адрес эл. почты.", errName: "Имя не должно содержать управляющих символов.",
        errRole: "Роль — operator или admin.", errNotFound: "Не найдено.",
        errFieldName: "Имя поля — 1–64 символа из a-z, 0-9, _ и -.", errLabel: "Каждая подпись — 1–200 символов.",
        errKind: "Неизвестный тип поля.", errChoices: "Полю выбора нужен хотя бы один вариант.",
        errChoicesOther: "Варианты бывают только у поля выбора.", errPosition: "Позиция — целое число.",
        errDuplicateField: "Два поля с одинаковым именем.",
        errWorkTypeName: "Название вида работ — 1–64 символа без управляющих символов.",
        errPrice: "Это не цена в этой валюте.", errDate: "Дата должна быть в виде yyyy-MM-dd.",
        errRulesStale: "Правила успели измениться; обновите страницу и повторите.",
        hintTitle: "Первые шаги", hintText: "Настройте службу поддержки в таком порядке:",
        hintMailboxes:
            "нажмите «Проверить соединение» у каждого ящика поддержки (настройки IMAP и SMTP задаются в файле "
            + "конфигурации), чтобы письма приходили, а ответы уходили.",
        hintOperators:
            "добавьте операторов (и администраторов) и распределите их по командам: заявки направляются командам.",
        hintRules:
            "направьте письма командам, настройте назначение и сроки SLA; затем — форму заявки, виды работ и шаблоны "
            + "по мере надобности.",
        hintDismiss: "Больше не показывать")

    /// The notice a `?done=` code stands for; nil for an unknown code (a link cannot put its own text on the page).
    func notice(_ code: String?) -> String? {
        switch code {
        case "operator-added": doneOperatorAdded
        case "team-added": doneTeamAdded
        case "disabled": doneDisabled
        case "enabled": doneEnabled
        case "away": doneAway
        case "back": doneBack
        case "hours": doneHours
        case "rules-imported": doneRulesImported
        case "rules-changed": doneRulesChanged
        case "field-saved": doneFieldSaved
        case "field-deleted": doneFieldDeleted
        case "worktype": doneWorkType
        case "reprocessed": doneReprocessed
        case "discarded": doneDiscarded
        default: nil
        }
    }
}

extension UILanguage {
    /// The admin pages' strings in this language.
    var admin: AdminStrings {
        switch self {
        case .en: .english
        case .ru: .russian
        }
    }
}
