// status.h: the error type returned at every library boundary.
//
// ties does not let exceptions cross module, thread or HTTP boundaries. Functions
// that can fail on input return a Status (or a Result<T>, which is a value or a
// Status). Assertions are for programmer errors only and never fire on input.
#ifndef TIES_STATUS_H_
#define TIES_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace ties {

// Numbered error codes; the numbers are stable and documented in docs/errors.md.
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,   // the caller passed something malformed (a flag, a query)
  kNotFound = 2,          // a file, article or resource does not exist
  kIoError = 3,           // the operating system refused a read or write
  kParseError = 4,        // input data is malformed (bad JSON, bad gzip, bad header)
  kResourceExhausted = 5, // input exceeds a documented limit (article size, nesting)
  kCorruption = 6,        // stored data is inconsistent
  kInternal = 7,          // a bug in ties: please report it
  kUnavailable = 8,       // a server (ClickHouse) could not be reached
};

// Returns a short stable name such as "ParseError".
std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status IoError(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status ParseError(std::string msg) { return {StatusCode::kParseError, std::move(msg)}; }
  static Status ResourceExhausted(std::string msg) { return {StatusCode::kResourceExhausted, std::move(msg)}; }
  static Status Corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }
  static Status Unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "ParseError: <message>", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
// REQUIRES: value() is only called when ok().
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}             // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}     // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace ties

// Returns early from the enclosing function when `expr` is not OK.
#define TIES_RETURN_IF_ERROR(expr)          \
  do {                                      \
    ::ties::Status _ties_status = (expr);   \
    if (!_ties_status.ok()) return _ties_status; \
  } while (0)

#endif  // TIES_STATUS_H_
