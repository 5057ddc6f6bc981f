#!/usr/bin/env python3
"""relay.py PORT USER PASSWORD CA_FILE COUNT LANES ACK_USER: the relay's own ceiling, without Postdesk.

Sends COUNT acknowledgement-sized mails (about 2 KB, one recipient each: a plus address of ACK_USER@example.test) to
the dev stack's submission port over LANES parallel connections, each kept alive (STARTTLS and AUTH once) exactly as
the outbox's lanes do, and prints the seconds until the relay accepted the last one. Whatever Postdesk does, its
"acks accepted" time cannot beat this on the same machine: the relay's smtpd, cleanup and local delivery run on the
same cores."""
import smtplib
import ssl
import sys
import threading
import time

port, user, password, ca_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
count, lanes, ack_user = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
body = ("Thank you for writing to us. Your request has been received and has the number shown in the subject.\r\n"
        * 16)
context = ssl.create_default_context(cafile=ca_file)
context.check_hostname = False
errors = []


def lane(first, last):
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.starttls(context=context)
            smtp.login(user, password)
            for n in range(first, last):
                to = f"{ack_user}+{n}@example.test"
                mail = (f"From: Support <{user}>\r\nTo: {to}\r\nSubject: [#{n}] Re: request\r\n"
                        f"Message-ID: <relay{n}.{time.time_ns()}@example.test>\r\n\r\n{body}")
                smtp.sendmail(user, [to], mail.encode())
    except Exception as error:  # reported below: a ceiling with errors is no ceiling
        errors.append(repr(error))


start = time.monotonic()
threads = [threading.Thread(target=lane, args=(count * i // lanes, count * (i + 1) // lanes)) for i in range(lanes)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.monotonic() - start
if errors:
    print(f"relay alone: failed: {errors[0]}")
    sys.exit(1)
print(f"relay alone (Python smtplib, {lanes} kept-alive connections, no Postdesk): {count} mails accepted in "
      f"{seconds:.3f} s  ({count / seconds:.0f} mails/s)")
