#!/bin/sh
# Proves a change left the built site as it was: builds the example site and the 1,000-session
# benchmark corpus with the code at OLD_REV and with the working tree, and compares the outputs
# byte for byte. The marker file's build id (random per build) is the only line set aside.
#
#     scripts/compare-output.sh 14d5416          # exit 0: identical; 1: a difference, shown
#
# Needs the project's .venv (make build). Leaves nothing behind but what it prints.
set -eu

OLD_REV=${1:?usage: scripts/compare-output.sh OLD_REV [SESSIONS]}
SESSIONS=${2:-1000}
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY="$REPO/.venv/bin/python"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/samling-compare.XXXXXX")
OLD="$WORK/old-code"

cleanup() {
    git -C "$REPO" worktree remove --force "$OLD" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

git -C "$REPO" worktree add --detach --quiet "$OLD" "$OLD_REV"
"$PY" "$REPO/bench/corpus.py" "$SESSIONS" "$WORK/corpus" >/dev/null

# Same content for both: a copy of the example site, outside either tree.
cp -R "$REPO/content" "$WORK/example"
mkdir "$WORK/old" "$WORK/new"

build() { # CODE CONTENT OUTPUT
    (cd "$WORK" && PYTHONPATH="$1" "$PY" -m generator build --content "$2" --output "$3" >/dev/null)
}

status=0
for site in example corpus/samling; do
    name=$(basename "$site")
    # each side its own folder, so each has its own cache beside its output
    build "$OLD" "$WORK/$site" "$WORK/old/$name"
    build "$REPO" "$WORK/$site" "$WORK/new/$name"
    for side in old new; do # the build id is random per build
        sed -i '/^"build": /d' "$WORK/$side/$name/.samling-output.json"
    done
    if diff -r "$WORK/old/$name" "$WORK/new/$name"; then
        echo "$name: identical ($(find "$WORK/new/$name" -type f | wc -l) files)"
    else
        echo "$name: DIFFERENT" >&2
        status=1
    fi
done
exit $status
