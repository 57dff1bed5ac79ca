// sources.h: the sources file of `ties fetch --sources` and `ties watch` (TOML, read with toml++).
//
//   user_agent = "ExampleDesk-monitor/1.0 (+mailto:desk@example.org)"   # optional
//   rate = 1.0            # optional: requests per second per host
//   interval = "15m"      # optional default: seconds, or "90s", "15m", "2h"
//
//   [[source]]
//   name = "Kazinform"                              # required, unique
//   urls = ["https://www.inform.kz/rss/eng.xml"]    # feeds, sitemaps or pages; or url = "..."
//   interval = "10m"                                # optional, this source's polling interval
//
// Unknown keys are errors (a typo must not silently change what is watched).
#ifndef TIES_FETCH_SOURCES_H_
#define TIES_FETCH_SOURCES_H_

#include <string>
#include <vector>

#include "fetch/crawler.h"
#include "ties/status.h"

namespace ties {

struct SourcesFile {
  std::string user_agent;  // "" when not set
  double rate = 0;         // 0 when not set
  std::vector<CrawlSource> sources;
};

// Parses a sources file; errors name the file, and the line when toml++ gives one.
Result<SourcesFile> ParseSourcesToml(std::string_view text, const std::string& path);
Result<SourcesFile> LoadSourcesFile(const std::string& path);

// "900", "90s", "15m", "2h", "1d" -> seconds. InvalidArgument otherwise.
Result<double> ParseInterval(std::string_view text);

}  // namespace ties

#endif  // TIES_FETCH_SOURCES_H_
