# Helpers of bench/run, sourced: start and stop the servers under test, drive wrk, read
# figures. Every process started here is stopped by its own id in bench_cleanup.
# Expects: $CC (the cloudconform binary), $TOOLS (the directory of the bench_* tools),
# $WORK (a private temporary directory).

BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  BENCH_PIDS=()
}

bench_die() {
  echo "bench: $*" >&2
  exit 1
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# median X...: the middle value (the mean of the two middle ones for an even count).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2];
    else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Starts `cloudconform emulate` on an ephemeral loopback port with the given extra flags and
# waits for the line that names its URL. Sets EMU_PID and EMU_URL.
start_emulator() {
  local fd line
  exec {fd}< <(exec "$CC" emulate --listen 127.0.0.1:0 "$@" 2>"$WORK/emulator.err")
  EMU_PID=$!
  BENCH_PIDS+=("$EMU_PID")
  read -r -t 20 -u "$fd" line || bench_die "the emulator did not start: $(cat "$WORK/emulator.err")"
  EMU_URL=${line##* }
  [[ $EMU_URL == http://127.0.0.1:* ]] || bench_die "unexpected first line from the emulator: $line"
  # The rest of its banner stays unread in the pipe; keep the pipe open so it never blocks.
}

stop_emulator() {
  kill "$EMU_PID" 2>/dev/null
  wait "$EMU_PID" 2>/dev/null
}

# port_listening PORT: whether something accepts connections on 127.0.0.1:PORT.
port_listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts nginx answering every request with the bytes of BODY_FILE as application/json, from a
# configuration generated under $WORK/nginx (its own prefix, temp dirs, pid and logs;
# `daemon off`). nginx cannot bind port 0 and report it, so a free port is picked at random
# and another tried when it turns out to be taken. Sets NGINX_PID and NGINX_URL.
start_nginx() {
  local body_file=$1 workers=$2 dir=$WORK/nginx body port attempt
  mkdir -p "$dir/logs" "$dir/tmp"
  # `return` text interpolates $variables and ends at a quote: neutralise both, keeping the size.
  body=$(tr "\$'\\\\" '___' <"$body_file")
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    port_listening "$port" && continue
    cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$port;
    location / {
      default_type application/json;
      return 200 '$body';
    }
  }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" 2>>"$dir/logs/stderr" &
    NGINX_PID=$!
    BENCH_PIDS+=("$NGINX_PID")
    until port_listening "$port"; do
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.05  # nginx signals readiness only by listening
    done
    if kill -0 "$NGINX_PID" 2>/dev/null; then
      NGINX_URL=http://127.0.0.1:$port
      return 0
    fi
    wait "$NGINX_PID" 2>/dev/null
  done
  bench_die "nginx did not start: $(tail -3 "$dir/logs/stderr" "$dir/logs/error.log" 2>/dev/null)"
}

stop_nginx() {
  kill -QUIT "$NGINX_PID" 2>/dev/null
  wait "$NGINX_PID" 2>/dev/null
}

# signed_script NAME API PARAMS [EXPECT_CODE]: signs a fresh request for the emulator at
# $EMU_URL and writes the wrk script $WORK/NAME.lua that replays and checks it.
signed_script() {
  local name=$1 api=$2 params=$3 expect=${4:-}
  "$CC" sign --api "$api" --endpoint "$EMU_URL" --params "$params" >"$WORK/$name.json" ||
    bench_die "cloudconform sign failed for $api"
  "$TOOLS/bench_wrk_script" ${expect:+--expect-code "$expect"} <"$WORK/$name.json" >"$WORK/$name.lua" ||
    bench_die "bench_wrk_script failed for $api"
}

# run_wrk SCRIPT URL CONNECTIONS SECONDS [CAPTURE_FILE]: runs wrk and sets WRK_RPS, WRK_GOOD,
# WRK_BAD, WRK_SOCKET_ERRORS from the script's BENCH line. Dies when a response was not the
# expected one: a rate of wrong answers measures nothing.
run_wrk() {
  local script=$1 url=$2 conns=$3 seconds=$4 capture=${5:-} threads=2 out
  if [ "$conns" -lt 2 ]; then threads=1; fi
  out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" -s "$script" "$url" ${capture:+-- "$capture"}) ||
    bench_die "wrk failed: $out"
  local line
  line=$(grep '^BENCH rps=' <<<"$out") || bench_die "wrk printed no BENCH line: $out"
  WRK_RPS=$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")
  WRK_GOOD=$(sed -E 's/.*good=([0-9]+).*/\1/' <<<"$line")
  WRK_BAD=$(sed -E 's/.*bad=([0-9]+).*/\1/' <<<"$line")
  WRK_SOCKET_ERRORS=$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")
  if [ "$WRK_BAD" -ne 0 ] || [ "$WRK_SOCKET_ERRORS" -ne 0 ] || [ "$WRK_GOOD" -eq 0 ]; then
    bench_die "unexpected responses from $url: $line $(grep '^BENCH first_bad' <<<"$out")"
  fi
}

# cpu_ticks PID...: user + system CPU time of the processes so far, in clock ticks.
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done
  echo "$total"
}

# us_per_request TICKS REQUESTS: CPU microseconds per request over a measurement. Less
# sensitive than req/s to what else runs on the machine, though not immune (caches, migrations).
us_per_request() {
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" \
    'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n; else print "n/a" }'
}

# proc_kb PID FIELD: a field of /proc/PID/status in kB (VmRSS, VmHWM).
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
