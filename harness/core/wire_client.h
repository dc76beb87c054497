#pragma once
// What both provider adapters share: configuration, the connection, recording with secrets
// redacted, and the call sequence build -> send -> record -> parse. Each provider supplies
// how to build its signed request and how to read its envelope.
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/core/api_client.h"
#include "harness/core/encoding.h"
#include "harness/core/http_client.h"

namespace cc::core {

struct ClientConfig {
  Credentials credentials;
  std::string region;  // Tencent X-TC-Region / Alibaba RegionId default; empty = not sent
  std::function<Endpoint(const Api&)> endpoint;
  HttpOptions http;
};

class WireClient : public ApiClient {
 public:
  WireClient(ClientConfig config, CallContext context);
  Outcome call(const Api& api, const nlohmann::json& params, const CallStyle& style = {}) override;
  // What call makes of a response to `api` once it came back (or did not): the checks for what
  // is no answer, the provider's parse, the protocol breaks. Replays and the fuzz target use it.
  Outcome read(const Api& api, const HttpResponse& response) const;
  // The signed wire request, without sending it (tests and replays print it).
  virtual HttpRequest build(const Api& api, const nlohmann::json& params,
                            const CallStyle& style) = 0;
  virtual Outcome parse(const HttpResponse& response) const = 0;

 protected:
  // A header of this provider's requests that carries a session token: recorded as "***".
  void redact_token_header(const std::string& name) { redactor_.add_token_header(name); }
  // The endpoint of an API and the host to sign: the configured Host, else the URL's authority.
  std::pair<Endpoint, std::string> resolve(const Api& api) const;

  ClientConfig config_;
  CallContext context_;

 private:
  HttpClient http_;
  Redactor redactor_;
};

// The part of every parse that does not depend on the envelope: status, timing, transport
// errors. Returns false when there is no body to read.
bool begin_outcome(const HttpResponse& response, Outcome& outcome);
// Signed RPC parameters where the method puts them: the query of a GET, else a form body.
void place_parameters(HttpRequest& request, const Params& params);

// begin_outcome, then the body read as a JSON object into outcome.body. An answer that is not a
// JSON object, or a server error (5xx) with none of the provider's envelope (`has_envelope`
// false: a gateway's answer, not the API's), ends the outcome as a transport error. Returns false
// when the outcome is complete.
bool begin_envelope(const HttpResponse& response, Outcome& outcome,
                    bool (*has_envelope)(const nlohmann::json& body));

// What a hostile target can answer that is no answer at all. Each returns why, as the
// harness error a case ends with; nullopt when there is nothing wrong. WireClient::call applies
// them, so every provider and every caller gets them.
//
// Before the envelope is read: a server error (5xx) that is not JSON — a proxy's page, a 5xx
// storm — and a Content-Type that is not JSON. A 5xx in the provider's envelope is an answer.
std::optional<std::string> unreadable_answer(const HttpResponse& response);
// The harness error of a server error (5xx) that carries nothing of the provider's envelope —
// a gateway's page, even in JSON. The adapters say it when a 5xx JSON body has none of their
// envelope's members; with some of them it is the target's answer, breaking the envelope.
std::string server_error_without_envelope(const HttpResponse& response);
// A member that is a string, possibly empty: what an error's Message must be (its text may
// change, the documents say; an empty one is still there).
std::optional<std::string> string_member(const nlohmann::json& object, const std::string& key);
// A member that is a non-empty string: what a Code and a RequestId must be (empty, they name
// nothing).
std::optional<std::string> nonempty_string_member(const nlohmann::json& object,
                                                  const std::string& key);
// After the provider's parse refused the envelope: the sharper reason when the body is not JSON.
std::string explain_refusal(const HttpResponse& response, const std::string& refusal);
// A successful answer shaped like another API's — a mixed-up connection or cache: a listing
// API's answer without its instance list, or an action's answer carrying an instance listing.
std::optional<std::string> foreign_answer(const Api& api, const Outcome& outcome);

}  // namespace cc::core
