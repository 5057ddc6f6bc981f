import Foundation
import Mustache
import Testing

@testable import PostdeskWeb

/// ``PageTemplate`` renders what Mustache (swift-mustache, the library the page templates were written for)
/// renders from the same values: the same lookups up the stack, sections, escaping, partials and parents; it only
/// reads its values from a ``TemplateValue`` instead of reflecting them on every `{{name}}`.
struct PageTemplateTests {
    struct Line: Encodable {
        var number: Int64
        var subject: String
        var note: String?
        var urgent: Bool
    }

    final class Owner: Encodable {
        let name: String
        init(name: String) { self.name = name }
    }

    enum Mood: String, Encodable { case calm, angry }

    struct View: Encodable {
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
        var flag: Bool
        var blank: String
        var poem: String
    }

    static var view: View {
        View(
            title: "Queue <b>&</b> \"more\" 'quoted'",
            lines: [
                Line(number: 1, subject: "Printer on fire", note: nil, urgent: true),
                Line(number: 2, subject: "Счёт <script>", note: "call back", urgent: false),
            ],
            tags: ["a", "b<"], empty: [], owner: Owner(name: "Ada"), missing: nil, present: "here",
            nested: Line(number: 3, subject: "inner", note: "n", urgent: false), mood: .angry, count: 7, ratio: 0.5,
            flag: false, blank: "", poem: "first line\n  second line\nthird")
    }

    /// Partials and parents both libraries are given.
    static let partials = [
        "row": "<li>{{subject}}</li>\n",
        "list": "<ul>\n  {{> row}}\n</ul>\n",
        "layout": "<html>\n<title>{{$title}}Default{{/title}}</title>\n{{$body}}empty{{/body}}\n</html>\n",
        "frame": "{{<layout}}{{$body}}[frame {{$inner}}x{{/inner}}]{{/body}}{{/layout}}",
        "pre": "<pre>{{poem}}</pre>\n<p>\n{{#lines}}\n<i>{{subject}}</i>\n{{/lines}}\n</p>\n",
    ]

    @Test(
        "a template renders as Mustache renders it",
        arguments: [
            "{{title}} {{{title}}} {{& title}} {{count}} {{ratio}} {{mood}} {{flag}} [{{blank}}]",
            "{{#lines}}[{{number}} {{subject}} {{#urgent}}!{{/urgent}}{{^urgent}}.{{/urgent}}]{{/lines}}",
            // An absent optional is no value: the lookup climbs to the view, whose `title` is found.
            "{{#lines}}{{note}}|{{#note}}has {{.}}{{/note}}{{^note}}none{{/note}}|{{title}}{{/lines}}",
            "{{#tags}}<{{.}}>{{/tags}}{{^empty}}no lines{{/empty}}{{#empty}}never{{/empty}}",
            "{{owner.name}} {{#owner}}{{name}}{{/owner}} {{missing}}{{^missing}}gone{{/missing}} {{present}}",
            "{{nested.subject}} {{#nested}}{{number}} {{note}} {{title}}{{/nested}} {{nested.note}} {{nowhere}}",
            "{{#flag}}on{{/flag}}{{^flag}}off{{/flag}} {{#mood}}{{.}}{{/mood}} {{#blank}}blank shows{{/blank}}",
            // A dotted name stops where its first part is found: `nested.title` is not the view's title.
            "{{#nested}}{{.subject}}|{{.title}}|{{nested.title}}{{/nested}}",
            // Standalone lines go with their tags; others keep their whitespace.
            "<ul>\n  {{#lines}}\n  <li>{{subject}}</li>\n  {{/lines}}\n</ul>\n{{! a comment\nover lines }}\nend",
            "a {{#flag}} b {{/flag}} c\n  {{^flag}}  \n  d\n  {{/flag}}  \ne",
            "{{> list}}{{#lines}}{{> row}}{{/lines}}",
            "{{<layout}}{{$title}}Mine{{/title}}{{$body}}<p>{{title}}</p>{{/body}}{{/layout}}",
            "{{<frame}}{{$inner}}{{count}}{{/inner}}{{/frame}}",
            "{{<layout}}{{/layout}}",
        ])
    func sameAsMustache(_ text: String) throws {
        // Given a template, its partials, and a view of structs, a class, optionals, lists, an enum and numbers
        var reference = MustacheLibrary()
        var library: [String: PageTemplate] = [:]
        for (name, partial) in Self.partials {
            try reference.register(partial, named: name)
            library[name] = try PageTemplate(partial)
        }
        try reference.register(text, named: "page")
        library["page"] = try PageTemplate(text)
        // When both render it
        let expected = try #require(reference.render(Self.view, withTemplate: "page"))
        let value = try #require(TemplateValue.of(Self.view))
        let rendered = try #require(library["page"]).render(value, library: library)
        // Then the output is the same
        #expect(rendered == expected)
    }

