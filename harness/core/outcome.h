#pragma once
// The uniform result of one API call, whatever the provider's envelope: what the suites reason
// about. An error answer from the target is data here; only harness faults throw.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "harness/core/http_client.h"

namespace cc::core {

struct Outcome {
  bool ok = false;             // the target accepted the call
  int http_status = 0;
  std::string code;            // error code; empty on success
  std::string message;
  std::string request_id;
  nlohmann::json body;         // parsed body (null when it was not JSON)
  std::string transport_error; // the target could not be reached or answered garbage:
                               // a harness error, not a verdict on conformance
  std::chrono::microseconds elapsed{0};

  bool harness_error() const { return !transport_error.empty(); }
  std::string summary() const;  // "ok 200 rid=…" / "error 403 IncorrectInstanceStatus: …"
};

// One request and its response as recorded for reports, with secrets already redacted.
struct Exchange {
  HttpRequest request;
  HttpResponse response;
  nlohmann::json to_json() const;
};

// Replaces every occurrence of the secrets it knows (and the values of token headers and
// parameters) so no output of the suite can carry them.
class Redactor {
 public:
  void add_secret(const std::string& secret);
  std::string redact(std::string text) const;
  HttpRequest redact(HttpRequest request) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace cc::core
