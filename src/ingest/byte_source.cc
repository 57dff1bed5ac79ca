// byte_source.cc: see byte_source.h.
#include "ingest/byte_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

namespace ties {

namespace {
constexpr size_t kChunk = 1 << 18;

// zlib's message without the "PATH: " it prefixes (callers add the file and record).
std::string ZlibMessage(const char* msg, const std::string& path) {
  std::string_view m = msg == nullptr ? "" : msg;
  if (m.size() > path.size() + 2 && m.substr(0, path.size()) == path && m.substr(path.size(), 2) == ": ") {
    m.remove_prefix(path.size() + 2);
  }
  return std::string(m);
}
}  // namespace

Result<std::unique_ptr<ByteSource>> ByteSource::Open(const std::string& path) {
  gzFile f;
  if (path == "-") {
    const int fd = dup(0);
    f = fd >= 0 ? gzdopen(fd, "rb") : nullptr;
  } else {
    f = gzopen(path.c_str(), "rb");
  }
  if (f == nullptr) {
    return Status::IoError(path + ": cannot open: " + std::strerror(errno ? errno : ENOENT));
  }
  gzbuffer(f, 1 << 17);
  return std::unique_ptr<ByteSource>(new ByteSource(f, path));
}

ByteSource::~ByteSource() {
  if (file_ != nullptr) gzclose(file_);
}

uint64_t ByteSource::Offset() const { return static_cast<uint64_t>(gzoffset(file_)); }

Status ByteSource::Fill(Status& status) {
  if (eof_) return Status::Ok();
  if (buf_pos_ > 0) {
    buf_.erase(0, buf_pos_);
    buf_pos_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kChunk);
  const int n = gzread(file_, buf_.data() + old, static_cast<unsigned>(kChunk));
  if (n < 0) {
    int errnum = 0;
    const char* msg = gzerror(file_, &errnum);
    buf_.resize(old);
    eof_ = true;
    status = errnum == Z_ERRNO ? Status::IoError(std::string("read error: ") + std::strerror(errno))
                               : Status::ParseError("corrupt compressed data (" + ZlibMessage(msg, path_) +
                                                    "); the rest of the file is skipped");
    return status;
  }
  buf_.resize(old + static_cast<size_t>(n));
  if (n == 0) {
    eof_ = true;
    int errnum = 0;
    const char* msg = gzerror(file_, &errnum);
    // A gzip stream cut short reads as end of file with Z_BUF_ERROR.
    if (errnum != Z_OK && errnum != Z_STREAM_END) {
      status = Status::ParseError("truncated or corrupt compressed data (" + ZlibMessage(msg, path_) + ")");
      return status;
    }
  }
  return Status::Ok();
}

Status ByteSource::ReadLine(std::string& line, uint64_t max_bytes) {
  line.clear();
  bool too_long = false;
  for (;;) {
    const size_t nl = buf_.find('\n', buf_pos_);
    if (nl != std::string::npos) {
      if (!too_long) line.append(buf_, buf_pos_, nl - buf_pos_);
      buf_pos_ = nl + 1;
      break;
    }
    if (eof_) {
      if (!pending_.ok()) {
        // The input broke inside this line: the line is incomplete, report the error instead.
        buf_pos_ = buf_.size();
        line.clear();
        return std::exchange(pending_, Status::Ok());
      }
      if (buf_pos_ >= buf_.size() && line.empty() && !too_long) return Status::NotFound("end of input");
      if (!too_long) line.append(buf_, buf_pos_, std::string::npos);
      buf_pos_ = buf_.size();
      break;
    }
    if (!too_long) {
      line.append(buf_, buf_pos_, std::string::npos);
      if (line.size() > max_bytes) {
        too_long = true;
        line.clear();
      }
    }
    buf_pos_ = buf_.size();
    Status status;
    if (!Fill(status).ok()) {
      line.clear();  // the line was cut by the error
      return status;
    }
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (too_long || line.size() > max_bytes) {
    line.clear();
    return Status::ResourceExhausted("line longer than " + std::to_string(max_bytes) + " bytes");
  }
  return Status::Ok();
}

Status ByteSource::ReadAll(std::string& out, uint64_t max_bytes) {
  out.assign(buf_, buf_pos_, std::string::npos);
  buf_.clear();
  buf_pos_ = 0;
  while (!eof_) {
    Status status;
    if (!Fill(status).ok()) return status;
    out.append(buf_);
    buf_.clear();
    if (out.size() > max_bytes) {
      return Status::ResourceExhausted("article larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  if (!pending_.ok()) return std::exchange(pending_, Status::Ok());
  return Status::Ok();
}

std::string_view ByteSource::Peek(size_t n) {
  while (buf_.size() - buf_pos_ < n && !eof_) {
    Status status;
    if (!Fill(status).ok()) {
      pending_ = status;
      break;
    }
  }
  return std::string_view(buf_).substr(buf_pos_, n);
}

size_t ByteSource::Read(char* buf, size_t n, Status& status) {
  size_t copied = 0;
  while (copied < n) {
    if (buf_pos_ >= buf_.size()) {
      if (eof_) {
        if (!pending_.ok()) status = std::exchange(pending_, Status::Ok());
        break;
      }
      buf_.clear();
      buf_pos_ = 0;
      if (!Fill(status).ok()) break;
      if (buf_.empty()) break;
    }
    const size_t take = std::min(n - copied, buf_.size() - buf_pos_);
    std::memcpy(buf + copied, buf_.data() + buf_pos_, take);
    buf_pos_ += take;
    copied += take;
  }
  return copied;
}

}  // namespace ties
