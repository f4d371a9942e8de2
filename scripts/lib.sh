# Shared by scripts/demo and scripts/test: find JDK 25 and make sure the local services run.
# Sourced, not executed.

say() { printf '[pneumatic] %s\n' "$*"; }
die() { printf '[pneumatic] ERROR: %s\n' "$*" >&2; exit 1; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Sets JAVA_HOME to a JDK 25 or newer: $JAVA_HOME, then /usr/lib/jvm/*, then java on the PATH.
find_jdk25() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*25* /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] && [ "$(java_major "$c/bin/java")" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "Pneumatic needs JDK 25 (found none in \$JAVA_HOME, /usr/lib/jvm or on the PATH).
  Install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium repository) or unpack a JDK 25 and set JAVA_HOME to it."
}

wait_for() { # wait_for <seconds> <description> <command...>
  local seconds=$1 what=$2; shift 2
  for _ in $(seq "$seconds"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  die "$what did not come up within ${seconds}s"
}

ensure_redis() {
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
  command -v redis-server >/dev/null || die "Redis is not running and not installed: apt-get install -y redis-server"
  say "starting Redis on 127.0.0.1:6379"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/pneumatic.log
  wait_for 30 "Redis" redis-cli -h 127.0.0.1 -p 6379 ping
}

ensure_postgres() { # ensure_postgres <database...>
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null || die "PostgreSQL is not running and not installed: apt-get install -y postgresql"
    say "starting PostgreSQL on 127.0.0.1:5432"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    wait_for 60 "PostgreSQL" pg_isready -q -h 127.0.0.1 -p 5432
  fi
  local db
  for db in "$@"; do
    psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
      || { say "creating database $db"; psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE \"$db\""; }
  done
}

ensure_rabbitmq_stomp() {
  if ! (echo > /dev/tcp/127.0.0.1/5672) 2>/dev/null; then
    command -v rabbitmq-server >/dev/null || die "RabbitMQ is not running and not installed: apt-get install -y rabbitmq-server"
    say "starting RabbitMQ"
    rabbitmq-server -detached
    wait_for 90 "RabbitMQ" bash -c 'echo > /dev/tcp/127.0.0.1/5672'
  fi
  if ! (echo > /dev/tcp/127.0.0.1/61613) 2>/dev/null; then
    say "enabling RabbitMQ's STOMP plugin"
    rabbitmq-plugins enable rabbitmq_stomp >/dev/null
    wait_for 60 "RabbitMQ STOMP (61613)" bash -c 'echo > /dev/tcp/127.0.0.1/61613'
  fi
}

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js and npm are needed to build the UI: apt-get install -y nodejs npm"
}

ensure_chromium() {
  command -v chromium >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "Chromium is needed for the browser tests: sudo apt-get install -y chromium"
  say "installing Debian's chromium for the browser tests"
  (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }) \
    || die "could not install chromium (apt-get install -y chromium)"
}
