#!/usr/bin/env bash
# Headless-Chromium test of the web page served by `dateline serve`.
#
#   bash tests/web/run.sh            (from the repository root)
#
# Needs Debian's chromium (apt-get install -y chromium chromium-driver) and curl.
# Part 1 serves a hand-made document (tests/web/handmade-document.json) holding a
# Starmer–Trump CONSULT event and a Kellogg quote, so the page logic is tested whatever the
# NLP stages produce. Part 2 serves the reference article as the pipeline analyses it; its
# checks are skipped, with a message, while the pipeline yields no events or quotes for it.
# Screenshots go to tests/web/out/. Ends with "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/../.."

OUT=tests/web/out
mkdir -p "$OUT"
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${DATELINE_BIN:-$TARGET/debug/dateline}
if [[ -z "${DATELINE_BIN:-}" ]]; then
    cargo build -q -p dateline || { echo "cannot build dateline"; exit 1; }
fi
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$CHROME" ]]; then
    echo "chromium is not installed: apt-get install -y chromium chromium-driver"
    exit 1
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

PASSED=0; FAILED=0; SKIPPED=0
pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL - $1"; }
skip() { SKIPPED=$((SKIPPED + 1)); echo "skip - $1"; }
check() { # check NAME FILE PATTERN...: every (extended regex) pattern occurs in FILE
    local name=$1 file=$2; shift 2
    for pattern in "$@"; do
        if ! grep -Eq -- "$pattern" "$file"; then
            fail "$name (missing: $pattern)"
            return 1
        fi
    done
    pass "$name"
}

chrome() { # chrome URL DUMPFILE SCREENSHOT
    local profile; profile=$(mktemp -d -p "$WORK")
    local flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
        --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage
        --user-data-dir="$profile" --virtual-time-budget=10000 --window-size=1280,1600)
    timeout 60 "$CHROME" "${flags[@]}" --dump-dom "$1" >"$2" 2>/dev/null
    timeout 60 "$CHROME" "${flags[@]}" --screenshot="$PWD/$3" "$1" >/dev/null 2>&1
    [[ -s "$3" ]] || echo "  (no screenshot written to $3)"
}

serve() { # serve DB: starts the server on an ephemeral loopback port, sets BASE
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    "$BIN" serve --db "$1" --bind 127.0.0.1:0 2>"$WORK/serve.log" &
    SERVER_PID=$!
    BASE=""
    for _ in $(seq 1 100); do
        BASE=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$WORK/serve.log" | head -1)
        [[ -n "$BASE" ]] && curl -sf "$BASE/api/stats" >/dev/null && return 0
        sleep 0.1
    done
    echo "server did not start:"; cat "$WORK/serve.log"
    return 1
}

json_field() { # json_field FIELD: first number after "FIELD": in stdin
    grep -Eo "\"$1\":[0-9]+" | head -1 | cut -d: -f2
}

# Part 1: the hand-made document.
DB1=$WORK/handmade.db
"$BIN" ingest tests/web/handmade-document.json --documents --db "$DB1" --quiet 2>"$WORK/ingest1.log" \
    || { cat "$WORK/ingest1.log"; fail "ingest the hand-made document"; }
