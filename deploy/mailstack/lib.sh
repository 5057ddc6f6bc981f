# deploy/mailstack/lib.sh: helpers shared by the mailstack scripts (sourced, not run).
# shellcheck shell=bash
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH  # postfix, dovecot and doveadm live in sbin
MS_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

ms_die() { echo "mailstack: $*" >&2; exit 1; }

# ms_state_dir [DIR]: the state dir from $1 or $MAILSTACK_DIR, made absolute; dies when unset.
ms_state_dir() {
  local s=${1:-${MAILSTACK_DIR:-}}
  [[ -n $s ]] || ms_die "set MAILSTACK_DIR (or pass the state dir)"
  [[ -d $s ]] || ms_die "no such state dir: $s"
  (cd "$s" && pwd -P)
}

# ms_port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
ms_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ms_wait SECONDS CMD...: retry CMD every 0.1 s until it succeeds; false after SECONDS.
ms_wait() {
  local end=$((SECONDS + $1)); shift
  until "$@"; do ((SECONDS < end)) || return 1; sleep 0.1; done
}

# ms_load_env DIR: read the ports of a running stack from DIR/env.
ms_load_env() {
  [[ -f $1/env ]] || ms_die "$1/env is missing (run up first)"
  # shellcheck source=/dev/null
  . "$1/env"
}
