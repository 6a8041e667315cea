#!/bin/sh
# `nginx -t` on the committed site configuration, as installed by docs/operations.md, with a
# throwaway self-signed certificate in place of the real one. Run by .ci/run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/caseflow-nginx.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tls" "$work/logs"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=caseflow.test" \
  -keyout "$work/tls/privkey.pem" -out "$work/tls/fullchain.pem" 2>/dev/null
# The site file with the certificate and log paths moved into the throwaway folder.
sed -e "s|/etc/caseflow/tls/|$work/tls/|" -e "s|/var/log/nginx/|$work/logs/|" \
  "$here/nginx/caseflow.conf" > "$work/caseflow.conf"
cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/logs/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    include $work/caseflow.conf;
}
CONF
nginx -t -c "$work/nginx.conf"
