#include "emulator/http_server.h"

#include "emulator/request_reader.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <optional>
#include <string_view>
#include <thread>

#include "harness/core/encoding.h"

namespace cc::emu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {}  // namespace

const std::string& HttpRequestIn::header(std::string_view name) const {
  // Compared in place: the front ends look headers up many times per request, and lower-casing
  // copies of every name showed up in the profile.
  static const std::string kAbsent;  // an immutable constant, not state
  for (const auto& [k, v] : headers)
    if (core::iequals_ascii(k, name)) return v;
  return kAbsent;
}

std::string HttpRequestIn::path() const { return std::string(path_view()); }

std::string HttpRequestIn::query() const { return std::string(query_view()); }

std::string_view HttpRequestIn::path_view() const {
  return std::string_view(target).substr(0, target.find('?'));
}

std::string_view HttpRequestIn::query_view() const {
  const size_t q = target.find('?');
  return q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
}

namespace {

constexpr std::size_t kMaxBody = 16u << 20;  // Tencent's POST limit is 10 MB; leave headroom
constexpr std::size_t kReadSize = 8192;      // a read's room: a whole signed request, usually
constexpr auto kIdleTimeout = std::chrono::seconds(60);
using Clock = std::chrono::steady_clock;

// One connection. It lives on one single-threaded io_context, so it needs no strand; it is kept
// alive by the handlers of its pending operations.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Handler& handler)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), handler_(handler) {}

  void start() {
    // Synchronous writes (send()) report would_block instead of waiting; asynchronous
    // operations are unaffected.
    beast::error_code ignored;
    socket_.non_blocking(true, ignored);
    deadline_ = Clock::now() + kIdleTimeout;
    watch();
    read();
  }