if serve "$DB1"; then
    chrome "$BASE/#/" "$WORK/timeline.html" "$OUT/handmade-timeline.png"
    check "hand-made: timeline shows the Starmer–Trump CONSULT event" "$WORK/timeline.html" \
        'data-ready="1"' 'data-type="CONSULT"' 'data-actors="Keir Starmer\|Donald Trump"' 'Keir Starmer → CONSULT → Donald Trump|CONSULT: Keir Starmer, Donald Trump'
    KELLOGG=$(curl -sf "$BASE/api/entities?q=Kellogg" | json_field id)
    if [[ -n "$KELLOGG" ]]; then
        chrome "$BASE/#/actor/$KELLOGG" "$WORK/actor.html" "$OUT/handmade-actor-kellogg.png"
        check "hand-made: Kellogg's actor page shows his quote and role" "$WORK/actor.html" \
            'data-ready="1"' 'Keith Kellogg' 'territorial concessions' '>envoy<' '1 quote<'
        if grep -q 'object Object\|undefined\|NaN' "$WORK/actor.html"; then
            fail "hand-made: actor page shows a raw JS value (object Object / undefined / NaN)"
        else
            pass "hand-made: actor page shows no raw JS values"
        fi
    else
        fail "hand-made: Kellogg is not an entity in the API"
    fi
    STARMER=$(curl -sf "$BASE/api/entities?q=Starmer" | json_field id)
    chrome "$BASE/#/actor/$STARMER" "$WORK/starmer.html" "$OUT/handmade-actor-starmer.png"
    check "hand-made: Starmer's network links him to Trump" "$WORK/starmer.html" '<svg[^>]*class="network"' 'CONSULT' 'Donald Trump'
    chrome "$BASE/#/article/handmade-starmer-trump" "$WORK/article.html" "$OUT/handmade-article.png"
    # The flags before the names are 4 astral code points (8 UTF-16 units): a page slicing
    # by UTF-16 units would put every highlight off by 4.
    check "hand-made: article highlights land on the right words (code-point offsets)" "$WORK/article.html" \
        'data-ready="1"' '<span class="hl-PERSON" data-ids="E3">Keith Kellogg</span>' \
        '<span class="hl-trigger" data-ids="V1">meet</span>' \
        '<span class="hl-time" data-ids="T1">the following week \(WC 24th Feb\)</span>' \
        '<span class="hl-GPE" data-ids="E6">Munich</span>' 'data-fact="Q1"'
    chrome "$BASE/#/search?q=territorial" "$WORK/search.html" "$OUT/handmade-search.png"
    check "hand-made: search finds the quote" "$WORK/search.html" 'data-ready="1"' '<mark>territorial</mark>'
fi

# Part 2: the reference article as the pipeline analyses it.
DB2=$WORK/seed.db
if "$BIN" ingest tests/fixtures/seed-article.txt --published 2025-02-15 --db "$DB2" --quiet 2>"$WORK/ingest2.log"; then
    pass "ingest the reference article"
else
    cat "$WORK/ingest2.log"; fail "ingest the reference article"
fi
if serve "$DB2"; then
    STATS=$(curl -sf "$BASE/api/stats")
    DOC=$(curl -sf "$BASE/api/documents" | grep -Eo '"id":"[^"]+"' | head -1 | cut -d'"' -f4)
    chrome "$BASE/#/article/$DOC" "$WORK/seed-article.html" "$OUT/seed-article.png"
    check "reference: article page renders" "$WORK/seed-article.html" 'data-ready="1"' 'Keir Starmer'
    chrome "$BASE/#/" "$WORK/seed-timeline.html" "$OUT/seed-timeline.png"
    if [[ "$(echo "$STATS" | json_field corpus_events)" == "0" ]]; then
        skip "reference: Starmer–Trump CONSULT on the timeline (the pipeline produced no events for the reference article yet)"
    else
        check "reference: timeline shows the Starmer–Trump CONSULT event" "$WORK/seed-timeline.html" \
            'data-ready="1"' 'data-type="CONSULT"[^>]*data-actors="[^"]*(Starmer[^"]*Trump|Trump[^"]*Starmer)'
    fi
    if [[ "$(echo "$STATS" | json_field quotes)" == "0" ]]; then
        skip "reference: Kellogg's quote on his actor page (the pipeline produced no quotes for the reference article yet)"
    else
        KELLOGG=$(curl -sf "$BASE/api/entities?q=Kellogg" | json_field id)
        if [[ -z "$KELLOGG" ]]; then
            fail "reference: Kellogg is not an entity"
        else
            chrome "$BASE/#/actor/$KELLOGG" "$WORK/seed-actor.html" "$OUT/seed-actor-kellogg.png"
            check "reference: Kellogg's actor page shows his quote" "$WORK/seed-actor.html" \
                'data-ready="1"' 'territorial concessions'
        fi
    fi
fi

echo "screenshots: $OUT/"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
[[ $FAILED -eq 0 ]]
