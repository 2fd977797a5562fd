#!/usr/bin/env bash
# Whole-process benchmarks of issue 5 on a generated ten-year history (see BENCHMARKS.md).
#
#   scripts/bench.sh            # build release, generate or reuse the databases, measure
#   REGEN=1 scripts/bench.sh    # regenerate the cached databases first
#   IDLE_SECONDS=60 RUNS=30 scripts/bench.sh
#
# Databases are cached under target/bench/: ten-years.sqlite3 (3650 days x 500 visits/day,
# seed 1, ending today, today left open at 15:00), one-day.sqlite3 (yesterday closed + today
# open, same per-day), empty.sqlite3 (`legaldesk init`). Every timed command runs pinned to
# one core (taskset -c 0) to stand in for an old machine; hyperfine is used when installed,
# else a loop with date +%s%N. Results are printed and written to target/bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=target/bench
mkdir -p "$OUT"
BIN=$ROOT/target/release/legaldesk
RUNS=${RUNS:-30}
IDLE_SECONDS=${IDLE_SECONDS:-60}
TEN=$OUT/ten-years.sqlite3
ONE=$OUT/one-day.sqlite3
EMPTY=$OUT/empty.sqlite3
RESULTS=$OUT/results.md
CORE=${CORE:-0}
PIN="taskset -c $CORE"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LEGALDESK_DB NO_COLOR

cargo build --release --quiet

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
: > "$RESULTS"

rm_db() { rm -f "$1" "$1-wal" "$1-shm"; }

say "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say '```'
say "\$ nproc; lscpu | head -n 15; free -h"
{ nproc; lscpu | head -n 15; free -h; } | tee -a "$RESULTS"
say '```'
say ""

# --- databases --------------------------------------------------------------------------
if [[ -n "${REGEN:-}" ]]; then rm_db "$TEN"; rm_db "$ONE"; rm_db "$EMPTY"; fi
if [[ ! -f "$TEN" ]]; then
  say "generating $TEN:"
  start=$(date +%s%N)
  "$BIN" --db "$TEN" --lang en demo --days 3650 --per-day 500 --seed 1 2>/dev/null | tee -a "$RESULTS"
  end=$(date +%s%N)
  say "generation wall time: $(( (end - start) / 1000000 )) ms  (\`legaldesk demo --days 3650 --per-day 500 --seed 1\`, release, not pinned)"
fi
if [[ ! -f "$ONE" ]]; then
  "$BIN" --db "$ONE" --lang en demo --days 2 --per-day 500 --seed 1 >/dev/null 2>&1
fi
if [[ ! -f "$EMPTY" ]]; then
  "$BIN" --db "$EMPTY" --lang en init >/dev/null
fi
# Fold any write-ahead log into the main file so sizes and cold reads are comparable.
for db in "$TEN" "$ONE" "$EMPTY"; do sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; done

TODAY=$(sqlite3 "$TEN" "SELECT max(business_date) FROM visits")
CLOSED=$(sqlite3 "$TEN" "SELECT max(business_date) FROM day_closes")
CLOSED_ONE=$(sqlite3 "$ONE" "SELECT max(business_date) FROM day_closes")
TODAY_ONE=$(sqlite3 "$ONE" "SELECT max(business_date) FROM visits")
YEAR_FROM=$(date -d "$CLOSED -364 days" +%F)
VISITS=$(sqlite3 "$TEN" "SELECT count(*) FROM visits")
say ""
say "ten-year database: $VISITS visits, last day $TODAY (open: $(sqlite3 "$TEN" "SELECT NOT EXISTS (SELECT 1 FROM day_closes WHERE business_date = '$TODAY')")), last closed day $CLOSED"
say "real today: $(date +%F) (the queue view shows today's queue; a cache made on another day shows an empty hall)"
say ""

