// growth.h: machine-independent checks that a cost grows linearly
// with its input (issue #19). Test-only.
//
// A case times the work on an input of n units and on one of 4n (the best of
// three runs each, in CPU time of the thread) and requires time(4n) < 6 x
// time(n); a quadratic path gives about 16x. n first doubles until the small run takes 30 ms, so that timer
// noise and a loaded machine (CI runs two tests at once) do not decide the
// ratio. Used by the stage, html and dedup growth tests (docs/performance.md, "Linear growth").
#ifndef TIES_TESTING_GROWTH_H_
#define TIES_TESTING_GROWTH_H_

#include <gtest/gtest.h>

#include <time.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>

namespace ties::testing {

// `unit` repeated until the result holds at least `bytes` bytes.
inline std::string Repeat(const std::string& unit, size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// CPU time of the calling thread, in seconds: unlike wall time, it does not
// count the time other processes of a busy machine hold the cores.
inline double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Best of three runs of `run` (single-threaded), in CPU seconds of this
// thread. `prepare` runs before each timed run, outside the timing (e.g. to
// copy an input that `run` consumes).
inline double BestOfThreeSeconds(const std::function<void()>& run, const std::function<void()>& prepare = {}) {
  double best = 1e9;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (prepare) prepare();
    const double t0 = ThreadCpuSeconds();
    run();
    best = std::min(best, ThreadCpuSeconds() - t0);
  }
  return best;
}

// `seconds(n)` is the (best-of-three) time of the work on an input of size n.
// Starting at `start`, n doubles while seconds(n) < 30 ms and n < `max`; then
// seconds(4n) must stay under 6 x seconds(n). A ratio over 6 is measured again
// (both sizes), up to three times in all: a busy machine can slow one run down
// for seconds, while a quadratic path is over 6 every time.
inline void ExpectLinearGrowth(const std::function<double(size_t n)>& seconds, size_t start = 200000,
                               size_t max = size_t{4} << 20) {
  size_t n = start;
  double small = seconds(n);
  while (small < 0.03 && n < max) {
    n *= 2;
    small = seconds(n);
  }
  double large = seconds(4 * n);
  for (int attempt = 1; attempt < 3 && large >= 6 * small; ++attempt) {
    small = seconds(n);
    large = seconds(4 * n);
  }
  EXPECT_LT(large, 6 * small) << "n = " << n << ": " << small << " s, 4n: " << large << " s";
}

}  // namespace ties::testing

#endif  // TIES_TESTING_GROWTH_H_
