#include "harness/core/http1_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "harness/core/encoding.h"

namespace cc::core::http1 {

namespace {

using Clock = std::chrono::steady_clock;

// libcurl does not reuse a connection idle longer than this (CURLOPT_MAXAGE_CONN's default).
constexpr auto kMaxIdle = std::chrono::seconds(118);
// libcurl refuses a response head larger than this (MAX_HTTP_RESP_HEADER_SIZE).
constexpr std::size_t kMaxHead = 300u << 10;

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive equality, as header names compare (no locale: header names are ASCII).
bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold(a[i]) != fold(b[i])) return false;
  return true;
}

bool plain_text(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch == 0x7f) return false;
  return true;
}

// Headers libcurl writes itself or treats specially: with one of them, libcurl sends it.
bool special_header(std::string_view name) {
  for (std::string_view s : {"content-length", "transfer-encoding", "expect", "connection"})
    if (iequals(name, s)) return true;
  return false;
}

bool headers_plain(const Headers& headers) {
  for (const auto& [k, v] : headers) {
    if (k.empty() || special_header(k) || !plain_text(k) || !plain_text(v)) return false;
    if (k.find_first_of(": ;") != std::string::npos) return false;
    if (iequals(k, "host") && v.empty()) return false;
  }
  return true;
}

}  // namespace

std::optional<Target> target_of(const std::string& url) {
  constexpr std::string_view scheme = "http://";
  if (url.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
  const std::size_t start = scheme.size();
  const std::size_t end = url.find_first_of("/?#", start);
  const std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  Target t;
  const std::size_t colon = authority.rfind(':');
  t.ip = authority.substr(0, colon);
  in_addr addr{};
  if (inet_pton(AF_INET, t.ip.c_str(), &addr) != 1) return std::nullopt;
  if (colon != std::string::npos) {
    const std::string port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != port.npos)
      return std::nullopt;
    const long p = std::strtol(port.c_str(), nullptr, 10);
    if (p < 1 || p > 65535) return std::nullopt;
    t.port = static_cast<std::uint16_t>(p);
  }
  t.host = t.port == 80 ? t.ip : t.ip + ":" + std::to_string(t.port);
  t.key = t.ip + ":" + std::to_string(t.port);
  std::string path = end == std::string::npos ? "" : url.substr(end);
  path = path.substr(0, path.find('#'));
  if (path.empty() || path[0] == '?') path.insert(0, "/");
  for (unsigned char ch : path)
    if (ch <= 0x20 || ch >= 0x7f) return std::nullopt;
  t.path = std::move(path);
  return t;
}

// libcurl picks a proxy for http:// from these (never HTTP_PROXY, which a CGI program's
// environment gets from a request); any of them set keeps libcurl, whatever no_proxy says.
bool proxy_in_environment() {
  for (const char* name : {"http_proxy", "all_proxy", "ALL_PROXY"}) {
    const char* v = std::getenv(name);
    if (v && *v) return true;
  }
  return false;
}

bool carries(const HttpRequest& request) {
  return (request.method == "GET" || request.method == "POST") && headers_plain(request.headers);
}

std::optional<Target> eligible(const HttpRequest& request) {
  if (!carries(request) || proxy_in_environment()) return std::nullopt;
  return target_of(request.url);
}

namespace {

// The bytes libcurl sends for the request: its Host and Accept first (a header of the request
// with that name takes the place of libcurl's own), the request's headers in their order, then
// the body's length.
std::string wire_bytes(const Target& t, const HttpRequest& r) {
  std::string w;
  w.reserve(256 + r.body.size() + 64 * r.headers.size());
  w.append(r.method).append(1, ' ').append(t.path).append(" HTTP/1.1\r\n");
  const std::string* host = nullptr;
  bool accept = false;
  for (const auto& [k, v] : r.headers) {
    if (!host && iequals(k, "host")) host = &v;
    if (iequals(k, "accept")) accept = true;
  }
  w.append("Host: ").append(host ? *host : t.host).append("\r\n");
  if (!accept) w.append("Accept: */*\r\n");
  for (const auto& [k, v] : r.headers) {
    if (iequals(k, "host")) continue;
    w.append(k).append(v.empty() ? ":" : ": ").append(v).append("\r\n");
  }
  if (r.method == "POST") w.append("Content-Length: ").append(std::to_string(r.body.size()));
  if (r.method == "POST") w.append("\r\n");
  w.append("\r\n").append(r.body);
  return w;
}

long ms_since(Clock::time_point t) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count());
}

