#!/bin/sh
# Refresh the console's vendored Preact + htm from npm at the pinned versions, then check
# them against SHA256SUMS (or, with --update, rewrite SHA256SUMS). See README.md here.
#
#   backend/shopchat/console/vendor/refresh.sh            # fetch, copy, verify
#   backend/shopchat/console/vendor/refresh.sh --update   # after changing a version below
set -eu

PREACT_VERSION=10.29.8
HTM_VERSION=3.1.1

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "preact@$PREACT_VERSION" "htm@$HTM_VERSION" >/dev/null
mkdir preact htm
tar xzf "preact-$PREACT_VERSION.tgz" -C preact
tar xzf "htm-$HTM_VERSION.tgz" -C htm

cp preact/package/dist/preact.module.js "$here/preact.module.js"
cp preact/package/LICENSE "$here/LICENSE-preact"
cp htm/package/dist/htm.module.js "$here/htm.module.js"
cp htm/package/dist/htm.d.ts "$here/htm.module.d.ts"
cp htm/package/LICENSE "$here/LICENSE-htm"

# The one edit: preact/hooks imports the bare specifier "preact", which a browser cannot
# resolve without an import map (an inline script, which the console's CSP forbids).
# Point it at the sibling file instead, and fail if upstream changed that import.
sed 's|from"preact"|from"./preact.module.js"|' preact/package/hooks/dist/hooks.module.js \
  > "$here/hooks.module.js"
[ "$(grep -c 'from"./preact.module.js"' "$here/hooks.module.js")" = 1 ] || {
  echo "refresh.sh: hooks.module.js no longer imports \"preact\" the expected way" >&2; exit 1; }
if grep -q 'from"preact' "$here/hooks.module.js"; then
  echo "refresh.sh: hooks.module.js still has a bare import" >&2; exit 1
fi

cd "$here"
files="preact.module.js hooks.module.js htm.module.js htm.module.d.ts LICENSE-preact LICENSE-htm"
if [ "${1:-}" = "--update" ]; then
  # shellcheck disable=SC2086
  sha256sum $files > SHA256SUMS
  echo "SHA256SUMS rewritten; copy the hashes into README.md:"
  cat SHA256SUMS
else
  sha256sum -c SHA256SUMS
fi
