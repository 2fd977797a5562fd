#!/usr/bin/env bash
# Whole-hall benchmark of issue 10 (see BENCHMARKS.md): twelve signed-in window terminals, the
# board, two rating pads and the announcer (fake speech) on one database, every one of them
# pinned to one core (taskset -c $CORE); tmux and this driver run on another core so measuring
# does not load the hall.
#
#   scripts/bench-hall.sh                       # builds and uses the release binary
#   BIN=target/debug/legaldesk scripts/bench-hall.sh
#   IDLE_SECONDS=60 CALLS=200 SPAN_SECONDS=120 scripts/bench-hall.sh
#
# 1. Idle for IDLE_SECONDS: CPU of every hall process, and frames drawn (LEGALDESK_FRAME_LOG).
# 2. CALLS calls spread over SPAN_SECONDS, round-robin over the twelve windows (F3): call ->
#    board latency (the ticket shows on the board's screen), call -> announcement start (the
#    fake speech command logs when it starts), p50/p99 of each.
# 3. Resident memory of every process at the end.
# Results are printed and written to target/bench-hall/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/target/bench-hall
mkdir -p "$OUT"
if [[ -z "${BIN:-}" ]]; then
  cargo build --release --quiet
  BIN=$ROOT/target/release/legaldesk
fi
BIN=$(realpath "$BIN")
WINDOWS=12
IDLE_SECONDS=${IDLE_SECONDS:-60}
CALLS=${CALLS:-200}
SPAN_SECONDS=${SPAN_SECONDS:-120}
CORE=${CORE:-0}
DRIVER_CORE=${DRIVER_CORE:-1}
PIN="taskset -c $CORE"
DB=$OUT/hall.sqlite3
RESULTS=$OUT/results.md
SOCK="legaldesk-bench-hall-$$"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset LEGALDESK_DB NO_COLOR
taskset -pc "$DRIVER_CORE" $$ >/dev/null

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
: > "$RESULTS"
T() { taskset -c "$DRIVER_CORE" tmux -u -L "$SOCK" -f /dev/null "$@"; }
cleanup() { T kill-server 2>/dev/null || true; [[ -n "${SPEAKER:-}" ]] && kill "$SPEAKER" 2>/dev/null || true; }
trap cleanup EXIT

rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT"/frames-*.log "$OUT/speech.log"
L() { "$BIN" --db "$DB" --lang en "$@" >/dev/null; }
L init
printf '1234\n' | L staff add S01 --name Supervisor --role supervisor
for i in $(seq -w 1 $WINDOWS); do
  L window add "W$i" --services consult,drafting
  printf '1234\n' | L staff add "F$i" --name "Window $i" --role front_desk
done
cat > "$OUT/speak.sh" <<EOS
#!/bin/sh
echo "start \$(date +%s%N) \$1" >> "$OUT/speech.log"
sleep 0.2
echo "end \$(date +%s%N) \$1" >> "$OUT/speech.log"
EOS
chmod +x "$OUT/speak.sh"
L settings set announce_command "$OUT/speak.sh {text}"
L settings set announce_repeat 1
L settings set board_hold_s 1

app() { # session, extra arguments
  T new-session -d -s "$1" -x 80 -y 24 \
    "env LEGALDESK_FRAME_LOG=$OUT/frames-$1.log $PIN $BIN --db $DB ${2:-}; sleep 3600"
}
wait_for() { # session, text
  for _ in $(seq 1 400); do T capture-pane -p -t "$1" | grep -q -- "$2" && return 0; sleep 0.05; done
  echo "timeout: $1 waiting for $2" >&2; T capture-pane -p -t "$1" >&2; return 1
}
wait_gone() { # session, text
  for _ in $(seq 1 400); do T capture-pane -p -t "$1" | grep -q -- "$2" || return 0; sleep 0.05; done
  echo "timeout: $1 still shows $2" >&2; return 1
}

say "## Run of $(date -u '+%Y-%m-%d %H:%M UTC'): $BIN"
say ""
say '```'
{ nproc --all; lscpu | grep -E 'Model name|^CPU\(s\)'; free -h | head -2; } | tee -a "$RESULTS"
say '```'
say ""

# The board, the rating pads of W01 and W02, and the announcer alone (no terminal: it runs
# headless).
app BOARD board
app PAD1 "pad --window W01"
app PAD2 "pad --window W02"
wait_for PAD1 "欢迎您"
wait_for PAD2 "欢迎您"
$PIN "$BIN" --db "$DB" board --speak </dev/null >/dev/null 2>"$OUT/speaker.stderr" &
SPEAKER=$!
for i in $(seq -w 1 $WINDOWS); do
  app "W$i"
  wait_for "W$i" "Staff code\|工号"
  T send-keys -t "W$i" -l "F$i"; T send-keys -t "W$i" Enter
  T send-keys -t "W$i" -l 1234; T send-keys -t "W$i" Enter
  T send-keys -t "W$i" -l "$((10#$i))"; T send-keys -t "W$i" F2
