/// The portal's only stylesheet, served at `/portal.css`: an own resource, so pages need no inline `<style>` and the
/// Content-Security-Policy can say `style-src 'self'`.
enum PortalStylesheet {
    static let css = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
        header{border-bottom:1px solid #dde;margin-bottom:1rem}
        .status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eef;font-size:.9rem}
        .msg{border:1px solid #dde;border-radius:.6rem;padding:.6rem 1rem;margin:.8rem 0;max-width:85%}
        .msg.support{margin-left:auto;background:#f3f7ff}
        .msg.new-participant{border-style:dashed;background:#fffaf0}
        .flag{margin:.3rem 0;color:#8a5300;font-size:.85rem}
        .meta{color:#667;font-size:.85rem}
        pre{white-space:pre-wrap;font:inherit;margin:.3rem 0}
        .msg.internal{margin-left:auto;background:#fff6d5;border-color:#e6c85a}
        table{border-collapse:collapse;font-size:.9rem}td{padding:.15rem .6rem;border-bottom:1px solid #eee}
        .topbar{display:flex;gap:.8rem;justify-content:flex-end;align-items:center}
        form.inline{display:inline}.stack label{display:block;margin:.5rem 0}
        .stack input{display:block;width:100%;max-width:24rem;padding:.3rem}th{text-align:left;padding:.15rem .6rem}
        .event{text-align:center;margin:.4rem 0}.notice{background:#eef8ee;border-radius:.4rem;padding:.4rem .8rem}
        .hint{background:#f3f7ff;border:1px solid #cdd9f5;border-radius:.6rem;padding:.4rem 1rem;margin:1rem 0}
        iframe.mail-html{width:100%;height:24rem;border:1px solid #dde;background:#fff}
        .stack textarea,.stack select{display:block;width:100%;padding:.3rem}.field.invalid input{border-color:#c33}
        .admin-nav{display:flex;flex-wrap:wrap;gap:.8rem}textarea{width:100%;font:14px monospace}
        pre.raw{font:13px monospace;background:#f6f6f8;padding:.5rem;overflow-x:auto}.findings .error{color:#a3000b}
        .tabs a{margin-right:.8rem}.tabs a.current{font-weight:600}.queue tr.current{background:#eef4ff}
        .filters{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}

        """
}
