/// The queue page's only script, served at `/queue.js` (the Content-Security-Policy allows scripts from us only,
/// never inline): `/` focuses the search box, `j`/`k` move through the rows, Enter opens the current one. The page
/// works without it: every row is a link and the filters are a plain GET form.
enum QueueScript {
    static let js = """
        (function () {
          var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-href]"));
          var at = -1;
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
        })();

        """
}
