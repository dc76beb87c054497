#pragma once
// A provider front end — the emulator's half of a provider module: recognises its protocol,
// verifies the signature, maps the request to an API of the catalogue and renders the
// behaviour's result in the provider's envelope. The emulator picks one per request from a
// small table keyed by provider name; nothing else in the emulator knows a provider.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

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
  if (d.has(Deviation::accepts_stale_timestamp)) return {documented, true};
  if (d.has(Deviation::timestamp_window_wide)) return {wide};
  if (d.has(Deviation::timestamp_window_narrow)) return {60};
  return {documented};
}

// Whether a query string or form body ("a=1&b=2") has a parameter of this exact name: a front
// end claims a request by the parameter its protocol signs with, and a parameter whose name only
// ends in it (an Alibaba request's `XSecretId`, found by fuzzing) is not that parameter.
bool names_parameter(std::string_view form, std::string_view name);

// Whether a nonce check remembers the nonce (a request being served) or only answers
// (Frontend::verify).
enum class NonceUse { remember, check };

// Alibaba's SignatureNonce replay guard: remembers nonces for the signature window.
class NonceCache {
 public:
  // False when the nonce was already used inside the window. NonceUse::check answers the same
  // and remembers nothing.
  bool use(const std::string& account, const std::string& nonce, std::int64_t now,
           std::int64_t window, NonceUse how = NonceUse::remember);

 private:
  std::mutex mu_;
  std::map<std::string, std::int64_t> seen_;  // account + nonce -> time first seen
  std::int64_t last_sweep_ = 0;
};

class Frontend {
 public:
  virtual ~Frontend() = default;
  // The provider it speaks for, as the catalogue spells it (Api::provider).
  virtual std::string provider() const = 0;
  // Whether the request is in this provider's form (its signature, its headers).
  virtual bool claims(const HttpRequestIn& request) const = 0;
  virtual HttpResponseOut handle(const HttpRequestIn& request) = 0;
  // The code handle() would refuse this request with before the behaviour acts (signature,
  // credentials, timestamp window, nonce, malformed or unknown request), empty when it would
  // be dispatched; by the same code, changing nothing: no request id, nonce, world, journal,
  // rate window or fault is touched.
  virtual std::string verify(const HttpRequestIn& request) = 0;
};

std::unique_ptr<Frontend> make_tencent_frontend(FrontendContext ctx);
std::unique_ptr<Frontend> make_alibaba_frontend(FrontendContext ctx);

// The front ends the emulator has, by provider name.
struct FrontendKind {
  const char* provider;
  std::unique_ptr<Frontend> (*make)(FrontendContext);
  core::Credentials well_known;  // the default account's key (emu::default_account)
};
const std::vector<FrontendKind>& frontend_kinds();

// One front end for each provider of the catalogue, in frontend_kinds()' order. Throws
// core::DataError for a provider the emulator has no front end for.
std::vector<std::unique_ptr<Frontend>> make_frontends(const core::Catalogue& catalogue,
                                                      const FrontendContext& ctx);

// The front end a request goes to: the one whose form it has; for a request in no known form
// (unsigned, unrecognisable), the provider whose catalogue hosts name its Host, so the error
// comes in the envelope a client of that endpoint reads; else the first.
Frontend& route(const std::vector<std::unique_ptr<Frontend>>& frontends,
                const core::Catalogue& catalogue, const HttpRequestIn& request);

// The API a request names: by provider, version and action; where several products share them
// (a product copied from another), the one whose catalogue hosts include the request's Host,
// else the one whose host's first label is `service` (TC3's credential scope names it).
const core::Api* resolve_api(const core::Catalogue& catalogue, const std::string& provider,
                             std::string_view version, std::string_view action,
                             const std::string& host, const std::string& service = "");

}  // namespace cc::emu
