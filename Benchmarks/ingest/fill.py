#!/usr/bin/env python3
"""fill.py STATE_DIR ADDRESS COUNT [ACK_USER]: write COUNT varied mails into ADDRESS's Maildir (faster than SMTP).

Every mail has its own sender (a plus address of ACK_USER@example.test, default customer1, so every acknowledgement
is delivered into one mailbox the benchmark can count; give each run a fresh one, since Dovecot's delivery into a
Maildir slows with the thousands of mails earlier runs left there), Message-ID and subject; one in four is multipart with an attachment, one in four is
Cyrillic with an encoded-word subject, so the benchmark exercises MIME, charsets, threading and the outbox."""
import base64
import os
import pwd
import sys
import time

state, address, count = sys.argv[1], sys.argv[2].lower(), int(sys.argv[3])
ack_user = sys.argv[4] if len(sys.argv) > 4 else "customer1"
local, domain = address.split("@")
maildir = os.path.join(state, "mail", domain, local, "Maildir")
mail = pwd.getpwnam("mail")
for path in (os.path.join(state, "mail", domain), os.path.join(state, "mail", domain, local), maildir):
    os.makedirs(path, exist_ok=True)
    os.chown(path, mail.pw_uid, mail.pw_gid)
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    os.chown(os.path.join(maildir, sub), mail.pw_uid, mail.pw_gid)
now, pid = int(time.time()), os.getpid()
para = "Hello support, the printer on the third floor prints only blank pages since this morning.\r\n" * 4
attachment = base64.encodebytes(os.urandom(3000)).decode().replace("\n", "\r\n")
for n in range(1, count + 1):
    head = (f"From: Customer {n} <{ack_user}+{n}@example.test>\r\nTo: {address}\r\n"
            f"Message-ID: <bench{n}.{now}.{pid}@example.test>\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\n"
            "MIME-Version: 1.0\r\n")
    kind = n % 4
    if kind == 1:
        text = head + f"Subject: =?utf-8?B?{base64.b64encode(f'Принтер не печатает {n}'.encode()).decode()}?=\r\n" \
            "Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        data = text.encode() + ("Добрый день! Принтер не печатает.\r\n" * 4).encode("koi8-r")
    elif kind == 2:
        boundary = f"b{n}"
        data = (head + f"Subject: Invoice question {n}\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
                f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{para}\r\n"
                f"--{boundary}\r\nContent-Type: application/pdf; name=\"invoice-{n}.pdf\"\r\n"
                f"Content-Disposition: attachment; filename=\"invoice-{n}.pdf\"\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n{attachment}\r\n--{boundary}--\r\n").encode()
    else:
        data = (head + f"Subject: Printer problem {n}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{para}").encode()
    name = f"{now}.P{pid}Q{n}.bench"
    with open(os.path.join(maildir, "tmp", name), "wb") as f:
        f.write(data)
    os.chown(os.path.join(maildir, "tmp", name), mail.pw_uid, mail.pw_gid)
    os.rename(os.path.join(maildir, "tmp", name), os.path.join(maildir, "new", name))
# Each file is the mail user's before it lands in new/ (a running IMAP server may move it to cur/ at once).
print(f"filled {address} with {count} messages", file=sys.stderr)
