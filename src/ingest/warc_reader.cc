// warc_reader.cc: WARC record framing, HTTP response parsing, body decoding.
#include "ingest/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>

#include "common/text_util.h"

namespace ties {

namespace {

constexpr uint64_t kMaxHeaderLine = 64 * 1024;
constexpr int kMaxHeaderLines = 512;

bool IsVersionLine(std::string_view line) { return line.substr(0, 7) == "WARC/1."; }

// "Name: value" -> lowercase name and trimmed value.
bool SplitHeader(std::string_view line, std::string& name, std::string_view& value) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  name = AsciiLower(TrimAscii(line.substr(0, colon)));
  value = TrimAscii(line.substr(colon + 1));
  return true;
}

bool ParseLength(std::string_view s, uint64_t& out) {
  s = TrimAscii(s);
  if (s.empty() || s.size() > 18) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

}  // namespace

WarcReader::WarcReader(ByteSource& source, uint64_t max_record_bytes, std::vector<std::string> types)
    : source_(source), max_record_bytes_(max_record_bytes), types_(std::move(types)) {}

Status WarcReader::ErrorAt(const WarcRecord& record, std::string message) const {
  std::string where = source_.path() + ": record " + std::to_string(record.number);
  if (!record.target_uri.empty()) where += " (uri " + record.target_uri.substr(0, 200) + ")";
  return Status::ParseError(where + ": " + message);
}

// Scans forward to the next "WARC/1." line. False at end of input.
bool WarcReader::Resync() {
  for (;;) {
    Status s = source_.ReadLine(line_, kMaxHeaderLine);
    if (s.code() == StatusCode::kNotFound) return false;
    if (s.code() == StatusCode::kResourceExhausted) continue;
    if (!s.ok()) return false;
    if (IsVersionLine(line_)) {
      have_version_line_ = true;
      return true;
    }
  }
}

Status WarcReader::Skip(uint64_t n) {
  char buf[64 * 1024];
  while (n > 0) {
    Status status;
    const size_t want = static_cast<size_t>(std::min<uint64_t>(n, sizeof buf));
    const size_t got = source_.Read(buf, want, status);
    if (!status.ok()) return status;
    if (got < want) return Status::ParseError("truncated record (input ends inside the content block)");
    n -= got;
  }
  return Status::Ok();
}

// Reads the version line (if not already read) and the named fields up to the
// blank line. False with `error` set on malformed headers; false with an OK
// error at end of input.
bool WarcReader::ReadHeaderBlock(WarcRecord& record, Status& error) {
  if (!have_version_line_) {
    // Skip blank lines between records.
    for (;;) {
      Status s = source_.ReadLine(line_, kMaxHeaderLine);
      if (s.code() == StatusCode::kNotFound) return false;
      if (!s.ok() && s.code() != StatusCode::kResourceExhausted) {
        // A read error before any record (a corrupt .gz): name the file, once.
        const std::string prefix = source_.path() + ": ";
        error = Status(s.code(), s.message().rfind(prefix, 0) == 0 ? s.message() : prefix + s.message());
        done_ = true;
        return false;
      }
      if (s.ok() && TrimAscii(line_).empty()) continue;
      if (s.ok() && IsVersionLine(line_)) break;
      record.number = ++records_;
      error = ErrorAt(record, "expected a \"WARC/1.x\" version line; skipping to the next record");
      if (!Resync()) done_ = true;
      return false;
    }
  }
  have_version_line_ = false;
  record.number = ++records_;
  bool has_length = false;
  for (int i = 0;; ++i) {
    Status s = source_.ReadLine(line_, kMaxHeaderLine);
    if (s.code() == StatusCode::kNotFound || (!s.ok() && s.code() != StatusCode::kResourceExhausted)) {
      error = ErrorAt(record, "truncated header" + (s.ok() ? std::string() : " (" + s.message() + ")"));
      done_ = true;
      return false;
    }
    if (!s.ok() || i > kMaxHeaderLines) {
      error = ErrorAt(record, "header too long; skipping to the next record");
      if (!Resync()) done_ = true;
      return false;
    }
    if (line_.empty()) break;
    if (IsVersionLine(line_)) {
      // A new record starts before this one's header ended.
      error = ErrorAt(record, "header block not terminated; skipping the record");
      have_version_line_ = true;
      return false;
    }
    std::string name;
    std::string_view value;
    if (!SplitHeader(line_, name, value)) continue;  // tolerate junk lines, as warcio does
    if (name == "warc-type") record.type = std::string(value);
    else if (name == "warc-target-uri") {
      record.target_uri = std::string(value);
      if (record.target_uri.size() > 1 && record.target_uri.front() == '<' && record.target_uri.back() == '>') {
        record.target_uri = record.target_uri.substr(1, record.target_uri.size() - 2);  // WARC 1.0 spec typo
      }
    } else if (name == "warc-date") record.date = std::string(value);
    else if (name == "warc-record-id") record.record_id = std::string(value);
    else if (name == "content-type") record.content_type = std::string(value);
    else if (name == "content-length") has_length = ParseLength(value, record.content_length);
  }
  if (!has_length) {
    error = ErrorAt(record, "missing or invalid Content-Length; skipping to the next record");
    if (!Resync()) done_ = true;
    return false;
  }
  return true;
}

ReadOutcome WarcReader::Next(WarcRecord& record, Status& error) {
  for (;;) {
    if (done_) return ReadOutcome::kEnd;
    record = WarcRecord{};
    error = Status::Ok();
    if (!ReadHeaderBlock(record, error)) {
      if (!error.ok()) return ReadOutcome::kError;
      done_ = true;
      return ReadOutcome::kEnd;
    }
    const bool wanted = std::find(types_.begin(), types_.end(), record.type) != types_.end();
    Status s;
    if (!wanted) {
      s = Skip(record.content_length);
    } else if (record.content_length > max_record_bytes_) {
      s = Skip(record.content_length);
      if (s.ok()) {
        error = ErrorAt(record, "record of " + std::to_string(record.content_length) + " bytes exceeds the limit of " +
                                    std::to_string(max_record_bytes_) + "; skipped");
      }
    } else {
      record.block.resize(record.content_length);
      const size_t got = source_.Read(record.block.data(), record.block.size(), s);
      if (s.ok() && got < record.block.size()) {
        s = Status::ParseError("truncated record (input ends inside the content block)");
      }
    }
    if (!s.ok()) {
      std::string msg = s.message();
      const std::string prefix = source_.path() + ": ";
      if (msg.rfind(prefix, 0) == 0) msg.erase(0, prefix.size());
      error = ErrorAt(record, msg);
      done_ = true;
      return ReadOutcome::kError;
    }
    // Two CRLFs end the record; anything else means Content-Length was wrong.
    for (int blank = 0; blank < 2; ++blank) {
      Status ls = source_.ReadLine(line_, kMaxHeaderLine);
      if (ls.code() == StatusCode::kNotFound) break;
      if (ls.ok() && line_.empty()) continue;
      if (ls.ok() && IsVersionLine(line_)) {
        have_version_line_ = true;
        break;
      }
      if (error.ok()) error = ErrorAt(record, "content does not end where Content-Length says; record skipped");
      if (!Resync()) done_ = true;
      return ReadOutcome::kError;
    }
    if (!error.ok()) return ReadOutcome::kError;
    if (wanted) return ReadOutcome::kArticle;
  }
}

bool ParseHttpResponse(std::string_view block, HttpResponse& out) {
  out = HttpResponse{};
  if (block.substr(0, 5) != "HTTP/") return false;
  size_t pos = block.find('\n');
  if (pos == std::string_view::npos) return false;
  std::string_view status_line = TrimAscii(block.substr(0, pos));
  const size_t sp = status_line.find(' ');
  if (sp == std::string_view::npos) return false;
  out.status = std::atoi(std::string(status_line.substr(sp + 1, 3)).c_str());
  ++pos;
  for (int i = 0; i < 512 && pos < block.size(); ++i) {
    size_t nl = block.find('\n', pos);
    if (nl == std::string_view::npos) nl = block.size();
    std::string_view line = block.substr(pos, nl - pos);
    pos = std::min(nl + 1, block.size());
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    std::string name;
    std::string_view value;
    if (!SplitHeader(line, name, value)) continue;
    if (name == "content-type") out.content_type = std::string(value);
    else if (name == "content-encoding") out.content_encoding = AsciiLower(value);
    else if (name == "transfer-encoding") out.transfer_encoding = AsciiLower(value);
    else if (name == "content-language") out.content_language = std::string(value);
    else if (name == "date") out.date = std::string(value);
  }
  out.body = block.substr(pos);
  return true;
}

namespace {

bool Dechunk(std::string_view body, std::string& out) {
  out.clear();
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    const std::string size_str(TrimAscii(body.substr(pos, nl - pos)));
    char* end = nullptr;
    const unsigned long size = std::strtoul(size_str.c_str(), &end, 16);
    if (end == size_str.c_str()) return false;
    pos = nl + 1;
    if (size == 0) return true;
    if (pos + size > body.size()) {
      out.append(body.substr(pos));
      return true;
    }
    out.append(body.substr(pos, size));
    pos += size;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
  return true;
}

Status Inflate(std::string_view in, bool gzip, uint64_t max_bytes, std::string& out) {
  z_stream zs{};
  // 16+MAX_WBITS: gzip; 32+: auto-detect gzip/zlib; -MAX_WBITS: raw deflate.
  if (inflateInit2(&zs, gzip ? 32 + MAX_WBITS : MAX_WBITS) != Z_OK) return Status::Internal("inflateInit failed");
  out.clear();
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[64 * 1024];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return Status::ResourceExhausted("decompressed body larger than " + std::to_string(max_bytes) + " bytes");
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // truncated: keep what we have
  }
  inflateEnd(&zs);
  if (rc == Z_DATA_ERROR && !gzip) {  // "deflate" that is really raw deflate
    z_stream raw{};
    if (inflateInit2(&raw, -MAX_WBITS) != Z_OK) return Status::Internal("inflateInit failed");
    out.clear();
    raw.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    raw.avail_in = static_cast<uInt>(in.size());
    rc = Z_OK;
    while (rc == Z_OK) {
      raw.next_out = reinterpret_cast<Bytef*>(buf);
      raw.avail_out = sizeof buf;
      rc = inflate(&raw, Z_NO_FLUSH);
      out.append(buf, sizeof buf - raw.avail_out);
      if (out.size() > max_bytes) break;
      if (rc == Z_BUF_ERROR) break;
    }
    inflateEnd(&raw);
  }
  if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR) {
    return Status::ParseError("corrupt compressed HTTP body");
  }
  return Status::Ok();
}

}  // namespace

Status DecodeHttpBody(const HttpResponse& response, uint64_t max_bytes, std::string& out) {
  std::string dechunked;
  std::string_view body = response.body;
  if (response.transfer_encoding.find("chunked") != std::string::npos && Dechunk(body, dechunked)) {
    body = dechunked;
  }
  const std::string& enc = response.content_encoding;
  // Common Crawl decodes bodies and renames the header, but some WARCs do not.
  const bool gzip_magic = body.size() > 2 && body[0] == '\x1f' && body[1] == '\x8b';
  if (enc == "gzip" || enc == "x-gzip" || gzip_magic) return Inflate(body, true, max_bytes, out);
  if (enc == "deflate") return Inflate(body, false, max_bytes, out);
  if (body.size() > max_bytes) return Status::ResourceExhausted("body larger than " + std::to_string(max_bytes));
  out.assign(body);
  return Status::Ok();
}

}  // namespace ties
