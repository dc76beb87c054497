#pragma once
// The API catalogue: one JSON file per API under fixtures/apis (format: fixtures/apis/SCHEMA.md).
// Everything the suites and the emulator know about an API comes from here, each fact with
// the passage it rests on.
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace cc::core {

struct Provenance {
  std::string source;   // seed | protocols | observed | inferred | silent
  std::string file;     // seed file, or recording under shared/reference/observed/
  std::string section;  // protocols.md section
  std::string passage;  // verbatim words (seed, protocols) or what was seen (observed)
  std::string note;     // the reasoning (inferred), what is unknown (silent)
  // observed: the exchange of the recording, and the JSON pointer into it whose value was seen,
  // so the citation can be checked against the recording like a passage against its page.
  std::string scenario;
  int step = -1;  // -1 when none
  std::string pointer;
  nlohmann::json value;
  nlohmann::json to_json() const;
};

struct Parameter {
  std::string name;
  std::string type;  // string | boolean | integer | string-list
  bool required = false;
  nlohmann::json default_value;  // null when none is documented
  std::vector<std::string> enum_values;
  std::string list_json;   // array (or empty)
  std::string list_query;  // dotted-0 | dotted-1 | json-string (or empty)
  std::optional<long long> max_items;
  std::string description;
  Provenance provenance;
};

// A filter parameter that names instances by id, for an API without an id parameter (ECM's
// DescribeInstances): parameter = [{name_key: name, values_key: [ids]}]. Empty parameter: none.
struct IdFilter {
  std::string parameter, name, name_key, values_key;
  Provenance provenance;
};

struct InstanceIdFormat {
  std::string prefix, pattern, example;
  // The parameter that names the instances of a call (the id, or the id list); empty for a
  // Describe that names them only through a filter.
  std::string parameter;
  IdFilter filter;
  Provenance provenance;
  // The pattern compiled once when the catalogue is read (std::regex costs microseconds to
  // build; checking ids happens per request and per instance). Null in an entry made by hand.
  std::shared_ptr<const std::regex> compiled;

  // Whether id matches the pattern in full.
  bool well_formed(const std::string& id) const;
};

// What a batch with one refused instance does: refused whole, changing nothing
// (all_or_nothing: Alibaba's AllTogether), each instance taken on its own with a result per
// instance (per_item: SuccessFirst), or the documents do not say (silent: every Tencent batch).
enum class BatchMode { all_or_nothing, per_item, silent };
const char* name_of(BatchMode mode);

struct BatchModes {
  std::string parameter;                       // the parameter choosing the mode; empty: none
  std::map<std::string, BatchMode> values;     // the values it documents, and the mode of each
  BatchMode default_mode = BatchMode::silent;  // the mode when the request does not choose
  Provenance provenance;
  // The value of `parameter` that chooses `mode`, if any.
  std::optional<std::string> value_for(BatchMode mode) const;
};

struct Batch {
  std::string parameter;
  long long min = 1, max = 100;
  Provenance provenance;
  BatchModes mode;
};

struct RateLimit {
  std::optional<long long> requests_per_second;
  Provenance provenance;
};

struct StateName {
  std::string wire, canonical;
};

struct Transition {
  std::string from, via, to;
};

struct StatusModel {
  std::vector<StateName> states;
  std::vector<std::string> accepts;
  std::vector<Transition> transitions;
  Provenance provenance;
  // Which states the action accepts may rest on less than the transitions do (Alibaba's batch
  // page shows a Running instance stopping but names no accepted state): nullopt = provenance.
  std::optional<Provenance> accepts_provenance;
  const Provenance& accepts_rests_on() const {
    return accepts_provenance ? *accepts_provenance : provenance;
  }
  // Wire spelling of a canonical state, or the canonical name when the API has no such state.
  std::string wire(const std::string& canonical) const;
  std::optional<std::string> canonical(const std::string& wire) const;
};

struct DryRun {
  bool supported = false;
  std::string parameter, success_code;
  std::optional<long long> http_status;
  std::map<std::string, std::string> always_success_when;
  Provenance provenance;
  // When the status rests on another passage than the dry run (StopInstance: inferred 400).
  std::optional<Provenance> http_status_provenance;
  const Provenance& http_status_rests_on() const {
    return http_status_provenance ? *http_status_provenance : provenance;
  }
};

struct Duplicates {
  std::string rule;  // reject | silent
  std::string code;
  Provenance provenance;
};

struct PerInstance {
  std::string list;
  std::map<std::string, std::string> fields;
};

// A format a value was documented or seen to have (RequestId: a lower-case UUID on real CVM).
struct ValueFormat {
  std::string pattern;  // ECMAScript regex of the whole value
  Provenance provenance;
};

struct ResponseShape {
  int success_status = 200;
  std::string request_id;  // JSON pointer
  std::optional<ValueFormat> request_id_format;
  std::string instances;  // JSON pointer, describe kinds only
  std::map<std::string, std::string> instance_fields;
  std::optional<PerInstance> per_instance;
  Provenance provenance;
  // Describe: a real service was recorded answering whole instance records (CVM: 40 fields,
  // observed O9), more than the fields named here; an emulator answers records of that shape.
  std::optional<Provenance> recorded_instance;
};

// A yes/no fact with the passage (or recording) it rests on.
struct Flag {
  bool value = false;
  Provenance provenance;
};

struct AsyncContract {
  std::string success;  // the latest_operation_state value of a finished operation
  Provenance provenance;
  // Whether latest_operation_state may already read `success` while the instance still shows
  // the transition's `via` state (real CVM: SUCCESS while STOPPING). nullopt: nothing says.
  std::optional<Flag> success_while_in_transit;
};

struct ErrorEntry {
  std::string code;
  int http_status = 200;
  std::string message;
  std::string condition;
  std::string trigger;
  Provenance provenance;
  std::optional<Provenance> http_status_provenance;
  // What the status rests on: its own provenance when it has one, else the code's.
  const Provenance& http_status_rests_on() const {
    return http_status_provenance ? *http_status_provenance : provenance;
  }
  // What the refusal itself rests on, when a page says the condition is refused but not with
  // which code (003: a security-locked instance allows no operation; its code is B7's).
  std::optional<Provenance> refusal_provenance;
  const Provenance& refusal_rests_on() const {
    return refusal_provenance ? *refusal_provenance : provenance;
  }
  // The error applies only when the request carries every `with` parameter value, and never
  // when it carries an `unless` value (StopInstance: local storage bites without
  // ConfirmStop=true; a missing hibernation option only when Hibernate=true).
  nlohmann::json with = nlohmann::json::object();
  nlohmann::json unless = nlohmann::json::object();
  bool applies_to(const nlohmann::json& params) const;
};

struct Api {
  std::string file;  // where it was loaded from
  std::string id, provider, product, action, version, role, seed, kind;
  std::vector<std::string> hosts;
  Provenance endpoint_provenance;
  std::vector<std::string> signing_schemes, signing_styles;
  Provenance signing_provenance;
  std::vector<Parameter> parameters;
  InstanceIdFormat instance_id;
  std::optional<Batch> batch;
  RateLimit rate_limit;
  StatusModel status_model;
  DryRun dry_run;
  Duplicates duplicates;
  ResponseShape response;
  std::optional<AsyncContract> async;
  std::vector<ErrorEntry> errors;

  bool is_subject() const { return role == "subject"; }
  // The parameter naming the instances of a call: the batch list, or the single id.
  const std::string& id_parameter() const {
    return batch ? batch->parameter : instance_id.parameter;
  }
  const Parameter* parameter(const std::string& name) const;
  // Every documented error for a trigger, in catalogue order.
  std::vector<const ErrorEntry*> errors_for(const std::string& trigger) const;
  bool accepts(const std::string& canonical_state) const;
};

// Where a provider's error answers carry their parts (JSON pointers), and the HTTP status an
// error comes with: "documented" (each code's own) or a fixed value (Tencent: 200).
struct Envelope {
  std::string error_code, error_message, request_id;
  std::vector<std::string> error_fields;  // further fields every error body has (Alibaba HostId)
  Provenance provenance;
  // Tencent answers every processed request with one status (A6: 200), which no seed states:
  // the catalogue gives every error of the provider this provenance for its status.
  std::optional<long long> fixed_error_status;
  std::optional<Provenance> fixed_error_status_provenance;
};

struct CommonErrors {
  std::string file, provider;
  Envelope envelope;
  std::vector<ErrorEntry> errors;
  std::vector<const ErrorEntry*> errors_for(const std::string& trigger) const;
};

class Catalogue {
 public:
  std::vector<Api> apis;
  std::map<std::string, CommonErrors> common;  // by provider

  const Api* find(const std::string& id) const;
  const Api* find(const std::string& provider, const std::string& version,
                  const std::string& action) const;
  // The API of `kind` for the same provider and product as `api` (its Describe, its Start).
  const Api* sibling(const Api& api, const std::string& kind) const;
  std::vector<const Api*> subjects() const;
  const CommonErrors& common_errors(const std::string& provider) const;
};

// Loads and validates every file under `dir` (fixtures/apis). Throws DataError naming the file
// and JSON pointer of the first problem.
Catalogue load_catalogue(const std::string& dir);
Api load_api_file(const std::string& path);

// A catalogue file already read: the path its messages name (its file name says what it is, as
// in a directory: common-errors.json or an API file) and its text.
struct CatalogueFile {
  std::string path;
  std::string text;
};
// load_catalogue on files in memory (the catalogue_loader fuzz target's input, without a write
// and a directory walk per input): the same checks and messages, the files taken in the order of
// their paths as load_catalogue takes a directory's.
Catalogue load_catalogue_files(std::vector<CatalogueFile> files);

// Checks every provenance passage against the documents it cites (shared/seeds and
// shared/reference/protocols.md), and every observed citation against its recording
// (shared/reference/observed/: the exchange exists, the pointer resolves to the cited value).
// Returns one line per passage that is not found and per citation that does not match.
std::vector<std::string> verify_provenance(const Catalogue& catalogue,
                                           const std::string& shared_dir);

// The canonical state names a status model may use.
const std::vector<std::string>& canonical_states();

}  // namespace cc::core