 private:
  // The idle timeout is one timer per connection, moved lazily: reads and writes only push
  // deadline_ forward, and the timer, when it fires, either closes a connection idle for
  // kIdleTimeout or waits out the rest. Re-arming a timer around every read and write (as
  // beast::tcp_stream does) costs a timer-queue insertion, a cancellation and a completion per
  // operation — a measurable share of a request that takes tens of microseconds.
  void watch() {
    timer_.expires_at(deadline_);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      if (Clock::now() < self->deadline_) return self->watch();
      beast::error_code ignored;
      self->socket_.close(ignored);  // the pending read or write completes with an error
    });
  }

  // The next request: what the socket has, read by hand when it is a whole simple request
  // (emulator/request_reader.h), else by Beast's parser from the same bytes. Bytes already
  // buffered (a pipelined request) go to Beast's parser, which reads from the buffer first.
  void read() {
    deadline_ = Clock::now() + kIdleTimeout;
    if (buffer_.size() != 0) return read_by_parser();
    socket_.async_read_some(buffer_.prepare(kReadSize),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->on_bytes(ec, n);
                            });
  }

  void on_bytes(beast::error_code ec, std::size_t n) {
    if (ec) return close();  // as Beast's read ends: end of stream, reset, closed by the watch
    buffer_.commit(n);
    const auto data = buffer_.data();
    SimpleRequest simple;
    if (!read_simple_request(std::string_view(static_cast<const char*>(data.data()), data.size()),
                             kMaxBody, in_, simple))
      return read_by_parser();
    buffer_.consume(simple.size);
    serve(simple.version, simple.keep_alive);
  }

  void read_by_parser() {
    parser_.emplace(in_);
    parser_->body_limit(kMaxBody);
    http::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      HttpResponseOut out;
      out.status = 413;
      out.content_type = "text/plain";
      out.body = "request body too large";
      respond(out, 11, false);
      return;
    }
    if (ec) {
      close();
      return;
    }
    serve(parser_->version(), parser_->keep_alive());
  }

  // Answers the request in in_.
  void serve(unsigned version, bool request_keep_alive) {
    HttpResponseOut out;
    try {
      out = handler_(in_);
    } catch (const std::exception& e) {
      out.status = 500;
      out.body = std::string("{\"error\":\"emulator fault: ") + e.what() + "\"}";
    }
    const bool keep_alive = request_keep_alive && !out.close_connection;
    if (out.latency.count() > 0) return hold(std::move(out), version, keep_alive);
    deliver(out, version, keep_alive);
  }

  void deliver(HttpResponseOut& out, unsigned version, bool keep_alive) {
    switch (out.delivery) {
      case Delivery::reset:
        return reset();
      case Delivery::delayed:
        return delay(std::move(out), version, keep_alive);
      case Delivery::truncated:
        return respond(out, version, false, true);
      case Delivery::normal:
        break;
    }
    respond(out, version, keep_alive);
  }

  // The emulated round trip: the answer is already decided (the world and the rate window saw
  // the request when it arrived); only its delivery waits, on a timer, so many connections can
  // wait at once on one thread. The idle watch is pushed past it.
  void hold(HttpResponseOut out, unsigned version, bool keep_alive) {
    deadline_ = Clock::now() + out.latency + kIdleTimeout;
    hold_timer_.emplace(socket_.get_executor());
    hold_timer_->expires_after(out.latency);
    hold_timer_->async_wait([self = shared_from_this(), out = std::move(out), version,
                             keep_alive](beast::error_code ec) mutable {
      if (ec || self->closed_) return self->close();
      self->deliver(out, version, keep_alive);
    });
  }

  // A hostile target's reset: SO_LINGER 0 makes close() send RST instead of FIN.
  void reset() {
    closed_ = true;
    beast::error_code ec;
    socket_.set_option(asio::socket_base::linger(true, 0), ec);
    socket_.close(ec);
    timer_.cancel();
  }

  // A hostile target's slow answer, on a timer of its own: the thread serves other connections
  // meanwhile, and stop() abandons the wait with the context. The idle watch is pushed past it.
  void delay(HttpResponseOut out, unsigned version, bool keep_alive) {
    deadline_ = Clock::now() + out.delay + kIdleTimeout;
    delay_timer_.emplace(socket_.get_executor());
    delay_timer_->expires_after(out.delay);
    delay_timer_->async_wait([self = shared_from_this(), out = std::move(out), version,
                              keep_alive](beast::error_code ec) mutable {
      if (ec || self->closed_) return self->close();
      self->respond(out, version, keep_alive);
    });
  }

  // Writes the response as two buffers — a head built in a string reused by the connection, and
  // the body as the handler made it — in one gathered write, without beast's field container.
  // `truncated` (a hostile target): the head announces the whole body, half of it is sent, and
  // the connection closes.
  void respond(HttpResponseOut& out, unsigned version, bool keep_alive, bool truncated = false) {
    head_.clear();
    head_ += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    head_ += std::to_string(out.status);
    head_ += ' ';
    const auto reason = http::obsolete_reason(static_cast<http::status>(out.status));
    head_.append(reason.data(), reason.size());
    head_ += "\r\nServer: cloudconform-emulator\r\nContent-Type: ";
    head_ += out.content_type;
    head_ += "\r\n";
    for (const auto& [k, v] : out.headers) {
      head_ += k;
      head_ += ": ";
      head_ += v;
      head_ += "\r\n";
    }
    const bool chunked = out.chunked && version != 10 && !truncated;  // HTTP/1.0 has no chunks
    if (chunked) {
      head_ += "Transfer-Encoding: chunked\r\n";
    } else {
      head_ += "Content-Length: ";
      head_ += std::to_string(out.body.size());
      head_ += "\r\n";
    }
    if (keep_alive && version == 10) head_ += "Connection: keep-alive\r\n";
    if (!keep_alive && (version != 10 || out.close_connection)) head_ += "Connection: close\r\n";
    head_ += "\r\n";
    body_ = chunked ? in_chunks(out.body) : std::move(out.body);
    if (truncated) body_.resize(body_.size() / 2);

    send(keep_alive);
  }

  // Tries the write at once, without the reactor: an answer of a few hundred bytes nearly always
  // fits the socket's buffer, and then the next read starts here. An asynchronous write that
  // completes at once still posts its completion, and the scheduler polls epoll (a syscall)
  // before running it: one more system call per request than the answer needs. What the socket
  // does not take goes out asynchronously, as before.
  void send(bool keep_alive) {
    std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_), asio::buffer(body_)};
    beast::error_code ec;
    std::size_t sent = socket_.write_some(buffers, ec);  // non-blocking: see start()
    if (ec == asio::error::would_block || ec == asio::error::try_again) ec = {}, sent = 0;
    if (ec) return close();
    if (sent == head_.size() + body_.size()) {
      if (!keep_alive) return close();
      return read();
    }
    const std::size_t in_head = std::min(sent, head_.size());
    buffers = {asio::buffer(head_) + in_head, asio::buffer(body_) + (sent - in_head)};
    deadline_ = Clock::now() + kIdleTimeout;
    asio::async_write(socket_, buffers,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  // Two chunks where the body allows, so a client must put the pieces together.
  static std::string in_chunks(const std::string& body) {
    std::string out;
    auto chunk = [&out](std::string_view piece) {
      if (piece.empty()) return;
      char size[20];
      std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
      out += size;
      out += piece;
      out += "\r\n";
    };
    const std::string_view all(body);
    chunk(all.substr(0, all.size() / 2));
    chunk(all.substr(all.size() / 2));
    out += "0\r\n\r\n";
    return out;
  }

  void close() {
    closed_ = true;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    timer_.cancel();  // releases the connection: nothing else is pending
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::optional<asio::steady_timer> delay_timer_;  // Delivery::delayed only
  std::optional<asio::steady_timer> hold_timer_;   // HttpResponseOut::latency only
  Clock::time_point deadline_;
  bool closed_ = false;
  beast::flat_buffer buffer_;
  HttpRequestIn in_;  // reused by every request of the connection
  std::optional<RequestParser> parser_;
  std::string head_, body_;
  const Handler& handler_;
};

}  // namespace

