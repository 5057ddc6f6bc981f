import Testing

/// Tests against the real Dovecot + Postfix of `deploy/mailstack`. They run only when `MAILSTACK_DIR` names a running
/// stack, one at a time (one of them pauses the SMTP relay).
@Suite(.serialized, .enabled(if: Mailstack.isRunning, "set MAILSTACK_DIR to a running deploy/mailstack"))
enum MailstackTests {}
