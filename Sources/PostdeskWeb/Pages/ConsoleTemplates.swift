import Mustache

extension PageTemplates {
    /// One ticket as an operator sees it. Every value is escaped by Mustache; no script runs on the page.
    static let consoleTicket = try! MustacheTemplate(
        string: layoutStart + """
            <header><h1>[#{{number}}] {{subject}}</h1>
            <p><span class="status status-{{status}}">{{statusLabel}}</span>
            <span class="meta">priority {{priority}} · team {{team}} · assignee {{assignee}} · mailbox {{mailbox}}</span></p>
            <p class="meta">Customer {{customer}} · tags {{tags}} · opened {{createdAt}} · updated {{updatedAt}}</p></header>
            <main>
            {{#entries}}
            <article class="msg {{kind}}">
            <div class="meta">{{kindLabel}} · {{author}} · {{at}}</div>
            <pre>{{text}}</pre>
            {{#fullText}}<details><summary class="meta">Whole mail</summary><pre>{{.}}</pre></details>{{/fullText}}
            {{#attachments}}<div class="meta">📎 {{.}}</div>{{/attachments}}
            </article>
            {{/entries}}
            {{#hasLaterNotes}}<p class="flag">{{laterNotes}} internal note(s) written after this link was sent are not shown; open the latest notification's link.</p>{{/hasLaterNotes}}
            <h2>Time</h2>
            <table>{{#times}}<tr><td>{{date}}</td><td>{{operatorName}}</td><td>{{minutes}} min</td><td>{{workType}}</td></tr>{{/times}}
            <tr><td colspan="2">Total</td><td>{{totalMinutes}} min</td><td></td></tr></table>
            <h2>History</h2>
            <table>{{#events}}<tr><td class="meta">{{at}}</td><td>{{kind}}</td><td>{{detail}}</td></tr>{{/events}}</table>
            </main>
            <footer class="meta"><p>Opened for {{viewer}} by the link in a notification, valid until {{linkExpires}}.
            Reply to that notification to answer the customer; lines such as <code>#internal</code>,
            <code>#assign me</code> or <code>#status solved</code> at its top act on the ticket.</p></footer>
            </body></html>
            """)

    /// The one answer for every console link that does not open its ticket, whatever the reason.
    static let consoleRefused = try! MustacheTemplate(
        string: layoutStart + """
            <h1>This link does not open a ticket</h1>
            <p>It is not valid, has expired, or its operator is disabled. Open the link in the latest notification about
            the ticket.</p>
            </body></html>
            """)
}