    @Test(
        "a template that cannot be rendered is refused when it is loaded, with its line",
        arguments: [
            ("a\n{{#open}}never closed", 2), ("{{/stray}}", 1), ("{{#a}}{{/b}}", 1), ("x\n\n{{=<% %>=}}", 3),
            ("{{unclosed", 1), ("{{}}", 1), ("{{lambda(x)}}", 1),
        ])
    func refused(_ text: String, line: Int) {
        #expect {
            try PageTemplate(text)
        } throws: { error in
            (error as? PageTemplate.ParseError)?.line == line
        }
    }

    @Test("a standalone partial's lines are indented as its tag is, nested partials' twice, a value's own lines not")
    func indentation() throws {
        // Given a partial with a multi-line value in a <pre>, indented inside a page, and a nested indented partial
        var library: [String: PageTemplate] = [:]
        for (name, partial) in Self.partials { library[name] = try PageTemplate(partial) }
        let page = try PageTemplate("<div>\n  {{> pre}}\n  <ul>\n    {{> list}}\n  </ul>\n</div>\n")
        // When it renders
        let rendered = page.render(try #require(TemplateValue.of(Self.view)), library: library)
        // Then the partials' lines carry their tags' indentation and the message keeps its text exactly
        #expect(
            rendered == """
                <div>
                  <pre>first line
                  second line
                third</pre>
                  <p>
                  <i>Printer on fire</i>
                  <i>Счёт &lt;script&gt;</i>
                  </p>
                  <ul>
                    <ul>
                      <li></li>
                    </ul>
                  </ul>
                </div>

                """)
    }

    @Test("a partial that includes itself stops at a fixed depth instead of exhausting the stack")
    func selfInclusion() throws {
        let library = ["loop": try PageTemplate("x{{> loop}}"), "page": try PageTemplate("[{{> loop}}]")]
        let rendered = try #require(library["page"]).render(.object([:]), library: library)
        #expect(rendered == "[" + String(repeating: "x", count: 32) + "]")
    }

    @Test("every character that could open markup or leave an attribute is escaped, the rest kept")
    func escaping() {
        #expect(
            HTMLEscape.escaped(#"<a href="x" onclick='y'>&amp;</a>"#)
                == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(HTMLEscape.escaped("Счёт №5 — ok") == "Счёт №5 — ok")
        #expect(HTMLEscape.escaped("") == "")
    }

    @Test("a view's values: absent optionals are left out, numbers are text, dictionaries keep their keys")
    func values() throws {
        let value = try #require(TemplateValue.of(Self.view))
        #expect(value["missing"] == nil)
        #expect(value["count"] == .text("7"))
        #expect(value["nested"]?["number"] == .text("3"))
        #expect(value["lines"].map { if case .list(let rows) = $0 { rows.count } else { 0 } } == 2)
        let dictionary: [String: Any] = ["a": "x", "b": true, "c": ["y"], "d": String?.none as Any, "e": 7]
        #expect(
            TemplateValue.of(dictionary)
                == .object(["a": .text("x"), "b": .flag(true), "c": .list([.text("y")]), "e": .text("7")]))
    }

    @Test("a page's context reads the layout values, then the view's, the layout's names winning")
    func pageContext() throws {
        // Given a page context over a view with a `title` of its own
        let context = PageContext.value(title: "T", chrome: .plain, view: Self.view)
        // Then the layout's names and the view's are found, and a nil property is nothing
        #expect(context["title"] == .text("T"))
        #expect(context["csrf"] == .text(""))
        #expect(context["count"] == .text("7"))
        #expect(context["missing"] == nil)
        #expect(context["signedIn"] == nil)
        #expect(context["t"]?["lang"] == .text(UIStrings.english.lang))
    }
}
