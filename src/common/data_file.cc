// data_file.cc: see data_file.h.
#include "common/data_file.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/text_util.h"
#include "ties/stage.h"

namespace ties {

std::vector<std::string_view> SplitList(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = TrimAscii(s.substr(i, j - i));
    if (!part.empty()) out.push_back(part);
    i = j + 1;
  }
  return out;
}

std::vector<std::string> LanguagesWithFile(const std::string& data_dir, const std::string& file_name) {
  std::vector<std::string> langs;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir, ec)) {
    if (entry.is_directory(ec) && std::filesystem::exists(entry.path() / file_name, ec)) {
      langs.push_back(entry.path().filename().string());
    }
  }
  std::sort(langs.begin(), langs.end());
  return langs;
}

Status ReadDataLines(const std::string& path, const std::function<Status(std::string_view, int)>& line_fn) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view trimmed = TrimAscii(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    Status st = line_fn(line, line_no);
    if (!st.ok()) return Status(st.code(), path + ":" + std::to_string(line_no) + ": " + st.message());
  }
  return Status::Ok();
}

Status ReadTsv(const std::string& path,
               const std::function<Status(const std::vector<std::string_view>&, int)>& row) {
  std::vector<std::string_view> cols;
  return ReadDataLines(path, [&](std::string_view v, int line_no) {
    cols.clear();
    size_t i = 0;
    while (i <= v.size()) {
      size_t j = v.find('\t', i);
      if (j == std::string_view::npos) j = v.size();
      cols.push_back(TrimAscii(v.substr(i, j - i)));
      i = j + 1;
    }
    return row(cols, line_no);
  });
}

std::string DefaultDataDir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("TIES_DATA_DIR"); env != nullptr && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {exe.parent_path() / ".." / "data", exe.parent_path() / ".." / "share" / "ties" / "data"}) {
      if (fs::exists(candidate / "pipeline.cfg", ec)) return fs::weakly_canonical(candidate, ec).string();
    }
  }
  return TIES_SOURCE_DATA_DIR;
}

}  // namespace ties
