# bench/clickhouse_services.sh: sourced by the ClickHouse benchmarks (clickhouse_ingest.sh,
# clickhouse_scale.sh) from the repository root. Sets P0/P1 (the HTTP ports of scripts/services' two
# servers) and starts the servers when they do not answer, stopping them again when the benchmark exits.
P0=${TIES_CH_HTTP0:-18123}
P1=${TIES_CH_HTTP1:-18124}
ch_services_started=0
if ! scripts/services status >/dev/null 2>&1; then
  scripts/services start
  ch_services_started=1
fi
ch_services_cleanup() { if [ "$ch_services_started" = 1 ]; then scripts/services stop; fi; }
trap ch_services_cleanup EXIT
