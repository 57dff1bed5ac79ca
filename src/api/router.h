// router.h: the HTTP JSON API of `ties serve`, independent of any HTTP library.
//
// ApiRouter maps one parsed request (method, path, query parameters, Accept
// header) to one response (status, content type, body or a chunk stream). It
// validates every parameter, calls the read-only QueryEngine, and writes JSON
// (or CSV with format=csv / Accept: text/csv). The HTTP transport (sockets,
// thread pool, timeouts, static files, security headers) lives in server.cc;
// keeping the API here lets tests drive it without a socket.
//
// Errors are JSON bodies {"error":{"code":"invalid_argument","message":"..."}}
// with a matching status (400, 404, 405, 500, 503). Handle() never throws: any
// exception from below is turned into a 500 answer.
//
// JSON bodies never contain a raw '<', '>' or '&': they are written as \u003c,
// \u003e and \u0026 (same decoded value), so a stored "<script>" cannot be
// sniffed into markup even by a careless client.
#ifndef TIES_API_ROUTER_H_
#define TIES_API_ROUTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ties/query.h"

namespace ties {

struct ApiRequest {
  std::string method = "GET";
  std::string path;  // decoded path, e.g. "/api/articles/abc"
  // Decoded query parameters in request order; a name may repeat.
  std::vector<std::pair<std::string, std::string>> params;
  std::string accept;  // the Accept header, for content negotiation
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is produced in chunks after `body`: each call appends
  // the next chunk to `out` and returns true, or returns false when the stream
  // is complete (`done` = true) or failed (`done` = false; the transport must
  // then abort the connection so the client sees a truncated transfer rather
  // than a silently short list).
  std::function<bool(std::string& out, bool& done)> stream;
};

struct RouterLimits {
  uint32_t default_page = 20;     // page size when `limit` is absent
  uint32_t max_page = 1000;       // larger `limit` values are rejected (400), never capped
  uint32_t default_network = 200; // edges returned by /api/network without `limit`
  uint32_t max_network = 5000;
  size_t max_param_bytes = 1024;  // longest accepted parameter value
  size_t max_params = 32;         // most parameters in one request
  // Time budget for the queries behind one request, and behind each page of
  // a streamed CSV (0: none). Engines honour it through query_deadline.h.
  uint32_t query_budget_ms = 0;
};

// Maps a Status code to an HTTP status (400, 404, 500, 503).
int HttpStatusFor(const Status& status);

// Writes the standard error body.
std::string ErrorJson(std::string_view code, std::string_view message);

// Replaces '<', '>' and '&' in serialised JSON with their \u escapes. Valid on
// any JSON text: those characters can only occur inside strings.
void EscapeJsonMarkup(std::string& json);

// The OpenAPI 3.0 description of the API (static JSON).
const std::string& OpenApiJson();

// Routes API requests to a QueryEngine.
// Thread-safe: Handle() may be called concurrently (the engine is thread-safe
// and the router holds no mutable state).
class ApiRouter {
 public:
  // `engine` must outlive the router.
  ApiRouter(QueryEngine& engine, RouterLimits limits = {}) : engine_(engine), limits_(limits) {}

  ApiRouter(const ApiRouter&) = delete;  // holds a reference to one engine
  ApiRouter& operator=(const ApiRouter&) = delete;

  // Answers one request whose path starts with "/api/". Never throws.
  ApiResponse Handle(const ApiRequest& request) const;

 private:
  ApiResponse Dispatch(const ApiRequest& request) const;

  QueryEngine& engine_;
  RouterLimits limits_;
};

}  // namespace ties

#endif  // TIES_API_ROUTER_H_
