#pragma once
// The uniform result of one API call, whatever the provider's envelope: what the suites reason
// about. An error answer from the target is data here; only harness faults throw.
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "harness/core/http_client.h"

namespace cc::core {

// A JSON answer that breaks the provider's documented envelope or status convention
// (protocols.md A6, B6). Such an answer is still the target's answer: the case that received it
// judges it, and the break is a verdict on the part it names, not a harness error.
struct ProtocolBreak {
  enum class Part {
    RequestId,         // no RequestId where the provider puts it
    ErrorCode,         // an error answer without its string Code
    ErrorMessage,      // an error answer without its string Message
    Wrapper,           // Tencent: not wrapped in {"Response": {...}}
    StatusConvention,  // an HTTP status the provider does not use for this kind of answer
  };
  Part part;
  std::string message;  // in plain words, naming the broken part
};

// "request_id", "error_code", "error_message", "wrapper", "status_convention".
std::string to_string(ProtocolBreak::Part part);

// Whether two RequestIds name the same request, compared as their format allows: UUIDs
// (8-4-4-4-12 hex) in any letter case, since a service may print them either way; anything
// else exactly.
bool same_request_id(const std::string& a, const std::string& b);

struct Outcome {
  bool ok = false;  // the target accepted the call
  int http_status = 0;
  std::string code;  // error code; empty on success
  std::string message;
  std::string request_id;
  nlohmann::json body;          // parsed body (null when it was not JSON)
  std::string transport_error;  // the target could not be reached or answered garbage:
                                // a harness error, not a verdict on conformance
  // The transport failure's kind (a timeout, a reset…); None when an answer came, even one that
  // is no answer (transport_error then says what was wrong with it).
  TransportError transport_kind = TransportError::None;
  std::chrono::microseconds elapsed{0};
  // What the answer broke of the documented envelope; empty for a well-formed answer. The rest
  // keeps what the answer did say: an error that lost its Message keeps its code, a success
  // without a RequestId stays ok; an error that lost its Code is not ok, with no code.
  std::vector<ProtocolBreak> protocol_breaks;

  bool harness_error() const { return !transport_error.empty(); }
  bool broke(ProtocolBreak::Part part) const;
  // "ok 200 (RequestId …)" / "error 403 IncorrectInstanceStatus: … (RequestId …)", then the
  // protocol breaks, if any: "; breaks the protocol: the answer carries no RequestId".
  std::string summary() const;
};

// One request and its response as recorded for reports, with secrets already redacted.
struct Exchange {
  HttpRequest request;
  HttpResponse response;
  nlohmann::json to_json() const;
};

// Replaces every occurrence of the secrets it knows (and the values of the token headers it is
// told of, secrets even when nobody registered them) so no output of the suite can carry them.
class Redactor {
 public:
  void add_secret(const std::string& secret);
  // A header carrying a session token (the provider adapter names its own), any letter case.
  void add_token_header(const std::string& name);
  std::string redact(std::string text) const;
  HttpRequest redact(HttpRequest request) const;

 private:
  std::vector<std::string> secrets_;
  std::vector<std::string> token_headers_;  // lower case
};

}  // namespace cc::core
