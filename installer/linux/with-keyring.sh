#!/bin/sh
# Run a command with a working Secret Service: a private D-Bus session and an unlocked
# gnome-keyring whose files live in a throwaway HOME (platform-notes.md section 13).
# Usage: installer/linux/with-keyring.sh COMMAND [ARGS...]
set -eu
if [ -z "${COFNOD_IN_KEYRING_SESSION:-}" ]; then
  COFNOD_IN_KEYRING_SESSION=1 exec dbus-run-session -- "$0" "$@"
fi
HOME="$(mktemp -d /tmp/cofnod-keyring-home.XXXXXX)"
export HOME
eval "$(printf 'cofnod-smoke' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL
status=0
"$@" || status=$?
rm -rf "$HOME"
exit "$status"
