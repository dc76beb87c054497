// Harness sequential request rate: how many calls per second the harness itself makes on one
// connection — sign, send, parse, exactly as the suites call an API — against an endpoint.
// bench/run compares it with wrk on one connection against the same endpoint and request, so
// the ratio is the share of each call the harness spends on its own work.
//
// usage: bench_harness_rate --endpoint URL [--api ID] [--params JSON] [--seconds T]
//                           [--expect-code CODE]
// Prints "calls=N seconds=S calls_per_second=R unexpected=U"; exit 1 when any answer was not
// the expected one (a rate of wrong answers measures nothing).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"

namespace {

// The emulator's well-known default account (README: not secrets, like LocalStack's test/test).
constexpr const char* kSecretId = "AKIDcloudconformEMULATOR0000000000";
constexpr const char* kSecretKey = "cloudconformEmulatorTencentKey00";

struct Options {
  std::string endpoint;
  std::string api = "TencentCvmDescribeInstances";
  std::string params = "{}";
  double seconds = 5;
  std::string expect_code;  // empty: the call must succeed
};

bool parse_args(int argc, char** argv, Options& o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--endpoint")
      o.endpoint = v;
    else if (k == "--api")
      o.api = v;
    else if (k == "--params")
      o.params = v;
    else if (k == "--seconds")
      o.seconds = std::atof(v.c_str());
    else if (k == "--expect-code")
      o.expect_code = v;
    else
      return false;
  }
  return argc % 2 == 1 && !o.endpoint.empty() && o.seconds > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_args(argc, argv, o)) {
    std::cerr
        << "usage: bench_harness_rate --endpoint URL [--api ID] [--params JSON] [--seconds T] "
           "[--expect-code CODE]\n";
    return 2;
  }
  const cc::core::Catalogue catalogue = cc::core::load_catalogue(CLOUDCONFORM_FIXTURES_DIR "/apis");
  const cc::core::Api* api = catalogue.find(o.api);
  if (!api || api->provider != "tencent") {
    std::cerr << "bench_harness_rate: " << o.api << " is not a Tencent API of the catalogue\n";
    return 2;
  }
  const nlohmann::json params = nlohmann::json::parse(o.params, nullptr, false);
  if (!params.is_object()) {
    std::cerr << "bench_harness_rate: --params must be a JSON object\n";
    return 2;
  }
  // The same client the suites use (and `cloudconform sign`): the real Host of the product,
  // sent to the emulator's address.
  auto endpoint = [&](const cc::core::Api& a) {
    return cc::core::Endpoint{o.endpoint, a.hosts.front()};
  };
  cc::tencent::Client client({{kSecretId, kSecretKey, ""}, "ap-guangzhou", endpoint, {}},
                             cc::core::system_context());

  auto expected = [&](const cc::core::Outcome& r) {
    return o.expect_code.empty() ? r.ok : (!r.ok && r.code == o.expect_code);
  };
  // One warm-up call opens the connection and shows a wrong setup before the clock starts.
  const cc::core::Outcome first = client.call(*api, params);
  if (!expected(first)) {
    std::cerr << "bench_harness_rate: unexpected answer: " << first.summary() << "\n";
    return 1;
  }

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  long calls = 0, unexpected = 0;
  std::string sample;
  for (auto now = start; now < end; now = Clock::now()) {
    const cc::core::Outcome r = client.call(*api, params);
    ++calls;
    if (!expected(r)) {
      ++unexpected;
      if (sample.empty()) sample = r.summary();
    }
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::cout << "calls=" << calls << " seconds=" << elapsed
            << " calls_per_second=" << calls / elapsed << " unexpected=" << unexpected << "\n";
  if (unexpected) std::cerr << "bench_harness_rate: first unexpected answer: " << sample << "\n";
  return unexpected ? 1 : 0;
}
