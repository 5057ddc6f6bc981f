/// The console's only script, served at `/console.js` (the CSP allows `script-src 'self'` and nothing inline).
/// The page works without it; it adds keyboard shortcuts (r reply, n note, a assign to me, s solve, ? the list)
/// and, through `GET /events`, live updates: a change to the open ticket fetches `GET /console/tickets/N/live` and
/// swaps the header, thread and history in place (the "updated — reload" notice shows only when that fails), and
/// moves the action lists (status, priority, assignee, team) to the new values unless the operator has touched them.
enum ConsoleScript {
    static let source = """
        (function () {
          "use strict";
          var root = document.getElementById("console");
          if (!root) return;
          var ticket = root.getAttribute("data-ticket");
          function typing(e) {
            var t = e.target;
            return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
          }
          function submit(id) { var f = document.getElementById(id); if (f) f.submit(); }
          function focus(id) { var t = document.getElementById(id); if (t) { t.focus(); t.scrollIntoView({block: "center"}); } }
          document.addEventListener("keydown", function (e) {
            if (e.ctrlKey || e.metaKey || e.altKey || typing(e)) return;
            var help = document.getElementById("shortcuts");
            switch (e.key) {
              case "r": focus("reply-text"); break;
              case "n": focus("note-text"); break;
              case "a": submit("assign-me"); break;
              case "s": submit("solve"); break;
              case "?": if (help) help.hidden = !help.hidden; break;
              default: return;
            }
            e.preventDefault();
          });
          if (!window.EventSource) return;
          var live = document.getElementById("live");
          var url = root.getAttribute("data-live");
          var busy = false, again = false;
          function stale() { if (live) live.hidden = false; }
          // A list the operator has not touched since the last refresh follows the ticket; one they picked in stays.
          var lists = ["status", "priority", "assignee", "team"];
          lists.forEach(function (name) {
            var list = document.querySelector("select[name=" + name + "]");
            if (list) list.setAttribute("data-shown", list.value);
          });
          function follow(head) {
            lists.forEach(function (name) {
              var value = head.getAttribute("data-" + name);
              var list = document.querySelector("select[name=" + name + "]");
              if (!value || !list || list === document.activeElement) return;
              if (list.value !== list.getAttribute("data-shown")) return;
              list.value = value;
              list.setAttribute("data-shown", list.value);
            });
          }
          // Swaps the header, thread and history for fresh ones by id; the forms (a half-written reply) stay.
          function refresh() {
            if (!url || !window.fetch || !window.DOMParser) return stale();
            if (busy) { again = true; return; }
            busy = true;
            fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (r) {
              if (!r.ok || r.redirected) throw new Error("status " + r.status);
              return r.text();
            }).then(function (html) {
              var fresh = new DOMParser().parseFromString(html, "text/html");
              ["ticket-head", "thread", "history"].forEach(function (id) {
                var now = document.getElementById(id), next = fresh.getElementById(id);
                if (now && next) now.replaceWith(document.importNode(next, true));
              });
              var head = document.getElementById("ticket-head");
              if (head) follow(head);
            }).catch(stale).then(function () {
              busy = false;
              if (again) { again = false; refresh(); }
            });
          }
          var source = new EventSource("/events");
          source.addEventListener("ticket", function (e) {
            try {
              var change = JSON.parse(e.data);
              if (String(change.ticket) === ticket) refresh();
            } catch (ignored) {}
          });
        })();

        """
}

/// The console's own styles, served at `/console.css` after the portal's stylesheet.
enum ConsoleStylesheet {
    static let css = """
        body{max-width:64rem}
        .flash{padding:.5rem 1rem;border-radius:.4rem;background:#e8f6ea;border:1px solid #9ccfa5}
        .error{padding:.5rem 1rem;border-radius:.4rem;background:#fdecec;border:1px solid #e3a1a1}
        .actions{border-top:1px solid #dde;margin-top:1rem;padding-top:.5rem}
        .actions textarea{display:block;width:100%;max-width:40rem}
        .actions form.inline{margin-right:.6rem}
        kbd{border:1px solid #bbc;border-radius:.2rem;padding:0 .3rem;font-size:.85rem}

        """
}
