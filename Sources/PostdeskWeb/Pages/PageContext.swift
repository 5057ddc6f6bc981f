import Hummingbird
import Mustache

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

/// Layout values plus the page's view, flattened for Mustache: `title`, `t` (the UI strings), `signedIn`, `csrf`,
/// `langSwitch`, then the view's own properties (or keys, for a dictionary).
///
/// The strings and the view are wrapped in ``ReflectedView`` once, here: Mustache's own lookup reflects a struct's
/// every property on each `{{name}}`.
struct PageContext: MustacheParent {
    var title: String
    var chrome: PageChrome
    private let strings: Any?
    private let view: Any?

    init(title: String, chrome: PageChrome, view: Any) {
        self.title = title
        self.chrome = chrome
        strings = ReflectedView.wrap(chrome.strings)
        self.view = ReflectedView.wrap(view)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": return title
        case "t": return strings
        case "signedIn": return chrome.signedIn
        case "csrf": return chrome.csrf
        case "langSwitch": return chrome.languageSwitch
        default: return (view as? any MustacheParent)?.child(named: name)
        }
    }
}

extension PageLibrary {
    /// The page as a response.
    func page(
        _ page: Page, title: String, view: Any = [String: String](), chrome: PageChrome,
        status: HTTPResponse.Status = .ok
    ) -> HTMLPage {
        HTMLPage(
            status: status,
            html: render(page, PageContext(title: title, chrome: chrome, view: view)))
    }
}
