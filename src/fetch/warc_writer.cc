// warc_writer.cc: rotating .warc.gz capture (see warc_writer.h).
#include "fetch/warc_writer.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <random>

#include "common/text_util.h"

namespace ties {

namespace {

std::string Base32(const unsigned char* data, size_t n) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

// gzip-compresses `parts` as one member, appended to `out`.
Status GzipMember(std::initializer_list<std::string_view> parts, std::string& out) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return Status::Internal("deflateInit2 failed");
  size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  out.resize(deflateBound(&z, total) + 64);
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  size_t index = 0;
  for (std::string_view p : parts) {
    ++index;
    if (p.empty() && index < parts.size()) continue;  // deflate() makes no progress on nothing
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(p.data()));
    z.avail_in = static_cast<uInt>(p.size());
    const int flush = index == parts.size() ? Z_FINISH : Z_NO_FLUSH;
    int rc;
    do {
      rc = deflate(&z, flush);
    } while (rc == Z_OK && (z.avail_in > 0 || flush == Z_FINISH) && z.avail_out > 0);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      deflateEnd(&z);
      return Status::Internal("deflate failed");
    }
  }
  out.resize(z.total_out);
  deflateEnd(&z);
  return Status::Ok();
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": write failed: " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

bool HeaderIs(std::string_view line, std::string_view name) {
  return line.size() > name.size() && line[name.size()] == ':' && EqualsIgnoreCase(line.substr(0, name.size()), name);
}

}  // namespace

std::string WarcSha1(std::string_view a, std::string_view b) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, a.data(), a.size());
  EVP_DigestUpdate(ctx, b.data(), b.size());
  EVP_DigestFinal_ex(ctx, digest, &length);
  EVP_MD_CTX_free(ctx);
  return "sha1:" + Base32(digest, length);
}

std::string NewWarcRecordId() {
  thread_local std::mt19937_64 rng(std::random_device{}() ^ (static_cast<uint64_t>(::getpid()) << 32));
  const uint64_t hi = rng(), lo = rng();
  char buf[64];
  std::snprintf(buf, sizeof buf, "<urn:uuid:%08x-%04x-4%03x-%04x-%012llx>", static_cast<unsigned>(hi >> 32),
                static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xfff),
                static_cast<unsigned>(0x8000 | ((lo >> 48) & 0x3fff)),
                static_cast<unsigned long long>(lo & 0xffffffffffffull));
  return buf;
}

std::string WarcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string StoredResponseHead(std::string_view raw_head, uint64_t body_bytes) {
  std::string out;
  size_t i = 0;
  bool first = true;
  while (i < raw_head.size()) {
    size_t end = raw_head.find('\n', i);
    if (end == std::string_view::npos) end = raw_head.size();
    std::string_view line = raw_head.substr(i, end - i);
    i = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (first) {
      out.append(line).append("\r\n");
      first = false;
      continue;
    }
    if (HeaderIs(line, "Content-Encoding") || HeaderIs(line, "Transfer-Encoding") || HeaderIs(line, "Content-Length")) {
      out.append("X-Ties-Original-").append(line).append("\r\n");
    } else {
      out.append(line).append("\r\n");
    }
  }
  out += "Content-Length: " + std::to_string(body_bytes) + "\r\n\r\n";
  return out;
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(const std::string& dir, const std::string& prefix,
                                                     uint64_t max_file_bytes, const std::string& software) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot create capture directory: " + ec.message());
  return std::unique_ptr<WarcWriter>(new WarcWriter(dir, prefix, max_file_bytes, software));
}

WarcWriter::~WarcWriter() { (void)Close(); }

Status WarcWriter::OpenFile() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
  char name[160];
  std::snprintf(name, sizeof name, "%s-%s-%d-%05u.warc.gz", prefix_.c_str(), stamp, static_cast<int>(::getpid()),
                ++sequence_);
  path_ = dir_ + "/" + name;
  const std::string open_path = path_ + ".open";
  fd_ = ::open(open_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd_ < 0) return Status::IoError(open_path + ": cannot create: " + std::strerror(errno));
  file_bytes_ = 0;
  records_ = 0;
  const std::string info = "software: " + software_ + "\r\nformat: WARC File Format 1.0\r\n" +
                           "conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n";
  std::string headers = "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: " + NewWarcRecordId() +
                        "\r\nWARC-Date: " + WarcNow() + "\r\nWARC-Filename: " + name +
                        "\r\nContent-Type: application/warc-fields\r\nContent-Length: " + std::to_string(info.size()) +
                        "\r\n\r\n";
  return AppendRecord(headers, info, {});
}

Status WarcWriter::AppendRecord(std::string_view headers, std::string_view block1, std::string_view block2) {
  Status s = GzipMember({headers, block1, block2, "\r\n\r\n"}, gz_);
  if (s.ok()) s = WriteAll(fd_, gz_, path_ + ".open");
  if (!s.ok()) return s;
  file_bytes_ += gz_.size();
  ++records_;
  return Status::Ok();
}

Status WarcWriter::Write(const WarcExchange& ex) {
  if (fd_ < 0) {
    if (Status s = OpenFile(); !s.ok()) return s;
  }
  const std::string response_id = NewWarcRecordId();
  std::string common = "WARC-Date: " + ex.date + "\r\nWARC-Target-URI: " + ex.target_uri + "\r\n";
  if (!ex.ip.empty()) common += "WARC-IP-Address: " + ex.ip + "\r\n";
  std::string headers = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: " + response_id + "\r\n" + common +
                        "WARC-Block-Digest: " + WarcSha1(ex.response_head, ex.body) +
                        "\r\nWARC-Payload-Digest: " + WarcSha1(ex.body) +
                        "\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
                        std::to_string(ex.response_head.size() + ex.body.size()) + "\r\n\r\n";
  if (Status s = AppendRecord(headers, ex.response_head, ex.body); !s.ok()) return s;
  headers = "WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: " + NewWarcRecordId() + "\r\n" + common +
            "WARC-Concurrent-To: " + response_id + "\r\nWARC-Block-Digest: " + WarcSha1(ex.request_headers) +
            "\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: " +
            std::to_string(ex.request_headers.size()) + "\r\n\r\n";
  return AppendRecord(headers, ex.request_headers, {});
}

Result<std::string> WarcWriter::Close() {
  if (fd_ < 0) return std::string();
  const std::string open_path = path_ + ".open";
  Status s;
  if (::fsync(fd_) != 0) s = Status::IoError(open_path + ": fsync failed: " + std::strerror(errno));
  ::close(fd_);
  fd_ = -1;
  if (!s.ok()) return s;
  if (std::rename(open_path.c_str(), path_.c_str()) != 0) {
    return Status::IoError(open_path + ": cannot rename: " + std::strerror(errno));
  }
  return path_;
}

}  // namespace ties
