# Shared by deploy/bin/* — sourced, not run.
# Finds the repository root and makes pnpm available on a fresh machine (Node.js 20 + npm only).

CITYBRAIN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CITYBRAIN_ROOT
PNPM_VERSION="10.34.8"

log() { printf '\033[1;34m[citybrain]\033[0m %s\n' "$*" >&2; }

ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1; then return 0; fi
  local tools="$CITYBRAIN_ROOT/.run/tools"
  if [ -x "$tools/node_modules/.bin/pnpm" ]; then
    export PATH="$tools/node_modules/.bin:$PATH"
    return 0
  fi
  log "installing pnpm $PNPM_VERSION"
  if npm install -g --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null 2>&1 && command -v pnpm >/dev/null 2>&1; then
    return 0
  fi
  # No rights for a global install: keep pnpm inside the ignored run folder instead.
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-fund --no-audit --no-save "pnpm@$PNPM_VERSION" >/dev/null
  export PATH="$tools/node_modules/.bin:$PATH"
}

install_dependencies() {
  ensure_pnpm
  log "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "$CITYBRAIN_ROOT" && pnpm install --frozen-lockfile --reporter=append-only </dev/null | tail -n 3)
}
