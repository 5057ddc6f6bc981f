/// The queue page's only script, served at `/queue.js` (the Content-Security-Policy allows scripts from us only,
/// never inline): `/` focuses the search box, `j`/`k` move through the rows, Enter opens the current one. The page
/// works without it: every row is a link and the filters are a plain GET form. Through `GET /events` it counts the
/// tickets changed since the page was loaded and offers "Show", which fetches this same page and swaps its results
/// in, keeping the search box and the operator's place.
enum QueueScript {
    static let js = """
        (function () {
          var rows = [], at = -1;
          function collect() { rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-href]")); at = -1; }
          collect();
          function select(i) {
            if (!rows.length) return;
            if (at >= 0) rows[at].classList.remove("current");
            at = Math.max(0, Math.min(rows.length - 1, i));
            rows[at].classList.add("current");
            rows[at].scrollIntoView({block: "nearest"});
          }
          document.addEventListener("keydown", function (e) {
            var t = e.target;
            if (e.ctrlKey || e.metaKey || e.altKey) return;
            if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) {
              if (e.key === "Escape") t.blur();
              return;
            }
            if (e.key === "/") { var q = document.getElementById("q"); if (q) { e.preventDefault(); q.focus(); } }
            else if (e.key === "j") select(at + 1);
            else if (e.key === "k") select(at - 1);
            else if (e.key === "Enter" && at >= 0) window.location.href = rows[at].getAttribute("data-href");
          });
          var bar = document.getElementById("queue-live"), count = document.getElementById("queue-live-count");
          var show = document.getElementById("queue-live-show");
          if (!bar || !window.EventSource || !window.fetch || !window.DOMParser) return;
          var changed = {};
          new EventSource("/events").addEventListener("ticket", function (e) {
            try { changed[JSON.parse(e.data).ticket] = true; } catch (ignored) { return; }
            count.textContent = String(Object.keys(changed).length);
            bar.hidden = false;
          });
          show.addEventListener("click", function () {
            fetch(window.location.href, {credentials: "same-origin", cache: "no-store"}).then(function (r) {
              if (!r.ok || r.redirected) throw new Error("status " + r.status);
              return r.text();
            }).then(function (html) {
              var next = new DOMParser().parseFromString(html, "text/html").getElementById("queue-results");
              var now = document.getElementById("queue-results");
              if (!next || !now) throw new Error("no results");
              now.replaceWith(document.importNode(next, true));
              changed = {};
              bar.hidden = true;
              collect();
            }).catch(function () { window.location.reload(); });
          });
        })();

        """
}
