#pragma once
// What a provider adapter offers the suites: call an API of the catalogue with abstract
// parameters and get the uniform Outcome back. Time and nonces come from the context, so tests
// can pin them.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "harness/core/catalogue.h"
#include "harness/core/outcome.h"

namespace cc::core {

struct Credentials {
  std::string id;      // SecretId / AccessKeyId
  std::string secret;  // SecretKey / AccessKeySecret
  std::string token;   // session / STS token, may be empty
};

struct Endpoint {
  std::string url;   // scheme://address[:port], where the request goes
  std::string host;  // Host header and signed host; empty = the URL's authority
};

struct CallStyle {
  std::string style;   // POST-JSON | GET-QUERY | POST-FORM; empty = the provider's default
  std::string scheme;  // signing scheme; empty = the provider's default
};

struct CallContext {
  std::function<std::int64_t()> now;            // seconds since the epoch
  std::function<std::string()> nonce;           // a fresh unique string
  std::function<void(const Exchange&)> record;  // receives every exchange, redacted; may be empty
};

// A context on the real clock and a random nonce source owned by the context itself.
CallContext system_context();

class ApiClient {
 public:
  virtual ~ApiClient() = default;
  // params: a JSON object; lists as arrays, booleans as booleans. Parameters unknown to the
  // catalogue are sent as given (negative cases need that).
  virtual Outcome call(const Api& api, const nlohmann::json& params,
                       const CallStyle& style = {}) = 0;
};

// Value of a scalar parameter as it goes into a query string.
std::string query_value(const nlohmann::json& v);

// The authority of a URL ("http://127.0.0.1:8080/x" -> "127.0.0.1:8080").
std::string url_authority(const std::string& url);

}  // namespace cc::core
