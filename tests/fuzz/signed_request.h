#pragma once
// A request the harness signs, handed to Emulator::handle as the server would receive it: what
// the signing fuzz target and the start-over test send without a network. The clients build the
// wire request (WireClient::build); the HTTP client would add the Host header from the endpoint.
#include <cstdint>
#include <string>

#include "emulator/http_server.h"
#include "harness/core/http_client.h"

namespace cc::fuzz {

inline constexpr const char* kSignedEndpoint = "http://127.0.0.1:8080";

// The request as received: path and query without the endpoint, the headers as sent with the
// Host the client would have put (the endpoint's signed host).
inline emu::HttpRequestIn as_received(const core::HttpRequest& sent, const std::string& host) {
  emu::HttpRequestIn in;
  in.method = sent.method;
  const std::string endpoint = kSignedEndpoint;
  in.target = sent.url.rfind(endpoint, 0) == 0 ? sent.url.substr(endpoint.size()) : sent.url;
  if (in.target.empty() || in.target[0] != '/') in.target = "/" + in.target;
  bool has_host = false;
  for (const auto& [name, value] : sent.headers)
    has_host =
        has_host || (name.size() == 4 && (name[0] | 0x20) == 'h' && (name[1] | 0x20) == 'o' &&
                     (name[2] | 0x20) == 's' && (name[3] | 0x20) == 't');
  if (!has_host) in.headers.emplace_back("Host", host);  // a "Host" entry overrides the URL's
  for (const auto& h : sent.headers) in.headers.push_back(h);
  in.body = sent.body;
  return in;
}

// A nonce source that repeats itself from the start in every process: 32 hexadecimal digits
// from a counter (Tencent v1 reads the first 8 as a number, Alibaba sends it as is).
class CountingNonce {
 public:
  std::string operator()() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::uint64_t x = ++count_ * 0x9e3779b97f4a7c15ULL;
    std::string out(32, '0');
    for (int i = 0; i < 32; ++i, x = x * 6364136223846793005ULL + 1442695040888963407ULL)
      out[i] = kHex[(x >> 60) & 0xf];
    return out;
  }
  void restart() { count_ = 0; }

 private:
  std::uint64_t count_ = 0;
};

}  // namespace cc::fuzz
