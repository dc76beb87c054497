#pragma once
// A provider front end: recognises its protocol, verifies the signature, maps the request to
// an API of the catalogue and renders the behaviour's result in the provider's envelope.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "emulator/behaviour.h"
#include "emulator/http_server.h"
#include "emulator/world.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

struct FrontendContext {
  const core::Catalogue* catalogue;
  World* world;
  Behaviour* behaviour;
  std::function<std::int64_t()> wall_clock;  // epoch seconds, for signature windows
  const Deviations* deviations;
};

// The signature time window in force, in seconds either side of the server's clock: the
// documented one, or what a deviation makes of it (wider, narrower, none at all).
struct SignatureWindow {
  std::int64_t seconds;
  bool unbounded = false;  // accepts-stale-timestamp
  bool admits(std::int64_t now, std::int64_t signed_at) const {
    return unbounded || (now - signed_at <= seconds && signed_at - now <= seconds);
  }
};

inline SignatureWindow signature_window(const Deviations& d, std::int64_t documented,
                                        std::int64_t wide) {
  if (d.has("accepts-stale-timestamp")) return {documented, true};
  if (d.has("timestamp-window-wide")) return {wide};
  if (d.has("timestamp-window-narrow")) return {60};
  return {documented};
}

// Alibaba's SignatureNonce replay guard: remembers nonces for the signature window.
class NonceCache {
 public:
  // False when the nonce was already used inside the window.
  bool use(const std::string& account, const std::string& nonce, std::int64_t now,
           std::int64_t window);

 private:
  std::mutex mu_;
  std::map<std::string, std::int64_t> seen_;  // account + nonce -> time first seen
  std::int64_t last_sweep_ = 0;
};

class TencentFrontend {
 public:
  explicit TencentFrontend(FrontendContext ctx) : ctx_(ctx) {}
  static bool claims(const HttpRequestIn& req);
  HttpResponseOut handle(const HttpRequestIn& req);

 private:
  FrontendContext ctx_;
};

class AlibabaFrontend {
 public:
  explicit AlibabaFrontend(FrontendContext ctx) : ctx_(ctx) {}
  static bool claims(const HttpRequestIn& req);
  HttpResponseOut handle(const HttpRequestIn& req);

 private:
  FrontendContext ctx_;
  NonceCache nonces_;
};

}  // namespace cc::emu
