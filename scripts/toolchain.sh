# shellcheck shell=bash
# Sourced by scripts/start.sh and scripts/test.sh: makes Node 22+ and Yarn 4 available, then installs
# the workspace. Backstage 1.55 needs Node 22 or 24; on an older machine Node comes from the npm registry
# package node-linux-<arch> into the git-ignored .toolchain/ folder, and npm_config_nodedir points
# node-gyp at that package's headers so native modules (better-sqlite3) build without a download.
# Idempotent: a second run only compares a stamp of the lockfile.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_VERSION="22.23.5"
YARN_RELEASE="$REPO_ROOT/.yarn/releases/yarn-4.13.0.cjs"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then return; fi
  local dir="$TOOLCHAIN_DIR/node-$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    local arch tmp
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) echo "toolchain: no Node package for $(uname -m)" >&2; return 1 ;;
    esac
    echo "toolchain: installing Node $NODE_VERSION (npm package node-linux-$arch) into .toolchain/" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null) || return 1
    mkdir -p "$dir.partial"
    tar xzf "$tmp"/node-linux-*.tgz -C "$dir.partial" --strip-components=1 || return 1
    rm -rf "$tmp" "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  export npm_config_nodedir="$dir"
}

ensure_yarn() {
  # The vendored release is what `yarnPath` in .yarnrc.yml names; a shim makes `yarn` run it with our Node.
  mkdir -p "$TOOLCHAIN_DIR/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$YARN_RELEASE" >"$TOOLCHAIN_DIR/bin/yarn"
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
}

ensure_install() {
  local stamp="$REPO_ROOT/node_modules/.install-stamp" want
  want="$(node -v) $(cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT"/package.json "$REPO_ROOT"/{packages,plugins}/*/package.json 2>/dev/null | sha1sum | cut -c1-40)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  (cd "$REPO_ROOT" && yarn install) || return 1
  echo "$want" >"$stamp"
}

ensure_node && ensure_yarn && ensure_install
