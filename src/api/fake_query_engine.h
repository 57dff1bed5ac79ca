// fake_query_engine.h: a QueryEngine over fixed in-memory rows, for API tests.
//
// Test-only. Lists page by offset (the cursor is "o" and the decimal offset of
// the next row, as the real engines write it) so tests can walk every page; the last filter of each call is kept so
// tests can check that parameters reach the engine.
#ifndef TIES_API_FAKE_QUERY_ENGINE_H_
#define TIES_API_FAKE_QUERY_ENGINE_H_

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ties/query.h"
#include "ties/query_deadline.h"

namespace ties {

class FakeQueryEngine : public QueryEngine {
 public:
  std::vector<ArticleHit> articles;
  std::map<std::string, std::string> article_json;  // id -> record JSON
  std::vector<QuoteRow> quotes;
  std::vector<EntityRow> entities;
  std::vector<DyadPoint> dyad;
  std::vector<NetworkEdge> network;
  Stats stats;
  Status fail;  // when not OK, every call returns it

  // Last arguments seen (guarded by mu).
  std::mutex mu;
  ArticleFilter last_article_filter;
  QuoteFilter last_quote_filter;
  EntityFilter last_entity_filter;
  DyadQuery last_dyad;
  Page last_page;
  uint32_t last_network_limit = 0;
  int calls = 0;
  // The calling thread's query deadline at the last SearchArticles call
  // (query_deadline.h): lets tests check that the server sets one.
  std::chrono::steady_clock::time_point last_deadline;
  // SearchArticles takes this long, and then fails as SQLite's interrupt would
  // when the thread's deadline has passed.
  std::chrono::milliseconds search_time{0};

  Result<ArticleList> SearchArticles(const ArticleFilter& filter, const Page& page) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    last_article_filter = filter;
    last_page = page;
    last_deadline = QueryDeadline();
    if (search_time.count() > 0) {
      std::this_thread::sleep_for(search_time);
      if (QueryDeadlinePassed()) return Status::IoError("sqlite: interrupted");
    }
    if (!fail.ok()) return fail;
    ArticleList list;
    Result<size_t> next = Slice(articles, page, list.items);
    if (!next.ok()) return next.status();
    list.next_cursor = *next < articles.size() ? "o" + std::to_string(*next) : "";
    list.total = articles.size();
    return list;
  }

  Result<std::string> ArticleJson(const std::string& id) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    if (!fail.ok()) return fail;
    auto it = article_json.find(id);
    if (it == article_json.end()) return Status::NotFound("no article with id '" + id + "'");
    return it->second;
  }

  Result<QuoteList> Quotes(const QuoteFilter& filter, const Page& page) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    last_quote_filter = filter;
    last_page = page;
    if (!fail.ok()) return fail;
    QuoteList list;
    Result<size_t> next = Slice(quotes, page, list.items);
    if (!next.ok()) return next.status();
    list.next_cursor = *next < quotes.size() ? "o" + std::to_string(*next) : "";
    return list;
  }

  Result<EntityList> Entities(const EntityFilter& filter, const Page& page) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    last_entity_filter = filter;
    last_page = page;
    if (!fail.ok()) return fail;
    EntityList list;
    Result<size_t> next = Slice(entities, page, list.items);
    if (!next.ok()) return next.status();
    list.next_cursor = *next < entities.size() ? "o" + std::to_string(*next) : "";
    return list;
  }

  Result<std::vector<DyadPoint>> Dyad(const DyadQuery& query) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    last_dyad = query;
    if (!fail.ok()) return fail;
    return dyad;
  }

  Result<std::vector<NetworkEdge>> Network(const std::string&, const std::string&, uint32_t limit) override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    last_network_limit = limit;
    if (!fail.ok()) return fail;
    std::vector<NetworkEdge> edges(network.begin(), network.begin() + std::min<size_t>(limit, network.size()));
    return edges;
  }

  Result<Stats> GetStats() override {
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    if (!fail.ok()) return fail;
    return stats;
  }

 private:
  // Copies one page of `rows` into `out`; returns the offset after it.
  template <typename Row>
  static Result<size_t> Slice(const std::vector<Row>& rows, const Page& page, std::vector<Row>& out) {
    size_t offset = 0;
    if (!page.cursor.empty()) {
      if (page.cursor.size() < 2 || page.cursor[0] != 'o' ||
          page.cursor.find_first_not_of("0123456789", 1) != std::string::npos) {
        return Status::InvalidArgument("bad cursor");
      }
      offset = std::stoul(page.cursor.substr(1));
    }
    const size_t end = std::min(rows.size(), offset + page.limit);
    for (size_t i = offset; i < end; ++i) out.push_back(rows[i]);
    return end;
  }
};

}  // namespace ties

#endif  // TIES_API_FAKE_QUERY_ENGINE_H_
