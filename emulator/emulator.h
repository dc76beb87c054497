#pragma once
// The reference emulator: the five stop APIs and their Describe/Start companions on the real
// wire protocols, over a real HTTP server, with a control plane for the suite to arrange
// instances in given states (/_cloudconform/v1/...).
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "emulator/deviations.h"
#include "emulator/http_server.h"
#include "emulator/variations.h"
#include "emulator/world.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

// The well-known credentials of the emulator's default account. Not secrets: like
// LocalStack's "test"/"test", they are published so any client can talk to the emulator.
Account default_account();

struct EmulatorOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 = any free port
  int threads = 2;
  std::chrono::milliseconds transition_time{300};
  std::vector<std::string> deviations;
  std::vector<std::string> variations;  // behaviours the documents allow (emulator/variations.h)
  // Every cloud-API answer (never the control plane's) is held this long, like a real region's
  // round trip; the request is served — rate window, world — when it arrives.
  std::chrono::milliseconds latency{0};
  std::vector<Account> accounts = {default_account()};
  bool rate_limits = true;                             // the documented limits; false = none
  std::map<std::string, double> rate_limit_overrides;  // API id -> calls/s (<= 0 = none)
  std::uint64_t seed = 0;                              // 0 = random
  // The clocks it reads; empty = the system's. A test or a fuzz target pins them so that the
  // answers depend on the requests alone (creation times, signature windows, the request log).
  std::function<std::chrono::steady_clock::time_point()> steady_clock;
  std::function<std::int64_t()> wall_clock;  // epoch seconds
};

class Emulator {
 public:
  Emulator(const core::Catalogue& catalogue, EmulatorOptions options);
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  std::uint16_t start();  // binds and serves; returns the port
  void stop();
  std::string base_url() const;  // http://address:port
  const EmulatorOptions& options() const { return options_; }

  // The whole request pipeline without the network (the server calls this too).
  HttpResponseOut handle(const HttpRequestIn& request);

  // The verifier alone: the refusal code handle() would answer this cloud-API request with
  // before any action is dispatched — the front end's own reading of the request, signature,
  // credentials, timestamp window and nonce checks, an unknown action, version or parameter —
  // or empty when handle() would dispatch it. The same code as handle() runs, but nothing
  // changes: no request id is drawn, no nonce remembered, the world, journal, rate windows,
  // faults and request log are not touched (so it is not rate limited, and a nonce is checked
  // against those handle() remembered). Wire deviations and variations, which rewrite answers,
  // are not applied. A control-plane path (/_cloudconform/) gives empty. Safe from any thread.
  std::string verify(const HttpRequestIn& request);

  // Back to the state it was constructed in, as if new: no instance, request, operation, rate
  // window, fault or nonce remembered; request and operation numbers, the id generator's seed,
  // the clocks' epoch, deviations, variations, limits, latency and transition time as the
  // options say. What only depends on the catalogue (compiled id patterns) is kept, so one
  // emulator can serve many independent inputs (tests/fuzz) at a fraction of a new one's cost.
  // Not while requests are being served: the caller owns the emulator alone.
  void start_over();

 private:
  HttpResponseOut control(const HttpRequestIn& request);

  struct Impl;
  EmulatorOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::emu
