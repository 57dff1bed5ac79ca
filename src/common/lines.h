// lines.h: the lines of a text buffer, as views into it, for the parsers of line formats
// (the gazetteer, robots.txt, HTTP headers, text sitemaps, FTS suffix rules):
//   for (std::string_view line : Lines(text)) ...
// Each line comes without its '\n' (a CR before it stays: callers that accept CRLF strip it);
// a final '\n' does not make an empty last line, and an empty text has no lines.
#ifndef TIES_COMMON_LINES_H_
#define TIES_COMMON_LINES_H_

#include <cstddef>
#include <string_view>

namespace ties {

class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {}

  class iterator {
   public:
    iterator(std::string_view text, size_t pos) : text_(text), pos_(pos) { FindEnd(); }
    std::string_view operator*() const { return text_.substr(pos_, end_ - pos_); }
    iterator& operator++() {
      pos_ = end_ + 1;
      FindEnd();
      return *this;
    }
    bool operator!=(const iterator& other) const { return Done() != other.Done() || (!Done() && pos_ != other.pos_); }

   private:
    bool Done() const { return pos_ >= text_.size(); }
    void FindEnd() {
      if (Done()) return;
      end_ = text_.find('\n', pos_);
      if (end_ == std::string_view::npos) end_ = text_.size();
    }
    std::string_view text_;
    size_t pos_;
    size_t end_ = 0;
  };

  iterator begin() const { return iterator(text_, 0); }
  iterator end() const { return iterator(text_, text_.size()); }

 private:
  std::string_view text_;
};

}  // namespace ties

#endif  // TIES_COMMON_LINES_H_
