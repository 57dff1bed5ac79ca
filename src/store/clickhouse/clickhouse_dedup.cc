// clickhouse_dedup.cc: `ties dedup` on ClickHouse (clickhouse_dedup.h).
#include "store/clickhouse/clickhouse_dedup.h"

#include <chrono>
#include <cstdlib>
#include <unordered_map>

#include "dedup/clusters.h"
#include "dedup/simhash.h"
#include "dedup/wire_agency.h"
#include "store/clickhouse/clickhouse_util.h"
#include "store/clickhouse/schema.h"

namespace ties::clickhouse {

namespace {

using Rows = std::vector<std::vector<std::string>>;

Result<Rows> Select(Client& client, const std::string& sql) {
  Result<std::string> body = client.Query(sql + " FORMAT TabSeparated");
  if (!body.ok()) return body.status();
  return ParseTsv(*body);
}

// The `copy` value that routes a row to each shard: its first weight slot
// (a Distributed table sends key k to the shard owning slot k mod total weight).
Result<std::vector<uint32_t>> ShardSlots(Client& client) {
  const std::string& cluster = client.location().cluster;
  if (cluster.empty()) return std::vector<uint32_t>{0};
  Result<Rows> rows = Select(client, "SELECT shard_num, any(shard_weight) FROM system.clusters WHERE cluster = " +
                                         Quote(cluster) + " GROUP BY shard_num ORDER BY shard_num");
  if (!rows.ok()) return rows.status();
  std::vector<uint32_t> slots;
  uint32_t offset = 0;
  for (const auto& row : *rows) {
    if (row.size() < 2) continue;
    slots.push_back(offset);
    offset += static_cast<uint32_t>(std::strtoul(row[1].c_str(), nullptr, 10));
  }
  if (slots.empty()) return Status::InvalidArgument("cluster '" + cluster + "' has no shards");
  return slots;
}

}  // namespace

Status AssignClusters(Client& client, ClusterCounts& counts) {
  const bool distributed = !client.location().cluster.empty();
  Result<std::vector<uint32_t>> slots = ShardSlots(client);
  if (!slots.ok()) return slots.status();

  Result<Rows> rows = Select(client, std::string("SELECT id, simhash, wire_agency, pub_day, fingerprinted,"
                                                 " if(fingerprinted = 0, text, '') FROM ") +
                                         (distributed ? "articles" : "articles_local") + " FINAL");
  if (!rows.ok()) return Status(rows.status().code(), "dedup: " + rows.status().message());
  std::vector<ClusterArticle> articles;
  articles.reserve(rows->size());
  for (auto& row : *rows) {
    if (row.size() < 6) continue;
    ClusterArticle a;
    a.id = std::move(row[0]);
    a.simhash = std::strtoull(row[1].c_str(), nullptr, 10);
    a.wire_agency = std::move(row[2]);
    a.day = ClusterDay(row[3]);
    if (row[4] == "0") {  // written by schema 1: no fingerprint stored
      a.simhash = SimHash(row[5]);
      a.wire_agency = WireAgencies::Default().Detect(row[5]);
    }
    articles.push_back(std::move(a));
  }
  rows->clear();

  // The stored copies: one row per shard holding one (FINAL collapses within a shard).
  Result<Rows> stored_rows =
      Select(client, std::string("SELECT id, cluster FROM ") + (distributed ? "clusters" : "clusters_local") + " FINAL");
  if (!stored_rows.ok()) return Status(stored_rows.status().code(), "dedup: " + stored_rows.status().message());
  std::unordered_map<std::string, std::vector<std::string>> stored;
  for (auto& row : *stored_rows) {
    if (row.size() >= 2) stored[std::move(row[0])].push_back(std::move(row[1]));
  }
  stored_rows->clear();

  const std::vector<uint32_t> names = ties::AssignClusters(articles);
  counts = ClusterCounts{};
  counts.articles = articles.size();
  std::vector<std::pair<const std::string*, const std::string*>> writes;  // (id, cluster)
  for (size_t i = 0; i < articles.size(); ++i) {
    if (names[i] == i) ++counts.clusters;
    const std::string& id = articles[i].id;
    const std::string& name = articles[names[i]].id;
    auto it = stored.find(id);
    bool ok = true;
    if (name != id) {
      // Every shard must hold the assignment.
      ok = it != stored.end() && it->second.size() == slots->size();
      if (ok) {
        for (const std::string& c : it->second) ok = ok && c == name;
      }
    } else if (it != stored.end()) {
      for (const std::string& c : it->second) ok = ok && c == id;  // alone: no copy may name another
    }
    if (!ok) writes.emplace_back(&id, &name);
  }
  counts.changed = writes.size();
  if (writes.empty()) return Status::Ok();

  const uint64_t version = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  const Table& table = ClustersTable();
  std::string body;
  for (uint32_t slot : *slots) {
    for (const auto& [id, name] : writes) RowWriter(body).Str(*id).Str(*name).U64(version).U32(slot).U16(0);
  }
  Status s = distributed ? client.InsertRowBinary("clusters", table.ColumnList(), body, "insert_distributed_sync=1")
                         : client.InsertRowBinary("clusters_local", table.ColumnList(), body);
  if (!s.ok()) return Status(s.code(), "dedup: writing clusters: " + s.message());
  return Status::Ok();
}

}  // namespace ties::clickhouse
