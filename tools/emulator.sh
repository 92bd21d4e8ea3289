# shellcheck shell=bash
# Start and stop the Karboii emulator (tests/emulator) from bash. Source this file.
#   emulator_start DIR   start it on a free loopback port; DIR gets info.json and
#                        emulator.log; sets EMULATOR_PID and EMULATOR_INFO
#   emulator_stop        SIGTERM (then SIGKILL after 10 s); safe to call twice
# Needs REPO (repo root) and PY (the Python with the test toolchain) set.

EMULATOR_PID=
EMULATOR_INFO=
EMULATOR_LOG=

emulator_start() {
    local dir=$1
    mkdir -p "$dir"
    EMULATOR_INFO="$dir/info.json"
    EMULATOR_LOG="$dir/emulator.log"
    rm -f "$EMULATOR_INFO"
    local args=(-m karboii_emulator --host 127.0.0.1 --port 0 --info-file "$EMULATOR_INFO")
    local swagger="$REPO/../shared/reference/karboii-swagger.json"
    if [[ -f "$swagger" ]]; then
        args+=(--swagger "$swagger")
    fi
    PYTHONPATH="$REPO/tests/emulator${PYTHONPATH:+:$PYTHONPATH}" "$PY" "${args[@]}" >"$EMULATOR_LOG" 2>&1 &
    EMULATOR_PID=$!
    if ! "$PY" "$REPO/tools/emulator_info.py" wait "$EMULATOR_INFO" --pid "$EMULATOR_PID" --timeout 60; then
        echo "--- emulator log ($EMULATOR_LOG) ---" >&2
        tail -n 40 "$EMULATOR_LOG" >&2 || true
        emulator_stop
        return 1
    fi
}

# True while process $1 runs (a child that exited stays a zombie until reaped).
_emulator_alive() {
    local state=
    kill -0 "$1" 2>/dev/null || return 1
    if [[ -r "/proc/$1/stat" ]]; then
        state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || true
        [[ "${state:0:1}" != Z ]] || return 1
    fi
    return 0
}

emulator_stop() {
    local pid=${EMULATOR_PID:-} i rc=0
    [[ -n "$pid" ]] || return 0
    EMULATOR_PID=
    if _emulator_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            _emulator_alive "$pid" || break
            sleep 0.1
        done
        if _emulator_alive "$pid"; then
            echo "emulator (pid $pid) ignored SIGTERM for 10 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || rc=$?
    if ((rc != 0 && rc != 143)); then
        echo "emulator (pid $pid) exited with status $rc; log: $EMULATOR_LOG" >&2
    fi
    return 0
}
