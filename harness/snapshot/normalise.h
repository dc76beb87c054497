#pragma once
// Normalisation of exchanges for snapshots (snapshot.h): what a target answered, without
// anything secret or run-specific, so that two runs of the same case on faithful targets give
// the same text and a difference is a difference of behaviour.
//   - instance ids (the catalogue's instance-id formats) become <i0>, <i1>… in order of first
//     use within a case, wherever they appear (parameters, bodies, messages);
//   - RequestIds become <request-id:FORMAT>, timestamps <timestamp:FORMAT>, nonces
//     <nonce:FORMAT>, signatures and body hashes <signature:FORMAT>, Authorization
//     <authorization:SCHEME>, other UUIDs <uuid:FORMAT>, the host that served <host>: typed
//     placeholders naming the format seen, so a comparison can still hold formats equal;
//   - credentials (key ids, tokens, secret-named fields at any depth) are removed, the URL is
//     reduced to its path, and response headers are dropped (length, date, server: transport);
//   - JSON and form/query bodies are parsed into objects, so comparison is per field;
//   - a Describe* answer is reduced to the state of each instance it was asked about ("states":
//     {"<i0>": "RUNNING"}): the rest of a record is an account's furniture (IPs, images, tags).
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/catalogue.h"

namespace cc::snapshot {

// One exchange as it came off the wire: a results transcript entry, or a recorded one.
struct RawExchange {
  std::string action;  // empty: read from the action header or the Action parameter
  std::string method, url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int status = 0;
  std::string response_body;
  bool transport_error = false;
};

// A results transcript entry {request:{method,url,headers,body}, response:{status,body,…}}.
RawExchange raw_exchange(const nlohmann::json& entry);

// The format of a value: uuid | upper-uuid | iso8601 | http-date | unix | hex | upper-hex |
// other.
std::string format_of(std::string_view value);

// "<kind:FORMAT>" for a value; "<kind>" when the format adds nothing.
std::string placeholder(std::string_view kind, std::string_view value);
// The kind of a placeholder ("request-id", "instance" for <iN>, …); nullopt for other text.
std::optional<std::string> placeholder_kind(std::string_view text);
// "<kind:FORMAT>" without change, <iN> as "<instance>": what "same format" compares.
std::string placeholder_format(std::string_view text);

// A field, header or parameter name whose value is a credential (removed): tokens, secrets,
// passwords, private keys, cookies, and the key ids (SecretId, AccessKeyId).
bool credential_name(std::string_view name);

// Normalises the exchanges of one case: instance placeholders are numbered across the case.
class Normaliser {
 public:
  // `api`: the case's API (catalogue id); the catalogue gives the id formats, the envelope
  // (where RequestId, Code and Message are) and each Describe's instance list.
  Normaliser(const core::Catalogue& catalogue, const std::string& api);
  // {"action", "request": {method, path, headers, query, params|body}, "response": {status,
  // body | states, transport_error?}}
  nlohmann::json exchange(const RawExchange& raw);

 private:
  nlohmann::json request(const RawExchange& raw);
  nlohmann::json response(const RawExchange& raw, const std::string& action,
                          const nlohmann::json& request);
  nlohmann::json describe_states(const nlohmann::json& body, const std::string& action,
                                 const nlohmann::json& request);
  nlohmann::json params(const std::string& text, bool allow_json);
  nlohmann::json value(const std::string& name, const nlohmann::json& v);
  std::string text(const std::string& s);
  const core::Api* api_for(const std::string& action) const;

  const core::Catalogue& catalogue_;
  const core::Api* api_;
  std::regex ids_;
  std::map<std::string, std::string> placeholders_;  // instance id -> <iN>
  std::map<std::string, std::string> replacements_;  // RequestId, host -> placeholder
};

// The action of a normalised exchange is a Describe: its answer is a state reading.
bool is_describe(const std::string& action);

// Every case of a results file that has a transcript, normalised: {"id", "api", "outcome",
// "exchanges"}; by case id.
std::map<std::string, nlohmann::json> normalise_cases(const nlohmann::json& results,
                                                      const core::Catalogue& catalogue);

// The target's identity, public and stable: kind, name, endpoints (product -> host), region
// (product -> region seen in the requests), suite version, catalogue hash, date, and each key
// id as "sha256:<16 hex>" (never a secret).
nlohmann::json identity_of(const nlohmann::json& results,
                           const std::map<std::string, nlohmann::json>& cases,
                           const core::Catalogue& catalogue);

// "sha256:" and the first 16 hex digits of the SHA-256 of `text`.
std::string hashed(const std::string& text);

}  // namespace cc::snapshot
