// output.cc: see output.h.
#include "cli/output.h"

#include <fmt/core.h>

#include <cstdio>


namespace ties {

namespace {

// Display width in code points (good enough for a terminal table of names).
size_t Width(const std::string& s) {
  size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Clip(const std::string& s, size_t max_width) {
  std::string flat;
  for (char c : s) flat.push_back(c == '\n' || c == '\t' ? ' ' : c);
  if (Width(flat) <= max_width) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80) {
      if (++n > max_width - 1) break;
    }
    out.push_back(flat[i]);
  }
  return out + "…";
}

}  // namespace

void PrintTable(const Row& header, const std::vector<Row>& rows, size_t max_width) {
  std::vector<size_t> widths(header.size());
  std::vector<Row> clipped;
  for (size_t c = 0; c < header.size(); ++c) widths[c] = Width(header[c]);
  for (const Row& row : rows) {
    Row r;
    for (size_t c = 0; c < header.size(); ++c) {
      r.push_back(Clip(c < row.size() ? row[c] : "", max_width));
      widths[c] = std::max(widths[c], Width(r.back()));
    }
    clipped.push_back(std::move(r));
  }
  auto print_row = [&](const Row& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line.append(widths[c] - Width(row[c]) + 2, ' ');
    }
    std::fputs((line + "\n").c_str(), stdout);
  };
  print_row(header);
  Row rule;
  for (size_t w : widths) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const Row& row : clipped) print_row(row);
}

}  // namespace ties