int remaining_ms(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// Waits for the events on fd until the deadline: 1 ready, 0 timed out, -1 failed.
int wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int left = remaining_ms(deadline);
    const int rc = ::poll(&p, 1, left);
    if (rc > 0) return 1;
    if (rc == 0 && (left == 0 || Clock::now() >= deadline)) return 0;
    if (rc < 0 && errno != EINTR) return -1;
  }
}

Failure fail(CURLcode code, std::string detail) { return {code, std::move(detail), false}; }

}  // namespace

// One attempt's state: the clock, what came so far, how the body is framed.
struct Connection::Attempt {
  Attempt(const HttpOptions& o, Clock::time_point s, Clock::time_point d)
      : options(o), start(s), deadline(d) {}
  const HttpOptions& options;
  Clock::time_point start, deadline;
  bool reused = false;
  std::size_t received = 0;  // bytes of the answer read so far (head and body)
  bool eof = false;
  bool keep_alive = true;
  bool chunked = false;
  std::optional<std::size_t> length;  // Content-Length
  bool no_body = false;
};

Connection::~Connection() { close(); }
Connection::Connection(Connection&& o) noexcept
    : fd_(std::exchange(o.fd_, -1)),
      key_(std::move(o.key_)),
      idle_since_(o.idle_since_),
      in_(std::move(o.in_)) {}
Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = std::exchange(o.fd_, -1);
    key_ = std::move(o.key_);
    idle_since_ = o.idle_since_;
    in_ = std::move(o.in_);
  }
  return *this;
}

void Connection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  key_.clear();
  in_.clear();
}

