// store.h: where annotated articles go (SQLite by default, ClickHouse at scale).
//
// A Store receives finished Documents in batches. Each batch is one
// transaction: after a crash either all of a batch's articles are stored, with
// all their annotations, or none are. Put() is idempotent: an article whose id
// is already stored with the same content hash is skipped; with another hash it
// is replaced. The SQLite schema is documented in docs/storage.md.
#ifndef TIES_STORE_H_
#define TIES_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ties/document.h"
#include "ties/status.h"

namespace ties {

enum class PutOutcome { kInserted, kReplaced, kUnchanged };

struct StoreCounts {
  uint64_t inserted = 0;
  uint64_t replaced = 0;
  uint64_t unchanged = 0;
};

// What a clustering pass (Store::AssignClusters, `ties dedup`) found and did.
struct ClusterCounts {
  uint64_t articles = 0;  // articles clustered
  uint64_t clusters = 0;  // clusters of syndicated copies (an article alone is one)
  uint64_t changed = 0;   // stored assignments written (0 when the pass had nothing to do)
};

class Store {
 public:
  virtual ~Store() = default;

  // Stores a batch of articles in one transaction. On error nothing of the
  // batch is stored and `counts` is unchanged.
  virtual Status PutBatch(const std::vector<const Document*>& docs, StoreCounts& counts) = 0;

  // True when an article with this id is stored with this content hash, i.e.
  // when a Put of it would be kUnchanged; false when not, or when the store
  // cannot tell cheaply (the default). Thread-safe, and may be called while
  // another thread is in PutBatch: it sees the batches committed so far. A
  // resumed `ties ingest` uses it to skip articles before annotating them
  // (RunOptions::skip); PutBatch still decides for everything else.
  virtual bool IsStored(const std::string& id, const std::string& content_hash) { return false; }

  // Makes stored data durable and visible to readers (checkpoint, merges).
  virtual Status Flush() = 0;

  // Gives every stored article the cluster of syndicated copies it belongs to
  // over the whole database (every shard of a cluster): the connected
  // components of dedup/clusters.h, named by their smallest article id, so the
  // result depends on the stored articles only, not on how or in what order
  // they were ingested. Writes only assignments that differ from the stored
  // ones: idempotent, and a pass that was interrupted is finished by the next.
  // SQLite also runs it in Flush(); ClickHouse only here (`ties dedup`, after
  // the shard workers are done; docs/scale.md).
  virtual Status AssignClusters(ClusterCounts& counts) { return Status::Ok(); }
};

// The default database path: $TIES_DB, else "ties.db" in the current directory.
std::string DefaultDatabasePath();

// Opens (creating when missing) a store from a location: a file path for
// SQLite, or "clickhouse://HOST:PORT/DATABASE".
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

// 64-bit FNV-1a of the text, hex-encoded: the content key for idempotency.
std::string ContentHash(std::string_view text);

}  // namespace ties

#endif  // TIES_STORE_H_