# --- timing helper ----------------------------------------------------------------------
# time_cmd NAME CMD [pty]: mean and median wall time in ms of RUNS runs of the shell-quoted
# command CMD, pinned to one core. With "pty", the runs happen inside one pseudo-terminal
# (script(1) around the whole measurement, so its own start-up is not in each run).
time_cmd() {
  local name=$1 cmd=$2 pty=${3:-}
  rm -f "$OUT/h.json"
  if command -v hyperfine >/dev/null; then
    local hf="$PIN hyperfine -N --warmup 3 --runs $RUNS --export-json $OUT/h.json"
    if [[ -n "$pty" ]]; then
      script -qec "$hf --output=inherit -- $(printf '%q' "$cmd")" /dev/null </dev/null >/dev/null 2>&1
    else
      eval "$hf -- $(printf '%q' "$cmd")" </dev/null >/dev/null 2>&1
    fi
    python3 - "$name" "$OUT/h.json" <<'PY' | tee -a "$RESULTS"
import json, sys
r = json.load(open(sys.argv[2]))["results"][0]
t = sorted(r["times"])
print(f"| {sys.argv[1]} | {r['mean']*1000:.2f} | {r['median']*1000:.2f} | {t[0]*1000:.2f} | {r['stddev']*1000:.2f} | hyperfine |")
PY
    LAST_MS=$(python3 -c "import json;print(json.load(open('$OUT/h.json'))['results'][0]['median']*1000)")
  else
    local sink=">/dev/null 2>&1"
    [[ -n "$pty" ]] && sink="2>/dev/null"
    cat > "$OUT/loop.sh" <<EOS
for i in 1 2 3; do $cmd $sink; done
for i in \$(seq 1 $RUNS); do s=\$(date +%s%N); $cmd $sink; e=\$(date +%s%N); echo \$((e - s)); done > $OUT/times.txt
EOS
    if [[ -n "$pty" ]]; then
      script -qec "$PIN bash $OUT/loop.sh" /dev/null </dev/null >/dev/null 2>&1
    else
      $PIN bash "$OUT/loop.sh" </dev/null
    fi
    python3 - "$name" "$OUT/times.txt" <<'PY' | tee -a "$RESULTS"
import sys, statistics
t = sorted(int(x) / 1e6 for x in open(sys.argv[2]).read().split()); n = len(t)
print(f"| {sys.argv[1]} | {statistics.mean(t):.2f} | {t[(n+1)//2-1]:.2f} | {t[0]:.2f} | {statistics.pstdev(t):.2f} | date loop (includes a fork of date) |")
PY
    LAST_MS=$(python3 -c "t=sorted(int(x)/1e6 for x in open('$OUT/times.txt').read().split()); print(t[(len(t)+1)//2-1])")
  fi
}

say "### Whole process, pinned to one core (\`$PIN\`), $RUNS runs each"
say ""
say "| what | mean ms | median ms | min ms | stddev ms | tool |"
say "|---|---|---|---|---|---|"

# Start to first full frame of the queue view, in a pty; the env pair makes the app show
# window W1's queue without signing in and exit right after that frame.
FF="env LEGALDESK_EXIT_AFTER_FIRST_FRAME=1 LEGALDESK_FIRST_FRAME_WINDOW=W1 TERM=xterm-256color"
time_cmd "start to first queue frame (W1), ten years" "$FF $BIN --db $TEN" pty
FF_TEN=$LAST_MS
time_cmd "start to first queue frame (W1), empty db" "$FF $BIN --db $EMPTY" pty
FF_EMPTY=$LAST_MS
time_cmd "\`--version\` (process start only)" "$BIN --version"
time_cmd "\`tally --date $CLOSED\` json (closed: snapshot), ten years" "$BIN --db $TEN tally --date $CLOSED --format json"
T_CLOSED_TEN=$LAST_MS
time_cmd "\`tally --date $CLOSED_ONE\` json (closed: snapshot), one-day db" "$BIN --db $ONE tally --date $CLOSED_ONE --format json"
T_CLOSED_ONE=$LAST_MS
time_cmd "\`tally --date $TODAY\` json (open today: computed), ten years" "$BIN --db $TEN tally --date $TODAY --format json"
T_OPEN_TEN=$LAST_MS
time_cmd "\`tally --date $TODAY_ONE\` json (open today: computed), one-day db" "$BIN --db $ONE tally --date $TODAY_ONE --format json"
T_OPEN_ONE=$LAST_MS
time_cmd "\`tally --from $YEAR_FROM --to $CLOSED\` json (a year, computed)" "$BIN --db $TEN tally --from $YEAR_FROM --to $CLOSED --format json"
time_cmd "floor: sqlite3 floor.sql, $TODAY (open today), ten years" "sqlite3 $TEN \".param set :d \\\"'$TODAY'\\\"\" \".read scripts/floor.sql\""
F_OPEN=$LAST_MS
time_cmd "floor: sqlite3 floor.sql, $CLOSED (closed day), ten years" "sqlite3 $TEN \".param set :d \\\"'$CLOSED'\\\"\" \".read scripts/floor.sql\""
F_CLOSED=$LAST_MS
time_cmd "sqlite3 start only: \`sqlite3 FILE 'SELECT 1'\`, ten years" "sqlite3 $TEN 'SELECT 1'"
say ""
python3 - <<PY | tee -a "$RESULTS"
ff_ten, ff_empty = $FF_TEN, $FF_EMPTY
print(f"- first frame, ten years / empty: {ff_ten:.2f} / {ff_empty:.2f} ms = {ff_ten/ff_empty:.2f}x")
print(f"- tally of a closed day, ten years / one-day db: {$T_CLOSED_TEN:.2f} / {$T_CLOSED_ONE:.2f} ms = {$T_CLOSED_TEN/$T_CLOSED_ONE:.2f}x")
print(f"- tally of today (computed), ten years / one-day db: {$T_OPEN_TEN:.2f} / {$T_OPEN_ONE:.2f} ms = {$T_OPEN_TEN/$T_OPEN_ONE:.2f}x")
print(f"- tally / floor, same file, same run: today {$T_OPEN_TEN:.2f} / {$F_OPEN:.2f} ms = {$T_OPEN_TEN/$F_OPEN:.2f}x; "
      f"closed day {$T_CLOSED_TEN:.2f} / {$F_CLOSED:.2f} ms = {$T_CLOSED_TEN/$F_CLOSED:.2f}x")
