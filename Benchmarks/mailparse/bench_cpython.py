#!/usr/bin/env python3
"""CPython baseline for the mailparse benchmark: the same files, parsed with the standard `email` package.

Usage: python3 bench_cpython.py DIR [ROUNDS]   (prints the best of three passes)
Per message: message_from_bytes(policy=default), the From/To/Subject headers, get_body() and its content,
and iter_attachments() with each attachment's decoded content (what PostdeskMail computes, minus hashing).
"""
import email
import email.policy
import os
import sys
import time


def work(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    for name in ('From', 'To', 'Subject', 'Date', 'Message-ID'):
        try:
            str(msg.get(name, ''))
        except Exception:
            pass
    try:
        body = msg.get_body(preferencelist=('html', 'plain'))
        if body is not None:
            body.get_content()
    except Exception:
        pass
    try:
        for part in msg.iter_attachments():
            try:
                part.get_content()
            except Exception:
                part.get_payload(decode=True)
    except Exception:
        pass


def main():
    directory = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    mails = [open(os.path.join(directory, n), 'rb').read()
             for n in sorted(os.listdir(directory)) if n.endswith('.eml')]
    total = sum(len(m) for m in mails)
    seconds = float('inf')
    for _ in range(3):  # best of three passes, as the Swift side does
        start = time.perf_counter()
        for _ in range(rounds):
            for raw in mails:
                work(raw)
        seconds = min(seconds, time.perf_counter() - start)
    mb = total * rounds / 1048576
    print('cpython email: %d mails x %d rounds, %.1f MB in %.3f s (best of 3): %.1f MB/s, %.0f mails/s'
          % (len(mails), rounds, mb, seconds, mb / seconds, len(mails) * rounds / seconds))


if __name__ == '__main__':
    main()
