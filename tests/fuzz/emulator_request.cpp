// Fuzz target: the emulator's request handling — routing, signature verification, parameter
// parsing, the behaviours, the control plane — through Emulator::handle, without the network.
//
// Input: one mode byte, then requests in the framing of request_framing.h. The mode picks the
// deviations that let a mutated request past the clock window (seeds are signed once, so their
// timestamps age) and past the signature (so mutated parameters reach the parsers):
// 0 faithful, 1 accepts-stale-timestamp, 2 both. One emulator per mode and process, with a fixed
// seed, pinned clocks, no rate limits and instant transitions, new before its first input and
// started over after each (Emulator::start_over: as if new, tests/emulator/start_over_test.cpp),
// keeps a reproducer deterministic; a new emulator per input spent most of its time compiling
// the catalogue's instance-id patterns (28 inputs a second instead of thousands). Starting over
// after the input rather than before frees within it what it made (instances, nonces, journal
// entries): with more allocations than frees, libFuzzer ran an input again to look for a leak.
//
// A bug is a crash, a sanitizer finding, an exception out of handle() (the server would turn it
// into a 500 "emulator fault" no provider sends), or a provider answer outside its envelope.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "emulator/emulator.h"
#include "harness/core/catalogue.h"
#include "tests/fuzz/request_framing.h"

namespace {

using nlohmann::json;

const cc::core::Catalogue& catalogue() {
  static const cc::core::Catalogue c =
      cc::core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

[[noreturn]] void bug(const std::string& what, const cc::emu::HttpRequestIn& req) {
  std::fprintf(stderr, "emulator_request: %s\n  request: %s %s\n", what.c_str(), req.method.c_str(),
               req.target.c_str());
  std::abort();
}

// Every provider answer is a JSON object in the provider's envelope: Tencent's with HTTP 200 and
// {"Response": {..., "RequestId"}}, Alibaba's with a top-level RequestId.
void check_envelope(const cc::emu::HttpRequestIn& req, const cc::emu::HttpResponseOut& out) {
  const json body = json::parse(out.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    bug("the answer is not a JSON object: " + out.body, req);
  if (body.contains("Response")) {
    if (out.status != 200) bug("a Tencent answer with HTTP " + std::to_string(out.status), req);
    const json& r = body["Response"];
    if (!r.is_object() || !r.contains("RequestId") || !r["RequestId"].is_string())
      bug("a Tencent answer without Response.RequestId: " + out.body, req);
    if (r.contains("Error") &&
        !(r["Error"].is_object() && r["Error"].value("Code", json()).is_string()))
      bug("a Tencent error without a string Code: " + out.body, req);
  } else if (!body.contains("RequestId") || !body["RequestId"].is_string()) {
    bug("an answer in neither envelope: " + out.body, req);
  } else if (out.status >= 300 && !body.value("Code", json()).is_string()) {
    bug("an Alibaba error without a string Code: " + out.body, req);
  }
}

// The wall clock the seeds were signed at (2026-12-02T05:11:50Z, tests/fuzz/seeds): pinned, a
// faithful emulator (mode 0) checks their signatures instead of refusing every one as stale,
// and an answer never depends on when the input runs.
constexpr std::int64_t kSeedEpoch = 1796188310;

cc::emu::Emulator& emulator_for(std::uint8_t mode_byte) {
  static std::unique_ptr<cc::emu::Emulator> emulators[3];
  const int mode = mode_byte % 3;
  if (!emulators[mode]) {
    cc::emu::EmulatorOptions options;
    options.transition_time = std::chrono::milliseconds(0);
    options.rate_limits = false;
    options.seed = 1;
    options.steady_clock = [] { return std::chrono::steady_clock::time_point(); };
    options.wall_clock = [] { return kSeedEpoch; };
    if (mode >= 1) options.deviations.push_back("accepts-stale-timestamp");
    if (mode == 2) options.deviations.push_back("accepts-bad-signature");
    emulators[mode] = std::make_unique<cc::emu::Emulator>(catalogue(), options);
  }
  return *emulators[mode];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  cc::emu::Emulator& emulator = emulator_for(data[0]);

  // CLOUDCONFORM_FUZZ_VERBOSE=1 prints each exchange: for writing seeds and reading reproducers.
  static const bool verbose = std::getenv("CLOUDCONFORM_FUZZ_VERBOSE") != nullptr;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  for (const cc::emu::HttpRequestIn& req : cc::fuzz::parse_requests(text)) {
    cc::emu::HttpResponseOut out;
    try {
      out = emulator.handle(req);
    } catch (const std::exception& e) {
      bug(std::string("handle() threw: ") + e.what(), req);
    }
    if (verbose)
      std::printf("%s %s -> %d %s\n", req.method.c_str(), req.target.c_str(), out.status,
                  out.body.c_str());
    if (req.path().rfind("/_cloudconform/", 0) != 0) check_envelope(req, out);
  }
  emulator.start_over();  // nothing of this input remains for the next
  return 0;
}
