#!/usr/bin/env bash
# GUI smoke test: the real binary with its console and the demo's simulated calls on an X server
# (Xvfb). After a while the window reports what it shows (MainWindow::report()) and the whole
# screen is captured; both stay in the build directory as CI artifacts.
#   gui-smoke.sh CALLBOOK_BINARY OUTPUT_DIR
set -euo pipefail
binary=$1
out=$2
rm -rf "$out"
mkdir -p "$out/home" "$out/xdg"
chmod 700 "$out/xdg"
export HOME="$out/home" XDG_RUNTIME_DIR="$out/xdg" CALLBOOK_NO_KEYCHAIN=1
export CALLBOOK_UI_REPORT="$out/report.json" CALLBOOK_UI_REPORT_AFTER_MS=30000
unset QT_QPA_PLATFORM # a real X display, not offscreen

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" --demo --demo-call-interval-ms 600 --demo-outage-every-s 6 >"$2/callbook.log" 2>&1 &
  app=$!
  sleep 26
  import -window root "$2/screenshot.png"
  wait "$app"
' _ "$binary" "$out"

test -s "$out/report.json" || { echo "gui-smoke: the console wrote no report"; tail -30 "$out/callbook.log"; exit 1; }
cat "$out/report.json"
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
report = json.load(open(os.path.join(out, "report.json")))
problems = []
def at_least(key, n):
    if report.get(key, 0) < n:
        problems.append(f"{key} = {report.get(key)} (expected at least {n})")
at_least("live_calls_rows", 3)
at_least("function_calls_seen", 10)
at_least("latency_chart_points", 2)
at_least("histogram_chart_points", 1)
at_least("health_rows", 1)
for shot in ("screenshot.png", "report.json.png"):
    size = os.path.getsize(os.path.join(out, shot)) if os.path.exists(os.path.join(out, shot)) else 0
    if size < 20000:
        problems.append(f"{shot} is {size} bytes: no real picture")
if problems:
    print("gui-smoke: " + "; ".join(problems))
    sys.exit(1)
print("gui-smoke: ok, screenshot in " + os.path.join(out, "screenshot.png"))
PY
