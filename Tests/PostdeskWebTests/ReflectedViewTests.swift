import Foundation
import Mustache
import Testing

@testable import PostdeskWeb

/// ``ReflectedView`` renders exactly what Mustache renders from the plain value: it only reads each value's
/// properties once instead of on every `{{name}}`.
struct ReflectedViewTests {
    struct Line {
        var number: Int64
        var subject: String
        var note: String?
        var urgent: Bool
    }

    final class Owner {
        let name: String
        init(name: String) { self.name = name }
    }

    enum Mood: String { case calm, angry }

    struct View {
        var title: String
        var lines: [Line]
        var tags: [String]
        var empty: [Line]
        var owner: Owner
        var missing: String?
        var present: String?
        var nested: Line?
        var mood: Mood
        var count: Int
        var ratio: Double
        var when: Date
        var flag: Bool
    }

    static var view: View {
        View(
            title: "Queue <b>&</b> \"more\"",
            lines: [
                Line(number: 1, subject: "Printer on fire", note: nil, urgent: true),
                Line(number: 2, subject: "Счёт <script>", note: "call back", urgent: false),
            ],
            tags: ["a", "b<"], empty: [], owner: Owner(name: "Ada"), missing: nil, present: "here",
            nested: Line(number: 3, subject: "inner", note: "n", urgent: false), mood: .angry, count: 7, ratio: 0.5,
            when: Date(timeIntervalSince1970: 1_800_000_000), flag: false)
    }

    @Test(
        "a template renders the same from the wrapped view as from the plain one",
        arguments: [
            "{{title}} {{{title}}} {{count}} {{ratio}} {{mood}} {{when}} {{flag}}",
            "{{#lines}}[{{number}} {{subject}} {{#urgent}}!{{/urgent}}{{^urgent}}.{{/urgent}}]{{/lines}}",
            // An absent optional is no value: the lookup climbs to the view, whose `title` is found.
            "{{#lines}}{{note}}|{{#note}}has {{.}}{{/note}}{{^note}}none{{/note}}|{{title}}{{/lines}}",
            "{{#tags}}<{{.}}>{{/tags}}{{^empty}}no lines{{/empty}}{{#empty}}never{{/empty}}",
            "{{owner.name}} {{#owner}}{{name}}{{/owner}} {{missing}}{{^missing}}gone{{/missing}} {{present}}",
            "{{nested.subject}} {{#nested}}{{number}} {{note}} {{title}}{{/nested}} {{nested.note}} {{nowhere}}",
            "{{#flag}}on{{/flag}}{{^flag}}off{{/flag}} {{#mood}}{{.}}{{/mood}} {{#lines}}{{#first}}{{/first}}{{/lines}}",
        ])
    func sameRendering(_ text: String) throws {
        // Given a template and a view of structs, a class, optionals, arrays, enums, numbers and dates
        let template = try MustacheTemplate(string: text)
        // When it is rendered from the plain view and from the wrapped one
        let plain = template.render(Self.view)
        let wrapped = template.render(try #require(ReflectedView.wrap(Self.view)))
        // Then the output is the same
        #expect(wrapped == plain)
    }

    @Test("an optional is unwrapped, an empty one is no value, text and dictionaries pass as they are")
    func wrapping() {
        let some: String? = "x"
        let none: Line? = nil
        #expect(ReflectedView.wrap(some as Any) as? String == "x")
        #expect(ReflectedView.wrap(none as Any) == nil)
        #expect(ReflectedView.wrap(["k": "v"]) as? [String: String] == ["k": "v"])
        #expect(ReflectedView.wrap(Self.view.lines[0]) is ReflectedView)
        #expect((ReflectedView.wrap(Self.view.lines) as? [Any])?.allSatisfy { $0 is ReflectedView } == true)
    }

    @Test("a page's context reads the layout values, then the view's properties, an absent one as no value")
    func pageContext() throws {
        // Given a page context over a view
        let context = PageContext(title: "T", chrome: .plain, view: Self.view)
        // Then the layout's names and the view's are found, and a nil property is nothing
        #expect(context.child(named: "title") as? String == "T")
        #expect(context.child(named: "csrf") as? String == "")
        #expect(context.child(named: "count") as? Int == 7)
        #expect(context.child(named: "missing") == nil)
        #expect(context.child(named: "nowhere") == nil)
        let strings = try #require(context.child(named: "t") as? any MustacheParent)
        #expect(strings.child(named: "lang") as? String == UIStrings.english.lang)
    }
}
