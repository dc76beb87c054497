#pragma once
// Reading a request off the wire into a connection's HttpRequestIn, two ways.
// - RequestParser: Boost.Beast's parser, straight into the HttpRequestIn (its strings and header
//   vector keep their capacity from one request to the next): any request HTTP/1.x allows.
// - read_simple_request: a request head in one buffer, read by hand, for the requests clients
//   send nearly always (HTTP/1.0 or 1.1, printable ASCII, a Content-Length body or none, every
//   byte already received). Beast's header parser was the largest part of a request's cost after
//   the signature: it checks every byte against tables, calls out per field and copies into
//   strings by replace. Whatever is not such a request — a byte outside printable ASCII, a
//   folded or malformed line, Transfer-Encoding, Upgrade, Proxy-Connection, a Connection header
//   other than one "close" or "keep-alive", a repeated or malformed Content-Length, a head of 8 KB
//   or more, a body beyond the limit or not all there yet — it declines, consuming nothing, and
//   the caller hands the same bytes to RequestParser. What it reads is what RequestParser reads
//   from the same bytes (tests/emulator/request_reader_test.cpp compares them).
#include <boost/beast/http/basic_parser.hpp>

#include <cstdint>
#include <string_view>

#include "emulator/http_server.h"

namespace cc::emu {

class RequestParser : public boost::beast::http::basic_parser<true> {
 public:
  explicit RequestParser(HttpRequestIn& in) : in_(in) {}
  unsigned version() const { return version_; }

 private:
  using string_view = boost::beast::string_view;
  using error_code = boost::beast::error_code;
  void on_request_impl(boost::beast::http::verb, string_view method, string_view target,
                       int version, error_code&) override {
    in_.method.assign(method.data(), method.size());
    in_.target.assign(target.data(), target.size());
    version_ = static_cast<unsigned>(version);
  }
  void on_response_impl(int, string_view, int, error_code&) override {}
  void on_field_impl(boost::beast::http::field, string_view name, string_view value,
                     error_code&) override {
    if (fields_ == in_.headers.size()) in_.headers.emplace_back();
    in_.headers[fields_].first.assign(name.data(), name.size());
    in_.headers[fields_].second.assign(value.data(), value.size());
    ++fields_;
  }
  void on_header_impl(error_code&) override {
    in_.headers.resize(fields_);
    in_.body.clear();
  }
  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    if (length)
      in_.body.reserve(static_cast<std::size_t>(*length));  // within the body limit, checked before
  }
  std::size_t on_body_impl(string_view body, error_code&) override {
    in_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
    in_.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(error_code&) override {}

  HttpRequestIn& in_;
  std::size_t fields_ = 0;
  unsigned version_ = 11;
};

// A whole simple request at the start of `bytes`, read into `in`: its HTTP version (10, 11),
// whether the connection stays open after it (RequestParser::keep_alive's rule) and how many
// bytes it took. False: not one this reader takes (see above); `in` may be half written then.
struct SimpleRequest {
  unsigned version = 11;
  bool keep_alive = true;
  std::size_t size = 0;
};
bool read_simple_request(std::string_view bytes, std::uint64_t body_limit, HttpRequestIn& in,
                         SimpleRequest& out);

}  // namespace cc::emu