// An idle keep-alive connection has nothing to read: readable means the server closed it (or
// sent what no request asked for), and libcurl then opens another.
bool Connection::alive() const {
  pollfd p{fd_, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}

Failure Connection::exchange(const Target& target, const HttpRequest& request,
                             const HttpOptions& options, HttpResponse& response) {
  const std::string wire = wire_bytes(target, request);
  const auto start = Clock::now();
  Attempt a(options, start, start + options.total_timeout);
  if (fd_ >= 0 && (key_ != target.key || Clock::now() - idle_since_ > kMaxIdle || !alive()))
    close();
  a.reused = fd_ >= 0;
  Failure f = attempt(target, wire, a, response);
  // libcurl's retry: a reused connection whose sending failed, or that closed before a byte of
  // the answer, died while idle; the server never read the request.
  Attempt again(options, a.start, a.deadline);
  Attempt* last = &a;
  if (a.reused && (f.code == CURLE_SEND_ERROR || (f.code == CURLE_GOT_NOTHING && !a.received))) {
    close();
    response.status = 0;
    response.headers.clear();
    response.body.clear();
    f = attempt(target, wire, again, response);
    last = &again;
  }
  if (f.code != CURLE_OK || !last->keep_alive || !in_.empty())
    close();  // an error, a close announced, or bytes no request asked for
  else
    idle_since_ = Clock::now();
  return f;
}

Failure Connection::attempt(const Target& target, const std::string& wire, Attempt& a,
                            HttpResponse& response) {
  if (fd_ < 0) {
    const auto connect_deadline = std::min(a.deadline, a.start + a.options.connect_timeout);
    if (Failure f = open(target, connect_deadline, a); f.code != CURLE_OK) return f;
  }
  for (std::size_t sent = 0; sent < wire.size();) {
    const ssize_t n =
        ::send(fd_, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      const int w = wait_for(fd_, POLLOUT, a.deadline);
      if (w == 0)
        return fail(CURLE_OPERATION_TIMEDOUT, "Operation timed out after " +
                                                  std::to_string(ms_since(a.start)) +
                                                  " milliseconds with 0 bytes received");
      if (w < 0) return fail(CURLE_SEND_ERROR, std::string("Send failure: ") + strerror(errno));
    } else {
      return fail(CURLE_SEND_ERROR, std::string("Send failure: ") + strerror(errno));
    }
  }
  if (Failure f = read_head(a, response); f.code != CURLE_OK) return f;
  return read_body(a, response);
}

Failure Connection::open(const Target& target, Clock::time_point connect_deadline, Attempt& a) {
  in_.clear();
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return fail(CURLE_COULDNT_CONNECT, std::string("socket: ") + strerror(errno));
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // as libcurl does
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(target.port);
  inet_pton(AF_INET, target.ip.c_str(), &sa.sin_addr);
  auto refused = [&](int err) {
    close();
    return fail(CURLE_COULDNT_CONNECT,
                "Failed to connect to " + target.ip + " port " + std::to_string(target.port) +
                    " after " + std::to_string(ms_since(a.start)) + " ms: " + strerror(err));
  };
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&sa), sizeof sa) != 0) {
    if (errno != EINPROGRESS) return refused(errno);
    const int w = wait_for(fd_, POLLOUT, connect_deadline);
    if (w == 0) {
      close();
      return fail(
          CURLE_OPERATION_TIMEDOUT,
          "Connection timed out after " + std::to_string(ms_since(a.start)) + " milliseconds");
    }
    int err = 0;
    socklen_t len = sizeof err;
    if (w < 0)
      err = errno;
    else
      ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) return refused(err);
  }
  key_ = target.key;
  return {};
}

