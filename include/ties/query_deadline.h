// query_deadline.h: a time budget for the queries run by the calling thread.
//
//   {
//     ties::ScopedQueryDeadline budget(std::chrono::milliseconds(5000));
//     engine.SearchArticles(filter, page);   // interrupted past the deadline
//   }
//
// The HTTP server sets one per API request (ServeOptions::query_budget_ms).
// A query engine that honours it checks QueryDeadlinePassed() while a query
// runs (SQLite: a progress handler on each connection) and then fails the call
// with StatusCode::kResourceExhausted. Engines that do not check it simply run
// to completion. Header-only: the deadline is one thread_local time point.
#ifndef TIES_QUERY_DEADLINE_H_
#define TIES_QUERY_DEADLINE_H_

#include <chrono>

namespace ties {

namespace query_deadline_internal {
inline thread_local std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
}  // namespace query_deadline_internal

// The current thread's query deadline; time_point::max() when there is none.
inline std::chrono::steady_clock::time_point QueryDeadline() { return query_deadline_internal::deadline; }

// True when the current thread has a deadline and it has passed. Cheap enough
// for a progress callback (one clock read, only when a deadline is set).
inline bool QueryDeadlinePassed() {
  const auto deadline = query_deadline_internal::deadline;
  return deadline != std::chrono::steady_clock::time_point::max() && std::chrono::steady_clock::now() > deadline;
}

// Sets the calling thread's deadline for its lifetime (an earlier enclosing
// deadline wins) and restores the previous one. Not movable: scope-bound.
class ScopedQueryDeadline {
 public:
  explicit ScopedQueryDeadline(std::chrono::milliseconds budget) : previous_(query_deadline_internal::deadline) {
    const auto mine = std::chrono::steady_clock::now() + budget;
    if (mine < previous_) query_deadline_internal::deadline = mine;
  }
  ~ScopedQueryDeadline() { query_deadline_internal::deadline = previous_; }
  ScopedQueryDeadline(const ScopedQueryDeadline&) = delete;
  ScopedQueryDeadline& operator=(const ScopedQueryDeadline&) = delete;

 private:
  std::chrono::steady_clock::time_point previous_;
};

}  // namespace ties

#endif  // TIES_QUERY_DEADLINE_H_