// One io_context per thread, each run by that thread alone (concurrency hint 1), and accepted
// connections dealt out to them in turn: no strands, and no scheduler lock shared by the
// threads on every completion, which a single io_context run by several threads takes.
struct HttpServer::Impl {
  using Guard = asio::executor_work_guard<asio::io_context::executor_type>;

  Handler handler;
  int threads;
  // Declared before the guards and the acceptor, which must be destroyed first.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<Guard> guards;  // a context with no connection yet must keep running
  std::optional<tcp::acceptor> acceptor;
  std::vector<std::thread> pool;
  std::atomic<std::uint16_t> port{0};
  std::size_t next = 0;  // touched only by the accepting context's thread
  bool running = false;

  void accept() {
    asio::io_context& target = *contexts[next++ % contexts.size()];
    acceptor->async_accept(target.get_executor(), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        // The session starts on its own context's thread, never on the acceptor's.
        const auto executor = socket.get_executor();
        auto session = std::make_shared<Session>(std::move(socket), handler);
        asio::post(executor, [session] { session->start(); });
      }
      accept();
    });
  }
};

HttpServer::HttpServer(Handler handler, int threads) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->threads = threads < 1 ? 1 : threads;
  for (int i = 0; i < impl_->threads; ++i) {
    impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
    impl_->guards.emplace_back(impl_->contexts.back()->get_executor());
  }
  impl_->acceptor.emplace(*impl_->contexts.front());
}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::start(const std::string& address, std::uint16_t port) {
  tcp::endpoint ep(asio::ip::make_address(address), port);
  impl_->acceptor->open(ep.protocol());
  impl_->acceptor->set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor->bind(ep);
  impl_->acceptor->listen(asio::socket_base::max_listen_connections);
  impl_->port = impl_->acceptor->local_endpoint().port();
  impl_->accept();
  impl_->running = true;
  for (auto& ctx : impl_->contexts) impl_->pool.emplace_back([c = ctx.get()] { c->run(); });
  return impl_->port;
}

void HttpServer::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  // Stopping the contexts abandons open connections; their sockets close with the contexts.
  asio::post(*impl_->contexts.front(), [this] {
    beast::error_code ec;
    impl_->acceptor->close(ec);
  });
  for (auto& ctx : impl_->contexts) ctx->stop();
  for (auto& t : impl_->pool) t.join();
  impl_->pool.clear();
}

std::uint16_t HttpServer::port() const { return impl_->port; }

}  // namespace cc::emu
