#include "emulator/http_server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <optional>
#include <thread>

#include "harness/core/encoding.h"

namespace cc::emu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string HttpRequestIn::header(const std::string& name) const {
  const std::string want = core::to_lower(name);
  for (const auto& [k, v] : headers)
    if (core::to_lower(k) == want) return v;
  return "";
}

std::string HttpRequestIn::path() const { return target.substr(0, target.find('?')); }

std::string HttpRequestIn::query() const {
  size_t q = target.find('?');
  return q == std::string::npos ? "" : target.substr(q + 1);
}

namespace {

constexpr std::size_t kMaxBody = 16u << 20;  // Tencent's POST limit is 10 MB; leave headroom
constexpr auto kIdleTimeout = std::chrono::seconds(60);

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Handler& handler) : stream_(std::move(socket)), handler_(handler) {}

  void run() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kMaxBody);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec) {
      if (ec == http::error::body_limit) {
        respond_raw(413, "request body too large", false);
        return;
      }
      close();
      return;
    }
    http::request<http::string_body> req = parser_->release();
    HttpRequestIn in;
    in.method = std::string(req.method_string());
    in.target = std::string(req.target());
    for (const auto& f : req) in.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    in.body = std::move(req.body());
    HttpResponseOut out;
    try {
      out = handler_(in);
    } catch (const std::exception& e) {
      out.status = 500;
      out.body = std::string("{\"error\":\"emulator fault: ") + e.what() + "\"}";
    }
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(out.status), req.version());
    res->set(http::field::server, "cloudconform-emulator");
    res->set(http::field::content_type, out.content_type);
    for (const auto& [k, v] : out.headers) res->set(k, v);
    res->keep_alive(req.keep_alive());
    res->body() = std::move(out.body);
    res->prepare_payload();
    write(res);
  }

  void respond_raw(int status, const std::string& text, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(status), 11);
    res->set(http::field::content_type, "text/plain");
    res->keep_alive(keep_alive);
    res->body() = text;
    res->prepare_payload();
    write(res);
  }

  void write(std::shared_ptr<http::response<http::string_body>> res) {
    stream_.expires_after(kIdleTimeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec || !res->keep_alive()) {
        self->close();
        return;
      }
      self->read();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  const Handler& handler_;
};

}  // namespace

struct HttpServer::Impl {
  Handler handler;
  int threads;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::vector<std::thread> pool;
  std::atomic<std::uint16_t> port{0};
  bool running = false;

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      } else {
        socket.set_option(tcp::no_delay(true));
        std::make_shared<Session>(std::move(socket), handler)->run();
      }
      accept();
    });
  }
};

HttpServer::HttpServer(Handler handler, int threads) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->threads = threads < 1 ? 1 : threads;
}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::start(const std::string& address, std::uint16_t port) {
  tcp::endpoint ep(asio::ip::make_address(address), port);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->port = impl_->acceptor.local_endpoint().port();
  impl_->accept();
  impl_->running = true;
  for (int i = 0; i < impl_->threads; ++i) impl_->pool.emplace_back([this] { impl_->ioc.run(); });
  return impl_->port;
}

void HttpServer::stop() {
  if (!impl_->running) return;
  impl_->running = false;
  // Stopping the context abandons open connections; their sockets close with the context.
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->ioc.stop();
  for (auto& t : impl_->pool) t.join();
  impl_->pool.clear();
}

std::uint16_t HttpServer::port() const { return impl_->port; }

}  // namespace cc::emu
