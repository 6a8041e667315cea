#!/bin/sh
# `systemd-analyze verify` on the committed units, with /srv/caseflow pointed at this checkout
# (whose .venv `make` has built) so that the commands they start exist. Run by .ci/run.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/caseflow-units.XXXXXX)
trap 'rm -rf "$work"' EXIT
for unit in "$repo"/deploy/systemd/*; do
  sed "s|/srv/caseflow|$repo|g" "$unit" > "$work/$(basename "$unit")"
done
systemd-analyze verify "$work"/*.service "$work"/*.timer
echo "systemd units verified: $(ls "$work" | tr '\n' ' ')"
