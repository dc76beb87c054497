#include "harness/core/api_client.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <random>

#include "harness/core/crypto.h"

namespace cc::core {

CallContext system_context() {
  struct Source {
    std::mutex mu;
    std::mt19937_64 rng{std::random_device{}()};
  };
  auto source = std::make_shared<Source>();
  CallContext ctx;
  ctx.now = [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  ctx.nonce = [source] {
    std::lock_guard lock(source->mu);
    std::string bytes(16, '\0');
    for (auto& b : bytes) b = static_cast<char>(source->rng() & 0xff);
    return to_hex(bytes);
  };
  return ctx;
}

std::string query_value(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_null()) return "";
  return v.dump();
}

std::string url_authority(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace cc::core
