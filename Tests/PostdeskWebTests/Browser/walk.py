#!/usr/bin/env python3
"""The portal and the console walked in a real headless Chromium (issue 10, "How it will be checked").

Run by BrowserWalkTests, which starts the live server and seeds it; not meant to be run by hand. Arguments come in
the environment:

  WALK_BASE       the server's base URL (http://127.0.0.1:PORT)
  WALK_ARTIFACTS  the directory the screenshots go to (NN-step.png)
  WALK_CHROMIUM   Debian's Chromium (/usr/bin/chromium); Playwright never downloads a browser here

The script talks to the test over stdio, one JSON object a line: it asks ({"ask": "mail", ...}) and reads one answer
line from stdin; it reports each step ({"step": ...}) and ends with {"result": {...}}. Any failed expectation raises,
so the exit status is non-zero and stderr says which step and why.
"""

import json
import os
import re
import sys

from playwright.sync_api import Error, expect, sync_playwright

BASE = os.environ["WALK_BASE"]
ARTIFACTS = os.environ["WALK_ARTIFACTS"]
CHROMIUM = os.environ.get("WALK_CHROMIUM", "/usr/bin/chromium")

CUSTOMER = {"name": "Ivan", "surname": "Petrov", "email": "ivan@example.ru", "password": "correct horse battery"}
OPERATOR = {"email": "anna@support.test", "password": os.environ.get("WALK_OPERATOR_PASSWORD", "")}
ATTACHMENT = {"name": "printer-log.txt", "mimeType": "text/plain", "buffer": b"paper jam at 14:02\n"}

shots = []
console = []
page_errors = []
step_number = 0


