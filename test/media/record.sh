#!/usr/bin/env bash
# Records media/screenshot.svg (and media/drilldown.svg, media/insights-jump.svg and media/project-view.svg, animated) from
# the BUILT binary on the bundled demo data, driven in a private tmux server, and media/ncdu.svg: the real ncdu browsing
# the binary's `--export ncdu` of the same data. Run via `npm run media` after `npm run build`.
# Needs tmux (and ncdu for ncdu.svg).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
# AGENT_NCDU_CLI / MEDIA_DIR: record another build, or write elsewhere (for trying this script).
cli="${AGENT_NCDU_CLI:-$root/distribution/cli.js}"
media="${MEDIA_DIR:-$root/media}"
[[ -f "$cli" ]] || { echo "✖ $cli is missing: run npm run build first" >&2; exit 1; }
command -v tmux >/dev/null || { echo "✖ tmux is required" >&2; exit 1; }

socket="agent-ncdu-media-$$"
work="$(mktemp -d)"
frames="$work/frames"
mkdir -p "$frames" "$media"
t() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() { t kill-server 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# Waits until the screen contains $1 (a grep -E pattern), up to 20 s.
wait_for() {
	for _ in $(seq 1 200); do
		if t capture-pane -p -t media | grep -Eq -- "$1"; then return 0; fi
		sleep 0.1
	done
	echo "✖ timed out waiting for: $1" >&2
	t capture-pane -p -t media >&2
	exit 1
}

# Starts the demo in a fresh `media` session: $1 columns, $2 rows, $3 its HOME (a quit writes
# the remembered view there, so a recording that must start at the root gets a HOME of its own).
start_demo() {
	t kill-session -t media 2>/dev/null || true
	t new-session -d -s media -x "$1" -y "$2" -c "$work" \
		-e HOME="$3" -e TERM=xterm-256color -e COLORTERM=truecolor -e FORCE_COLOR=3 -e TZ=UTC \
		"node '$cli' --demo --timezone UTC; sleep 5"
}

# Frames of the next animation go to a folder of their own ($1).
new_animation() {
	frames="$work/$1"
	shot=0
	mkdir -p "$frames"
}

shot=0
capture() {
	sleep 0.3 # let Ink's 30 fps throttle flush the last frame
	shot=$((shot + 1))
	t capture-pane -p -e -t media >"$frames/$(printf '%02d' "$shot").ans"
}

# The still: the root of the demo data in a compact window (every week, the daily sparkline).
start_demo 100 15 "$work/home"
wait_for '[0-9]{4}-W[0-9]{2}'
sleep 0.3
t capture-pane -p -e -t media >"$work/screenshot.ans"
t send-keys -t media q
sleep 0.3

# The animation: a drill-down, one frame per level.
start_demo 100 30 "$work/home"

wait_for '[0-9]{4}-W[0-9]{2}'
capture                                  # root: weeks
t send-keys -t media Enter; wait_for 'All › [0-9]{4}-W[0-9]{2}$|All › [0-9]{4}-W[0-9]{2} *$'
capture                                  # a week: days
t send-keys -t media Enter; wait_for '› [0-9]{4}-[0-9]{2}-[0-9]{2} *$'
capture                                  # a day: sessions
t send-keys -t media Enter; sleep 0.3
capture                                  # a session: turns
t send-keys -t media Enter; sleep 0.3
capture                                  # a turn: API calls
t send-keys -t media i; wait_for 'CALL  |TURN  |SESSION  '
capture                                  # info pane
t send-keys -t media q

node "$root/test/media/ansi-to-svg.mjs" --out "$media/screenshot.svg" --title 'npx agent-ncdu' "$work/screenshot.ans"
node "$root/test/media/ansi-to-svg.mjs" --out "$media/drilldown.svg" --title 'npx agent-ncdu — drill down' --delay 1.8 "$frames"/*.ans

# The second animation: the insights pane, down to an insight about one session, Enter opens
# that session's day with the cursor on it, ← comes back to the same insight.
sleep 0.3
new_animation insights-frames
start_demo 100 30 "$work/home"
wait_for '[0-9]{4}-W[0-9]{2}'
capture                                  # root: weeks
t send-keys -t media I; wait_for 'Insights \([0-9]+/[0-9]+\)'
capture                                  # the insights, the first selected
# The selected insight's first line names a session: `›▲  payments-api (claude, 2026-11-17): …`.
session_selected='^›[^ ]+ +[A-Za-z0-9._-]+ \([a-z]+, [0-9]{4}-[0-9]{2}-[0-9]{2}\):'
for _ in $(seq 1 20); do
	if t capture-pane -p -t media | grep -Eq -- "$session_selected"; then break; fi
	t send-keys -t media j; sleep 0.2
done
wait_for "$session_selected"
capture                                  # an insight about one session
t send-keys -t media Enter; wait_for 'All › [0-9]{4}-W[0-9]{2} › [0-9]{4}-[0-9]{2}-[0-9]{2}'
capture                                  # its day, the cursor on the session
t send-keys -t media Left; wait_for 'Insights \([0-9]+/[0-9]+\)'
capture                                  # back on the same insight
t send-keys -t media q
node "$root/test/media/ansi-to-svg.mjs" --out "$media/insights-jump.svg" --title 'npx agent-ncdu — insights: Enter opens the session, ← comes back' --delay 2 "$frames"/*.ans
# The project view: `v` until the root lists projects, then a project (its whole sessions) and a
# session (its turns). A home of its own: the drill-down's quit remembered its opened path.
sleep 0.3
new_animation project-frames
start_demo 100 24 "$work/home-views"
wait_for '[0-9]{4}-W[0-9]{2}'
capture                                  # by time: weeks
t send-keys -t media v; wait_for 'Project → Session → Turn'
capture                                  # the view picker
t send-keys -t media 2; wait_for 'All \(by project\)'
capture                                  # by project: projects
t send-keys -t media Enter; wait_for 'All \(by project\) › [^ ]+ *$'
capture                                  # a project: its sessions, whole
t send-keys -t media Enter; wait_for '› session [0-9]{4}-[0-9]{2}-[0-9]{2} *$'
capture                                  # a session: its turns
t send-keys -t media q
node "$root/test/media/ansi-to-svg.mjs" --out "$media/project-view.svg" --title 'npx agent-ncdu — v: by project' --delay 1.8 "$frames"/*.ans

# ncdu itself on our export: the largest week's largest day, its sessions sized in tokens.
if command -v ncdu >/dev/null; then
	sleep 0.3
	t kill-session -t media 2>/dev/null || true
	HOME="$work/home" TZ=UTC node "$cli" --demo --timezone UTC --export ncdu "$work/usage.ncdu" 2>/dev/null
	t new-session -d -s media -x 110 -y 18 -c "$work" -e TERM=xterm-256color -e LANG=C.UTF-8 \
		"ncdu --si --color dark -f usage.ncdu; sleep 5"
	wait_for '/[0-9]{4}-W[0-9]{2}'
	# Entering a folder puts ncdu's cursor on `/..`: Down, then Right, opens its largest entry.
	t send-keys -t media Right; wait_for '/[0-9]{4}-[0-9]{2}-[0-9]{2} '
	t send-keys -t media Down Right; wait_for ' - [0-9]+[smhd]'
	sleep 0.3
	t capture-pane -p -e -t media >"$work/ncdu.ans"
	t send-keys -t media q
	node "$root/test/media/ansi-to-svg.mjs" --out "$media/ncdu.svg" --title 'agent-ncdu --export ncdu usage.ncdu && ncdu --si -f usage.ncdu' "$work/ncdu.ans"
else
	echo "ncdu is not installed: media/ncdu.svg not recorded" >&2
fi
