// clickhouse_store.h: the scale-out Store, writing to a ClickHouse server over HTTP.
//
// Writes go to the `*_local` tables of the one server the location names (each
// shard's writer points at its own server; see docs/scale.md). Articles are
// buffered and sent in large RowBinary inserts (flush_rows articles or
// flush_seconds, see clickhouse_client.h), annotations first and the article
// row last, so an article row means a complete article.
//
// Idempotency: before buffering, the store looks up the batch's ids on its
// server. An article stored with the same content hash is skipped; with another
// hash it is written again and the old version's rows are deleted (an ALTER
// ... DELETE mutation that Flush() waits for). ReplacingMergeTree keys make a
// re-sent insert (after a failure) collapse into one copy.
//
// Durability differs from SQLite: PutBatch() only buffers; data reaches the
// server when the buffer fills and at Flush(). Rows buffered when the process
// dies are lost, and re-running the ingest writes them (idempotently).
#ifndef TIES_STORE_CLICKHOUSE_CLICKHOUSE_STORE_H_
#define TIES_STORE_CLICKHOUSE_CLICKHOUSE_STORE_H_

#include <memory>
#include <string>

#include "ties/store.h"

namespace ties {

// Opens "clickhouse://HOST:PORT/DATABASE[?cluster=NAME...]", creating the
// database and tables when missing. Unavailable when the server does not answer.
// One writer thread owns the Store.
Result<std::unique_ptr<Store>> OpenClickHouseStore(const std::string& location);

}  // namespace ties

#endif  // TIES_STORE_CLICKHOUSE_CLICKHOUSE_STORE_H_