def send(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def ask(**question):
    """Asks the test for something only the server's side knows (a mail in the outbox); its one-line JSON answer."""
    send({"ask": question})
    line = sys.stdin.readline()
    if not line:
        raise RuntimeError(f"the test closed stdin instead of answering {question}")
    return json.loads(line)


def shot(page, name):
    """A full-page screenshot of the step, numbered in walk order."""
    global step_number
    step_number += 1
    path = os.path.join(ARTIFACTS, f"{step_number:02d}-{name}.png")
    page.screenshot(path=path, full_page=True)
    # An absent optional must render as nothing, never as Swift's "nil"
    assert not re.search(r"\bnil\b", page.inner_text("body")), f"{name}: the page shows 'nil'"
    shots.append(path)
    send({"step": name, "url": page.url, "screenshot": path})


def watch(page, who):
    """Collects console messages (CSP and sandbox refusals arrive as errors) and uncaught script errors."""
    page.on("console", lambda m: console.append({"who": who, "type": m.type, "text": m.text}))
    page.on("pageerror", lambda e: page_errors.append({"who": who, "error": str(e)}))


def not_pwned(page, where):
    """Nothing from the scripted mail ran: no flag on the page, the title untouched, the frames' titles untouched."""
    assert page.evaluate("() => window.pwned") is None, f"{where}: window.pwned is set"
    assert "pwned" not in page.title(), f"{where}: the title changed to {page.title()!r}"
    for frame in page.frames:
        try:
            flag = frame.evaluate("() => [window.pwned, document.title]")
        except Exception:  # a sandboxed frame may refuse evaluation altogether: then nothing could run either
            continue
        assert flag[0] is None and "pwned" not in (flag[1] or ""), f"{where}: a frame ran the mail's script: {flag}"


def submit(page, form):
    """Presses the form's submit button and waits for the page it leads to."""
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def operator_sign_in(page, email):
    """Signs in on /login; an operator is sent to GET /console. The answer to that (the queue, or a 404 while the
    queue is not on this branch, which Chromium shows as its own error page)."""
    page.goto(BASE + "/login")
    login = page.locator("form[action='/login']")
    login.locator("input[name=email]").fill(email)
    login.locator("input[name=password]").fill(OPERATOR["password"])
    with page.expect_response(BASE + "/console") as landed:
        try:
            with page.expect_navigation():
                login.locator("button[type=submit]").click()
        except Error as error:  # a 404 without a body ends in Chromium's error page, as a navigation failure
            if "ERR_HTTP_RESPONSE_CODE_FAILURE" not in str(error):
                raise
            page.wait_for_url(lambda url: url.startswith("chrome-error:"))  # committed: the next goto is not cut
    return landed.value


def customer_path(browser):
    context = browser.new_context(locale="en-US", accept_downloads=True)
    page = context.new_page()
    watch(page, "customer")

    # Sign up with three fields
    page.goto(BASE + "/signup")
    shot(page, "signup")
    page.fill("input[name=name]", CUSTOMER["name"])
    page.fill("input[name=surname]", CUSTOMER["surname"])
    page.fill("input[name=email]", CUSTOMER["email"])
    submit(page, page.locator("form[action='/signup']"))
    expect(page.locator("body")).to_contain_text("a mail with your login is on its way")
    shot(page, "signup-done")

    # The login mail: the test renders it from the outbox, as the relay would send it; the link is in its text
    mail = ask(ask="mail", to=CUSTOMER["email"], template="account_signup")
    link = mail["link"]
    assert link.startswith(BASE + "/password/"), f"the mail's link is {link!r}"
    page.goto(link)
    shot(page, "set-password")
    page.fill("input[name=password]", CUSTOMER["password"])
    submit(page, page.locator("form[method=post]").filter(has=page.locator("input[name=password]")))
    expect(page).to_have_url(BASE + "/tickets")

    # Sign out, then in with the new password
    submit(page, page.locator("form[action='/logout']"))
    page.goto(BASE + "/login")
    shot(page, "login")
    login = page.locator("form[action='/login']")
    login.locator("input[name=email]").fill(CUSTOMER["email"])
    login.locator("input[name=password]").fill(CUSTOMER["password"])
    submit(page, login)
    expect(page).to_have_url(BASE + "/tickets")
    expect(page.locator("table.tickets")).to_contain_text("Printer on fire")
    shot(page, "tickets")

    # Open a ticket through the form
    with page.expect_navigation():
        page.click("a[href='/tickets/new']")
    shot(page, "new-ticket-form")
    page.fill("[name=subject]", "Scanner makes noises")
    page.fill("[name=text]", "It squeaks every morning.")
    submit(page, page.locator("form[action='/tickets/new']"))
    expect(page.locator("p.notice")).to_contain_text("Your ticket is open")
    expect(page.locator("h1")).to_contain_text("Scanner makes noises")
    match = re.search(r"/tickets/(\d+)", page.url)
    assert match, f"after the form the page is {page.url}"
    number = int(match.group(1))

    # Reply with an attachment, then see both in the thread
    reply = page.locator("form#reply")
    reply.locator("textarea[name=text]").fill("Here is the log.")
    reply.locator("input[name=files]").set_input_files(ATTACHMENT)
    submit(page, reply)
    expect(page.locator("p.notice")).to_contain_text("Your message was sent")
    last = page.locator("main.chat article.msg").last
    expect(last).to_contain_text("Here is the log.")
    file_link = last.locator("a", has_text=ATTACHMENT["name"])
    expect(file_link).to_be_visible()
    shot(page, "ticket-reply-with-file")
    # The link serves the same bytes (with the customer's cookies)
    answer = context.request.get(BASE + file_link.get_attribute("href"))
    assert answer.status == 200 and answer.body() == ATTACHMENT["buffer"], f"the file answered {answer.status}"

    # The scripted HTML mail on the customer's page: shown in a sandboxed frame, nothing runs
    page.goto(BASE + "/tickets/1")
    details = page.locator("details:has(iframe.mail-html)")
    if not details.evaluate("d => d.open"):  # closed while remote images wait for a click
        details.locator("summary").click()
    frame_element = page.locator("iframe.mail-html")
    expect(frame_element).to_have_attribute("sandbox", "")
    frame = page.frame_locator("iframe.mail-html")
    expect(frame.locator("a#js")).to_be_visible()
    frame.locator("a#js").click()
    expect(frame.locator("body")).to_contain_text("Hello from HTML")
    not_pwned(page, "customer ticket page")
    shot(page, "customer-html-mail")

    context.close()
    return number


def operator_path(browser, number):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    watch(page, "operator")

    queue = operator_sign_in(page, OPERATOR["email"])
    assert queue.status in (200, 404), f"GET /console answered {queue.status}"

    # The queue (GET /console): all tickets list the customer's; a search by a word of its message finds it, and
    # its link opens the ticket. While the queue page is not on the branch (a 404), the walk opens the ticket by URL.
    queue_walked = False
    if queue.status == 200:
        page.wait_for_load_state()
        with page.expect_navigation():
            page.locator("nav.tabs a[href*='view=all']").click()
        expect(page.locator(f"table.queue a[href='/console/tickets/{number}']")).to_be_visible()
        shot(page, "console-queue")
        page.fill("input#q", "squeaks")
        with page.expect_navigation():
            page.press("input#q", "Enter")
        rows = page.locator("table.queue a[href^='/console/tickets/']")
        expect(rows).to_have_count(1)
        expect(rows.first).to_have_attribute("href", f"/console/tickets/{number}")
        shot(page, "console-search")
        with page.expect_navigation():
            rows.first.click()
        queue_walked = True
    else:
        page.goto(f"{BASE}/console/tickets/{number}")
    expect(page.locator("h1")).to_contain_text("Scanner makes noises")
    expect(page.locator("main")).to_contain_text("Here is the log.")
    shot(page, "console-ticket")

    # Reply (relayed by mail: the test finds it in the outbox)
    page.keyboard.press("r")  # console.js: r focuses the reply
    expect(page.locator("#reply-text")).to_be_focused()
    page.keyboard.type("Please oil the roller.")
    submit(page, page.locator("form[action^='/console/tickets/%d/reply']" % number))
    expect(page.locator("p.flash[role=status]")).to_contain_text("Your reply is on its way")

    # An internal note, shown marked
    page.keyboard.press("n")
    expect(page.locator("#note-text")).to_be_focused()
    page.keyboard.type("Probably the warranty case.")
    submit(page, page.locator("form[action^='/console/tickets/%d/note']" % number))
    note = page.locator("article.msg.internal").last
    expect(note).to_contain_text("Probably the warranty case.")
    expect(note.locator(".meta").first).to_contain_text("Internal note")
    shot(page, "console-reply-and-note")

    # Live update (GET /events, then GET /console/tickets/N/live swapped in by console.js): a second operator's note
    # and tag appear on Anna's open page without a reload, and her half-written reply stays as she left it
    page.fill("#reply-text", "Half-written answer")
    page.locator("select[name=status]").select_option("pending")  # picked, not yet submitted: stays as picked
    marker = page.evaluate("() => (window.walkMarker = String(Math.random()))")
    boris_context = browser.new_context(locale="en-US")
    boris = boris_context.new_page()
    watch(boris, "operator-2")
    operator_sign_in(boris, "boris@support.test")
    boris.goto(f"{BASE}/console/tickets/{number}")
    boris.fill("#note-text", "Boris checked the roller.")
    submit(boris, boris.locator("form[action^='/console/tickets/%d/note']" % number))
    boris.fill("input[name=add]", "scanner")
    submit(boris, boris.locator("form[action='/console/tickets/%d/tags']" % number))
    priority = boris.locator("form[action='/console/tickets/%d/priority']" % number)
    priority.locator("select[name=priority]").select_option("high")
    submit(boris, priority)
    boris_context.close()
    expect(page.locator("#thread")).to_contain_text("Boris checked the roller.", timeout=15_000)
    expect(page.locator("#ticket-head")).to_contain_text("scanner", timeout=15_000)
    assert page.evaluate("() => window.walkMarker") == marker, "the page was reloaded"
    expect(page.locator("#reply-text")).to_have_value("Half-written answer")
    expect(page.locator("select[name=priority]")).to_have_value("high", timeout=15_000)  # untouched: follows
    expect(page.locator("select[name=status]")).to_have_value("pending")  # Anna's pick stays
    expect(page.locator("#live")).to_be_hidden()
    shot(page, "console-live-update")
    page.fill("#reply-text", "")

    # Assign to me and solve, by the keyboard shortcuts
    page.locator("h1").click()  # away from any field, so the keys are shortcuts
    with page.expect_navigation():
        page.keyboard.press("a")
    expect(page.locator("p.flash[role=status]")).to_contain_text("The assignment is saved")
    expect(page.locator("header")).to_contain_text("Anna")
    with page.expect_navigation():
        page.keyboard.press("s")
    expect(page.locator("p.flash[role=status]")).to_contain_text("The status is saved")
    expect(page.locator("header .status")).to_have_text("solved")

    # A time entry
    time = page.locator("form[action='/console/tickets/%d/time']" % number)
    time.locator("input[name=duration]").fill("45m")
    time.locator("select[name=work_type]").select_option("consulting")
    submit(page, time)
    expect(page.locator("p.flash[role=status]")).to_contain_text("The time is logged")
    expect(page.locator("table").filter(has_text="45 min").first).to_contain_text("consulting")
    shot(page, "console-assigned-solved-time")

    # The scripted mail in the console: text only, nothing runs
    page.goto(BASE + "/console/tickets/1")
    expect(page.locator("main")).to_contain_text("<script>")
    not_pwned(page, "console ticket page")
    shot(page, "console-html-mail")

    # The admin pages open for an admin only: Anna is an operator
    answer = context.request.get(BASE + "/admin", max_redirects=0)
    assert answer.status == 403, f"an operator got /admin with {answer.status}"
    context.close()
    return queue_walked


def admin_path(browser):
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    watch(page, "admin")
    operator_sign_in(page, "boris@support.test")
    page.goto(BASE + "/admin")
    expect(page.locator("h1")).to_be_visible()
    shot(page, "admin")
    context.close()


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        try:
            number = customer_path(browser)
            queue_walked = operator_path(browser, number)
            admin_path(browser)
        finally:
            browser.close()
    send({
        "result": {
            "ticket": number, "queueWalked": queue_walked, "screenshots": shots, "console": console,
            "pageErrors": page_errors,
        }
    })


if __name__ == "__main__":
    main()
