import Hummingbird

/// What the layout and its partials need on every page: the UI strings, the signed-in person, the CSRF token forms
/// carry, and the language switch link.
struct PageChrome {
    var strings: UIStrings
    /// `{"name": …}` when someone is signed in.
    var signedIn: [String: String]?
    var csrf: String
    var languageSwitch: String

    /// English, nobody signed in, no forms: what a page rendered outside a request (tests) shows.
    static let plain = PageChrome(strings: .english, signedIn: nil, csrf: "", languageSwitch: "?lang=ru")

    init(strings: UIStrings, signedIn: [String: String]?, csrf: String, languageSwitch: String) {
        self.strings = strings
        self.signedIn = signedIn
        self.csrf = csrf
        self.languageSwitch = languageSwitch
    }

    init(_ context: PortalRequestContext) {
        self.init(
            strings: context.language.strings, signedIn: context.session.map { ["name": $0.name] },
            csrf: context.csrf, languageSwitch: context.languageSwitch)
    }
}

/// Layout values plus the page's view, flattened into one template value: `title`, `t` (the UI strings),
/// `signedIn`, `csrf`, `langSwitch`, then the view's own values (or keys, for a dictionary); the layout's names win.
enum PageContext {
    static func value(title: String, chrome: PageChrome, view: Any) -> TemplateValue {
        var values: [String: TemplateValue] = [:]
        if case .object(let own)? = TemplateValue.of(view) { values = own }
        values["title"] = .text(title)
        values["t"] = TemplateValue.of(chrome.strings)
        values["signedIn"] = chrome.signedIn.map { .object($0.mapValues(TemplateValue.text)) }
        values["csrf"] = .text(chrome.csrf)
        values["langSwitch"] = .text(chrome.languageSwitch)
        return .object(values)
    }
}

extension PageLibrary {
    /// The page as a response.
    func page(
        _ page: Page, title: String, view: some Encodable = [String: String](), chrome: PageChrome,
        status: HTTPResponse.Status = .ok
    ) -> HTMLPage {
        HTMLPage(
            status: status,
            html: render(page, PageContext.value(title: title, chrome: chrome, view: view)))
    }
}