// Reads what the socket has into in_, waiting until the deadline; sets eof at the end.
Failure Connection::fill(Attempt& a) {
  char buf[16384];
  for (;;) {
    const int w = wait_for(fd_, POLLIN, a.deadline);
    if (w == 0) {
      std::string of = a.length ? " out of " + std::to_string(*a.length) : "";
      return fail(CURLE_OPERATION_TIMEDOUT,
                  "Operation timed out after " + std::to_string(ms_since(a.start)) +
                      " milliseconds with " + std::to_string(a.received) + of + " bytes received");
    }
    const ssize_t n = w < 0 ? -1 : ::recv(fd_, buf, sizeof buf, 0);
    if (n > 0) {
      in_.append(buf, static_cast<std::size_t>(n));
      a.received += static_cast<std::size_t>(n);
      return {};
    }
    if (n == 0) {
      a.eof = true;
      return {};
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
      return fail(CURLE_RECV_ERROR, std::string("Recv failure: ") + strerror(errno));
  }
}

namespace {

// The end of a response head in `in` (past its blank line), or npos. libcurl takes a bare LF
// for a line end, as here.
std::size_t head_end(const std::string& in) {
  for (std::size_t i = in.find('\n'); i != std::string::npos; i = in.find('\n', i + 1)) {
    const std::size_t next = i + 1;
    if (next < in.size() && in[next] == '\n') return next + 1;
    if (next + 1 < in.size() && in[next] == '\r' && in[next + 1] == '\n') return next + 2;
  }
  return std::string::npos;
}

// Whether bytes can still begin a status line ("HTTP/1.1 200 …").
bool could_be_status(std::string_view s) {
  const std::size_t n = std::min<std::size_t>(s.size(), 5);
  return s.substr(0, n) == std::string_view("HTTP/").substr(0, n);
}

// "HTTP/1.x DDD …": the status, or nullopt; `version` gets the minor version.
std::optional<int> status_line(std::string_view line, int& minor) {
  if (line.size() < 12 || line.compare(0, 7, "HTTP/1.") != 0) return std::nullopt;
  if (line[7] != '0' && line[7] != '1') return std::nullopt;
  minor = line[7] - '0';
  if (line[8] != ' ') return std::nullopt;
  int status = 0;
  for (int i = 9; i < 12; ++i) {
    if (line[i] < '0' || line[i] > '9') return std::nullopt;
    status = status * 10 + (line[i] - '0');
  }
  if (line.size() > 12 && line[12] != ' ' && line[12] != '\r') return std::nullopt;
  return status;
}

std::string_view chomp(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

bool has_token(std::string_view value, std::string_view token) {
  return to_lower(value).find(token) != std::string::npos;
}

}  // namespace

// Reads status line and headers, skipping interim (1xx) answers as libcurl does, and works out
// the body's framing. The headers are the final answer's, trimmed, in order.
Failure Connection::read_head(Attempt& a, HttpResponse& response) {
  for (;;) {
    std::size_t end = head_end(in_);
    while (end == std::string::npos) {
      if (!could_be_status(in_))
        return fail(CURLE_UNSUPPORTED_PROTOCOL, "Received HTTP/0.9 when not allowed");
      if (in_.size() > kMaxHead)
        return fail(CURLE_RECV_ERROR, "Too large response headers: " + std::to_string(in_.size()) +
                                          " > " + std::to_string(kMaxHead));
      if (Failure f = fill(a); f.code != CURLE_OK) return f;
      // Closed before the head ended: libcurl's "nothing" (only an empty one may be retried).
      if (a.eof) return fail(CURLE_GOT_NOTHING, "Empty reply from server");
      end = head_end(in_);
    }
    const std::string_view head(in_.data(), end);
    const std::size_t eol = head.find('\n');
    int minor = 1;
    const auto status = status_line(chomp(head.substr(0, eol)), minor);
    if (!status) {
      const bool version = head.compare(0, 5, "HTTP/") == 0 && head.compare(0, 7, "HTTP/1.") != 0;
      return fail(CURLE_UNSUPPORTED_PROTOCOL, version ? "Unsupported HTTP version in response"
                                                      : "Received HTTP/0.9 when not allowed");
    }
    response.status = *status;
    response.headers.clear();
    std::optional<std::string> length;
    bool close_token = false, keep_alive_token = false;
    for (std::size_t at = eol + 1; at < end;) {
      const std::size_t next = head.find('\n', at);
      const std::string_view line = chomp(head.substr(at, next - at));
      at = next + 1;
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      auto& [k, v] =
          response.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
      if (iequals(k, "content-length")) {
        if (length && *length != v)
          return fail(CURLE_WEIRD_SERVER_REPLY, "Conflicting Content-Length values");
        length = v;
      } else if (iequals(k, "transfer-encoding") && has_token(v, "chunked")) {
        a.chunked = true;
      } else if (iequals(k, "connection")) {
        close_token = close_token || has_token(v, "close");
        keep_alive_token = keep_alive_token || has_token(v, "keep-alive");
      }
    }
    in_.erase(0, end);
    if (*status >= 100 && *status < 200 && *status != 101) {
      a.chunked = false;
      continue;  // an interim answer: the final one follows
    }
    a.keep_alive = minor == 1 ? !close_token : keep_alive_token && !close_token;
    a.no_body = *status == 204 || *status == 304 || (*status >= 100 && *status < 200);
    if (length && !a.chunked && !a.no_body) {
      if (length->empty() || length->size() > 19 ||
          length->find_first_not_of("0123456789") != std::string::npos)
        return fail(CURLE_WEIRD_SERVER_REPLY, "Invalid Content-Length: " + *length);
      a.length = std::stoull(*length);
      if (*a.length > a.options.max_body_bytes)
        return fail(CURLE_FILESIZE_EXCEEDED, "Maximum file size exceeded");
    }
    return {};
  }
}

Failure Connection::take_body(Attempt& a, HttpResponse& response, std::size_t n) {
  if (response.body.size() + n > a.options.max_body_bytes) return {CURLE_WRITE_ERROR, "", true};
  response.body.append(in_, 0, n);
  in_.erase(0, n);
  return {};
}

Failure Connection::read_body(Attempt& a, HttpResponse& response) {
  if (a.no_body) return {};
  if (a.chunked) return read_chunked(a, response);
  if (!a.length) return read_to_close(a, response);
  const std::size_t want = *a.length;
  for (;;) {
    const std::size_t have = std::min(in_.size(), want - response.body.size());
    if (Failure f = take_body(a, response, have); f.code != CURLE_OK) return f;
    if (response.body.size() == want) return {};
    if (Failure f = fill(a); f.code != CURLE_OK) return f;
    if (a.eof)
      return fail(CURLE_PARTIAL_FILE, "transfer closed with " +
                                          std::to_string(want - response.body.size()) +
                                          " bytes remaining to read");
  }
}

// An answer without a length (HTTP/1.0, or Connection: close): the body ends with the
// connection, which is not kept.
Failure Connection::read_to_close(Attempt& a, HttpResponse& response) {
  a.keep_alive = false;
  for (;;) {
    if (Failure f = take_body(a, response, in_.size()); f.code != CURLE_OK) return f;
    if (a.eof) return {};
    if (Failure f = fill(a); f.code != CURLE_OK) return f;
  }
}

// Chunked transfer coding: hex size lines (extensions ignored), data, and a last chunk whose
// trailer lines libcurl hands to the header callback, so they join the headers here as there.
Failure Connection::read_chunked(Attempt& a, HttpResponse& response) {
  auto more = [&]() -> Failure {
    if (Failure f = fill(a); f.code != CURLE_OK) return f;
    if (a.eof)
      return fail(CURLE_PARTIAL_FILE, "transfer closed with outstanding read data remaining");
    return {};
  };
  for (;;) {
    std::size_t eol;
    while ((eol = in_.find('\n')) == std::string::npos)
      if (Failure f = more(); f.code != CURLE_OK) return f;
    const std::string_view line = chomp(std::string_view(in_).substr(0, eol));
    const std::string_view hex = line.substr(0, line.find_first_of("; \t"));
    if (hex.empty() || hex.size() > 15 ||
        hex.find_first_not_of("0123456789abcdefABCDEF") != hex.npos)
      return fail(CURLE_RECV_ERROR, "Illegal or missing hexadecimal sequence in chunked-encoding");
    const std::size_t size = std::stoull(std::string(hex), nullptr, 16);
    in_.erase(0, eol + 1);
    if (size == 0) break;
    for (std::size_t left = size; left > 0;) {
      if (in_.empty())
        if (Failure f = more(); f.code != CURLE_OK) return f;
      const std::size_t n = std::min(left, in_.size());
      if (Failure f = take_body(a, response, n); f.code != CURLE_OK) return f;
      left -= n;
    }
    while ((eol = in_.find('\n')) == std::string::npos)
      if (Failure f = more(); f.code != CURLE_OK) return f;
    if (!chomp(std::string_view(in_).substr(0, eol)).empty())
      return fail(CURLE_RECV_ERROR, "chunk data not followed by a line end");
    in_.erase(0, eol + 1);
  }
  for (;;) {  // trailers, up to the blank line
    std::size_t eol;
    while ((eol = in_.find('\n')) == std::string::npos)
      if (Failure f = more(); f.code != CURLE_OK) return f;
    const std::string_view line = chomp(std::string_view(in_).substr(0, eol));
    if (line.empty()) {
      in_.erase(0, eol + 1);
      return {};
    }
    if (const std::size_t colon = line.find(':'); colon != std::string_view::npos)
      response.headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    in_.erase(0, eol + 1);
  }
}

}  // namespace cc::core::http1
