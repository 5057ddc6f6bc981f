import Foundation

/// Helpdesk-like synthetic text in English and Russian: subjects, customer messages, operator replies and names.
///
/// Each text mixes a topic's fixed phrases with a product, a city and a number, so that common words ("invoice",
/// "счёт") match a few percent of tickets and numbers match one, as in a real helpdesk.
struct SeedText {
    enum Language { case english, russian }

    struct Topic {
        let subject: [String]
        let customer: [String]
        let reply: [String]
    }

    static let products = [
        "Orion", "Vega", "Atlas", "Nimbus", "Polaris", "Kestrel", "Sirius", "Lyra", "Taiga", "Volga", "Baikal",
        "Neva", "Aurora", "Zenith", "Quasar", "Helix", "Cobalt", "Granit", "Sapfir", "Rubin",
    ]
    static let citiesEnglish = [
        "London", "Berlin", "Madrid", "Boston", "Toronto", "Dublin", "Prague", "Vienna", "Oslo", "Lisbon",
    ]
    static let citiesRussian = [
        "Москва", "Казань", "Самара", "Новосибирск", "Екатеринбург", "Пермь", "Тверь", "Воронеж", "Омск", "Томск",
    ]

    static let english: [Topic] = [
        Topic(
            subject: ["Invoice {n} is overdue", "Question about invoice {n}", "Wrong amount on invoice {n}"],
            customer: [
                "Hello, we received invoice {n} for {p} but the amount looks wrong.",
                "Could you resend the invoice for our {p} subscription? Our accountant in {c} cannot find it.",
            ],
            reply: ["Thank you, I have corrected invoice {n} and sent it again.", "The invoice is attached."]),
        Topic(
            subject: ["Cannot log in to {p}", "Password reset does not arrive", "Account locked after update"],
            customer: [
                "I cannot log in since this morning, the password reset mail never arrives.",
                "After the {p} update my account is locked, error {n} on the login page.",
            ],
            reply: [
                "I have unlocked your account; please try to log in again.", "The reset link is valid for an hour.",
            ]),
        Topic(
            subject: ["Refund for order {n}", "Please cancel order {n}", "Charged twice for {p}"],
            customer: [
                "We were charged twice for order {n}, please refund one payment.",
                "Please cancel order {n} and refund the money to our card.",
            ],
            reply: ["The refund for order {n} is on its way, it takes three to five days.", "The order is cancelled."]),
        Topic(
            subject: ["Delivery of order {n} is late", "Courier did not come", "Parcel damaged in {c}"],
            customer: [
                "Our parcel with order {n} was due last week and has not arrived in {c}.",
                "The courier did not come today, the tracking number is {n}.",
            ],
            reply: ["The carrier says the parcel reaches {c} tomorrow.", "I have booked a new delivery slot for you."]),
        Topic(
            subject: ["{p} crashes on export", "Error {n} when syncing", "{p} is very slow"],
            customer: [
                "{p} crashes every time we export the monthly report, error code {n}.",
                "Since version {n} the sync with {p} takes minutes instead of seconds.",
            ],
            reply: ["Our developers reproduced the crash; a fix ships next week.", "Please send us the log file."]),
        Topic(
            subject: ["Price for 50 licenses of {p}", "Discount for a yearly plan", "Contract renewal {n}"],
            customer: [
                "What would 50 licenses of {p} cost for our office in {c}?",
                "Our contract {n} ends next month; is there a discount for renewing for a year?",
            ],
            reply: ["I have attached a quote with a ten percent discount.", "The renewal is confirmed."]),
    ]

