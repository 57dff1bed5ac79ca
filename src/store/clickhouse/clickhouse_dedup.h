// clickhouse_dedup.h: the clustering pass of `ties dedup` over a ClickHouse
// cluster (Store::AssignClusters; docs/scale.md, "Syndication clusters").
//
// Reads every article's fingerprint, wire agency and day through the
// Distributed `articles` table (computing the fingerprints of schema-1 rows
// from their text), runs the shared dedup/clusters.h over the whole corpus, and
// writes to `clusters` only the assignments whose stored copies differ:
// (id, cluster) once per shard, synchronously (insert_distributed_sync), for
// articles in a cluster with others and for articles whose stored cluster is no
// longer theirs. A pass stopped half-way (killed, a shard gone) leaves some
// shards' copies missing or old; the next pass sees that and writes them, so
// passes are idempotent and restartable, and concurrent passes over the same
// stored articles write the same values.
#ifndef TIES_STORE_CLICKHOUSE_CLICKHOUSE_DEDUP_H_
#define TIES_STORE_CLICKHOUSE_CLICKHOUSE_DEDUP_H_

#include "store/clickhouse/clickhouse_client.h"
#include "ties/store.h"

namespace ties::clickhouse {

// REQUIRES: the location's database holds schema-2 tables on every shard.
Status AssignClusters(Client& client, ClusterCounts& counts);

}  // namespace ties::clickhouse

#endif  // TIES_STORE_CLICKHOUSE_CLICKHOUSE_DEDUP_H_