PY
say ""

# --- the floor gives the same figures -----------------------------------------------------
python3 - "$BIN" "$TEN" "$TODAY" <<'PY' | tee -a "$RESULTS"
import json, subprocess, sys
bin, db, day = sys.argv[1:]
tally = json.loads(subprocess.run([bin, "--db", db, "tally", "--date", day, "--format", "json"], capture_output=True, text=True).stdout)
floor = json.loads(subprocess.run(["sqlite3", db, f".param set :d \"'{day}'\"", ".read scripts/floor.sql"], capture_output=True, text=True).stdout)
diff = []
def cmp(a, b, path):
    if isinstance(b, dict):
        for k, v in b.items():
            cmp(a.get(k) if isinstance(a, dict) else None, v, f"{path}.{k}")
    elif isinstance(b, (int, float)) and isinstance(a, (int, float)) and not isinstance(b, bool):
        if abs(a - b) > 1e-9: diff.append(f"{path}: tally {a} floor {b}")
    elif a != b and not (isinstance(b, int) and a == bool(b)):
        diff.append(f"{path}: tally {a!r} floor {b!r}")
cmp(tally, floor, "")
print(f"- floor vs tally on {day}: {len(diff)} differing figures" + ("" if not diff else ": " + "; ".join(diff[:8])))
PY

# --- sizes ---------------------------------------------------------------------------------
BYTES=$(stat -c %s "$TEN")
say "- ten-year database: $BYTES bytes, $VISITS visits: $(( BYTES / VISITS )) bytes per visit (all tables and indexes)"
say "- by table and index (dbstat, KiB):"
sqlite3 "$TEN" "SELECT '  - ' || name || ': ' || (sum(pgsize) / 1024) || ' KiB (' || (sum(pgsize) / $VISITS) || ' B/visit)' FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 14" | tee -a "$RESULTS"
say "- release binary: $(stat -c %s "$BIN") bytes ($BIN)"

# --- the TUI in tmux: memory, bytes per selection move, idle -----------------------------------
if command -v tmux >/dev/null; then
  SOCK="legaldesk-bench-$$"
  T() { tmux -u -L "$SOCK" -f /dev/null "$@"; }
  FRAMES=$OUT/frames.log; PIPE=$OUT/pane.bytes; rm -f "$FRAMES" "$PIPE"
  T new-session -d -s B -x 80 -y 24 "env LEGALDESK_FRAME_LOG=$FRAMES LANG=C.UTF-8 $PIN $BIN --db $TEN; sleep 600"
  wait_for() { for _ in $(seq 1 200); do T capture-pane -p -t B | grep -q "$1" && return 0; sleep 0.05; done; echo "timeout waiting for $1" >&2; T capture-pane -p -t B >&2; return 1; }
  wait_for "工号"
  T send-keys -t B -l "DEMO-F1"; T send-keys -t B Enter; T send-keys -t B -l "1234"; T send-keys -t B Enter
  T send-keys -t B -l "1"; T send-keys -t B F2
  wait_for "等候"
  sleep 2
  APP=$(pgrep -n -f "$BIN --db $TEN" || true)
  # Bytes the app writes to its terminal for one Down key (the pane's output, via pipe-pane).
  T pipe-pane -o -t B "cat >> $PIPE"; sleep 0.5
  before=$(stat -c %s "$PIPE" 2>/dev/null || echo 0)
  T send-keys -t B Down; sleep 1
  after=$(stat -c %s "$PIPE" 2>/dev/null || echo 0)
  T pipe-pane -t B
  say "- bytes written to the terminal for one Down key (selection moves one row), real binary in tmux: $(( after - before ))"
  if [[ -n "$APP" ]]; then
    say "- TUI signed in at W1 on the ten-year database: $(grep -E 'VmHWM|VmRSS' /proc/$APP/status | tr -s ' \t' ' ' | tr '\n' ' ')"
    ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
    f0=$(wc -l < "$FRAMES"); c0=$(ticks); s0=$(date +%s%N)
    sleep "$IDLE_SECONDS"
    f1=$(wc -l < "$FRAMES"); c1=$(ticks); s1=$(date +%s%N)
    hz=$(getconf CLK_TCK)
    python3 - <<PY | tee -a "$RESULTS"
cpu = ($c1 - $c0) / $hz
wall = ($s1 - $s0) / 1e9
print(f"- idle {wall:.0f} s with nothing happening: {$f1 - $f0} redraws, CPU {cpu:.2f} s = {100*cpu/wall:.3f} % "
      "(one redraw per minute change is expected: the wait times on screen move on)")
PY
  fi
  T kill-server || true
else
  say "- tmux not installed: memory, bytes per key and idle not measured"
fi
say ""
echo "results: $RESULTS"