done
for i in $(seq -w 1 $WINDOWS); do wait_for "W$i" "等候队列"; done
wait_for BOARD "1号窗口 服务中"

pids() { pgrep -f "$BIN --db $DB" | while read -r p; do [[ "$(cat /proc/$p/comm)" == legaldesk ]] && echo "$p"; done; }
ticks() { local t=0; for p in $(pids); do t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat))); done; echo $t; }
frames() { cat "$OUT"/frames-*.log 2>/dev/null | wc -l; }
board_frames() { wc -l < "$OUT/frames-BOARD.log"; }

# --- 1. idle -------------------------------------------------------------------------------
sleep 3
f0=$(frames); b0=$(board_frames); c0=$(ticks); s0=$(date +%s%N)
sleep "$IDLE_SECONDS"
f1=$(frames); b1=$(board_frames); c1=$(ticks); s1=$(date +%s%N)
hz=$(getconf CLK_TCK)
python3 - <<PY | tee -a "$RESULTS"
cpu = ($c1 - $c0) / $hz
wall = ($s1 - $s0) / 1e9
print(f"- idle {wall:.0f} s, {$WINDOWS} signed-in terminals + board + 2 rating pads + announcer on one core: "
      f"CPU {cpu:.2f} s = {100 * cpu / wall:.3f} % of a core; frames drawn: {$f1 - $f0} "
      f"(the board: {$b1 - $b0}, one per minute of its clock)")
PY

# --- 2. calls ------------------------------------------------------------------------------
# The tickets, issued at W01 (intake form: service consult by default, a name, F2).
for n in $(seq 1 "$CALLS"); do
  T send-keys -t W01 F2
  wait_for W01 "登记取号"
  T send-keys -t W01 Enter; T send-keys -t W01 -l "访客$n"; T send-keys -t W01 F2
  wait_for W01 "已取号"
  T send-keys -t W01 Escape
  wait_gone W01 "已取号"
done
sleep 2
: > "$OUT/calls.txt"
gap=$(python3 -c "print($SPAN_SECONDS / $CALLS)")
start=$(date +%s%N)
for n in $(seq 1 "$CALLS"); do
  w=$(printf 'W%02d' $(( (n - 1) % WINDOWS + 1 )))
  ticket=$(printf 'Z%03d' "$n")
  sent=$(date +%s%N)
  T send-keys -t "$w" F3
  # The ticket on the board (the window's state, the large call or the list).
  for _ in $(seq 1 500); do T capture-pane -p -t BOARD | grep -q "$ticket" && break; sleep 0.01; done
  seen=$(date +%s%N)
  echo "$ticket $sent $seen" >> "$OUT/calls.txt"
  next=$((start + n * $(python3 -c "print(int($gap * 1e9))")))
  now=$(date +%s%N)
  (( next > now )) && sleep "$(python3 -c "print(($next - $now) / 1e9)")"
done
sleep 3
python3 - "$OUT/calls.txt" "$OUT/speech.log" <<'PY' | tee -a "$RESULTS"
import math, re, sys
calls = {}
for line in open(sys.argv[1]):
    t, sent, seen = line.split()
    calls[t] = (int(sent), int(seen))
digits = "零一二三四五六七八九"
starts = {}
for line in open(sys.argv[2]):
    kind, ns, text = line.split(" ", 2)
    m = re.search(r"Z([零一二三四五六七八九]+)号", text)
    if kind == "start" and m:
        t = "Z" + "".join(str(digits.index(c)) for c in m.group(1))
        starts.setdefault(t, int(ns))
def pct(v, p):
    v = sorted(v)
    return v[max(1, math.ceil(p / 100 * len(v))) - 1]
board = [(seen - sent) / 1e6 for sent, seen in calls.values()]
speech = [(starts[t] - calls[t][0]) / 1e6 for t in calls if t in starts]
print(f"- {len(calls)} calls: call -> board p50 {pct(board, 50):.0f} ms, p99 {pct(board, 99):.0f} ms, max {max(board):.0f} ms")
print(f"- call -> announcement start ({len(speech)} of {len(calls)} spoken): p50 {pct(speech, 50):.0f} ms, "
      f"p99 {pct(speech, 99):.0f} ms, max {max(speech):.0f} ms")
PY

# --- 3. memory -----------------------------------------------------------------------------
for p in $(pids); do
  say "- pid $p ($(tr '\0' ' ' < /proc/$p/cmdline | sed "s|$BIN|legaldesk|; s|$DB|hall.sqlite3|" | cut -c1-60)): $(grep -E 'VmHWM|VmRSS' /proc/$p/status | tr -s ' \t' ' ' | tr '\n' ' ')"
done