    static let russian: [Topic] = [
        Topic(
            subject: ["Вопрос по счёту № {n}", "Неверная сумма в счёте {n}", "Не пришёл счёт за {p}"],
            customer: [
                "Здравствуйте! Пришёл счёт № {n} за {p}, но сумма не совпадает с договором.",
                "Пришлите, пожалуйста, счёт за подписку {p} ещё раз, бухгалтерия в городе {c} его не нашла.",
            ],
            reply: ["Спасибо, счёт {n} исправлен и отправлен повторно.", "Счёт во вложении."]),
        Topic(
            subject: ["Не могу войти в {p}", "Не приходит письмо для сброса пароля", "Учётная запись заблокирована"],
            customer: [
                "С утра не получается войти в личный кабинет, письмо для сброса пароля не приходит.",
                "После обновления {p} учётная запись заблокирована, ошибка {n}.",
            ],
            reply: ["Разблокировали учётную запись, попробуйте войти ещё раз.", "Ссылка действует один час."]),
        Topic(
            subject: ["Возврат денег за заказ № {n}", "Отмена заказа {n}", "Двойное списание за {p}"],
            customer: [
                "За заказ № {n} деньги списали дважды, верните, пожалуйста, один платёж.",
                "Прошу отменить заказ {n} и вернуть деньги на карту.",
            ],
            reply: ["Возврат по заказу {n} оформлен, деньги придут за три-пять дней.", "Заказ отменён."]),
        Topic(
            subject: ["Задерживается доставка заказа {n}", "Курьер не приехал", "Посылка повреждена, {c}"],
            customer: [
                "Посылка с заказом № {n} должна была прийти на прошлой неделе, в городе {c} её нет.",
                "Курьер сегодня не приехал, трек-номер {n}.",
            ],
            reply: ["Перевозчик обещает доставить посылку в {c} завтра.", "Назначили новое время доставки."]),
        Topic(
            subject: ["{p} падает при выгрузке", "Ошибка {n} при синхронизации", "{p} очень медленно работает"],
            customer: [
                "{p} падает при каждой выгрузке месячного отчёта, код ошибки {n}.",
                "С версии {n} синхронизация с {p} идёт минутами, а не секундами.",
            ],
            reply: ["Разработчики воспроизвели ошибку, исправление выйдет на следующей неделе.", "Пришлите журнал."]),
        Topic(
            subject: ["Цена 50 лицензий {p}", "Скидка на годовой тариф", "Продление договора {n}"],
            customer: [
                "Сколько будут стоить 50 лицензий {p} для офиса в городе {c}?",
                "Договор {n} заканчивается в следующем месяце; есть ли скидка при продлении на год?",
            ],
            reply: ["Во вложении коммерческое предложение со скидкой десять процентов.", "Продление подтверждено."]),
    ]

    static let firstNamesEnglish = [
        "John", "Mary", "Peter", "Linda", "James", "Susan", "Robert", "Emma", "David", "Anna",
    ]
    static let lastNamesEnglish = [
        "Smith", "Brown", "Taylor", "Wilson", "Clark", "Walker", "Hall", "Young", "King", "Wright",
    ]
    static let firstNamesRussian = [
        "Иван", "Мария", "Пётр", "Ольга", "Алексей", "Елена", "Сергей", "Наталья", "Дмитрий", "Юлия",
    ]
    static let lastNamesRussian = [
        "Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Козлова", "Новиков", "Морозова",
    ]

    static func name(_ language: Language, _ random: inout SeedRandom) -> String {
        switch language {
        case .english: "\(random.pick(firstNamesEnglish)) \(random.pick(lastNamesEnglish))"
        case .russian: "\(random.pick(firstNamesRussian)) \(random.pick(lastNamesRussian))"
        }
    }

    static func topic(_ language: Language, _ random: inout SeedRandom) -> Topic {
        random.pick(language == .english ? english : russian)
    }

    /// `template` with `{n}` a number, `{p}` a product and `{c}` a city of the language.
    static func fill(_ template: String, number: Int, _ language: Language, _ random: inout SeedRandom) -> String {
        template.replacingOccurrences(of: "{n}", with: String(number))
            .replacingOccurrences(of: "{p}", with: random.pick(products))
            .replacingOccurrences(of: "{c}", with: random.pick(language == .english ? citiesEnglish : citiesRussian))
    }

    static func greeting(_ language: Language, operator name: String) -> (String, String) {
        switch language {
        case .english: ("Hello,", "Best regards,\n\(name)")
        case .russian: ("Здравствуйте!", "С уважением,\n\(name)")
        }
    }
}
