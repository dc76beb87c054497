#include "suites/properties/generators.h"

#include <algorithm>
#include <set>

#include "harness/model/model.h"

namespace cc::suites::properties {

using nlohmann::json;

void showValue(const Slot& s, std::ostream& os) {
  static const char* kinds[] = {"instance", "nonexistent", "malformed", "duplicate"};
  os << kinds[std::clamp(s.kind, 0, 3)] << "(" << s.a << "," << s.b << ")";
}

void showValue(const BatchCase& c, std::ostream& os) {
  os << "{size " << c.size << ", every member ";
  showValue(c.filler, os);
  for (const auto& sp : c.specials) {
    os << ", member " << sp.position << " ";
    showValue(sp.slot, os);
  }
  os << ", parameters [";
  for (std::size_t i = 0; i < c.params.size(); ++i) os << (i ? "," : "") << c.params[i];
  os << "]}";
}

BatchSpace::BatchSpace(const core::Api& api) : api_(api) {
  states_ = {"RUNNING"};
  for (const char* s : {"STOPPED", "STOPPING", "PENDING"})
    if (std::any_of(api.status_model.states.begin(), api.status_model.states.end(),
                    [&](const auto& n) { return n.canonical == s; }))
      states_.push_back(s);
  for (const auto& n : api.status_model.states)
    if (std::find(states_.begin(), states_.end(), n.canonical) == states_.end())
      states_.push_back(n.canonical);

  std::set<std::string> attrs = {"security_locked",
                                 "expired_or_in_arrears"};  // the locked and expired
  for (const auto& e : api.errors)
    if (e.trigger.rfind("attribute.", 0) == 0) attrs.insert(e.trigger.substr(10));
  attributes_.assign(attrs.begin(), attrs.end());

  const std::string id_param = model::Model::id_parameter(api);
  for (const core::Parameter& p : api.parameters) {
    if (p.name == id_param || p.required) continue;
    GeneratedParameter g{p.name, {}, nullptr};
    if (p.type == "boolean") {
      g.valid = {true, false};
      g.invalid = "maybe";
    } else if (p.type == "string" && !p.enum_values.empty()) {
      for (const auto& v : p.enum_values) g.valid.push_back(v);
      g.invalid = "NotA" + p.name;
    } else {
      continue;  // free strings (a region) and lists: nothing the documents constrain
    }
    params_.push_back(std::move(g));
  }
}

std::string BatchSpace::nonexistent_id(int variant) const {
  const auto& f = api_.instance_id;
  std::string n = std::to_string(variant);
  const std::size_t width =
      f.example.size() > f.prefix.size() ? f.example.size() - f.prefix.size() : 8;
  if (n.size() < width) n = std::string(width - n.size(), '0') + n;
  const std::string id = f.prefix + n;
  return f.well_formed(id) ? id : f.example;
}

std::string BatchSpace::malformed_id(int variant) const {
  // Built from the suite's made-up nonexistent shape, never from the documents' example id: an
  // allowlisted target refuses anything that could name a real instance.
  const auto& f = api_.instance_id;
  const std::string made_up = nonexistent_id(0);
  const std::string suffix = made_up.substr(std::min(f.prefix.size(), made_up.size()));
  const std::vector<std::string> variants = {f.prefix + "NOT_AN_ID", suffix, f.prefix + "0", "",
                                             made_up + "!"};
  const std::string id = variants[static_cast<std::size_t>(variant) % variants.size()];
  return f.well_formed(id) ? "not-an-id" : id;
}

rc::Gen<Slot> BatchSpace::slots(bool special) const {
  using rc::gen::just;
  const int n_states = static_cast<int>(states_.size());
  const int n_attrs = static_cast<int>(attributes_.size());
  const int common = std::min(4, n_states);
  auto other_state = rc::gen::map(
      weighted<int>({{4, uniform(1, std::max(2, common))}, {1, uniform(1, std::max(2, n_states))}}),
      [](int st) {
        return Slot{0, st, 0};
      });
  auto attribute = rc::gen::map(uniform(1, n_attrs + 1), [](int b) { return Slot{0, 0, b}; });
  auto nonexistent = rc::gen::map(uniform(0, 100000), [](int a) { return Slot{1, a, 0}; });
  auto malformed = rc::gen::map(uniform(0, 5), [](int a) { return Slot{2, a, 0}; });
  auto duplicate = rc::gen::map(uniform(0, 1000), [](int a) { return Slot{3, a, 0}; });
  const bool batch = api_.batch.has_value();
  if (!special)
    return weighted<Slot>({{12, just(Slot{})},
                           {3, other_state},
                           {2, attribute},
                           {2, nonexistent},
                           {1, malformed},
                           {batch ? 1 : 0, duplicate}});
  return weighted<Slot>({{2, just(Slot{})},
                         {4, other_state},
                         {3, attribute},
                         {3, nonexistent},
                         {2, malformed},
                         {batch ? 3 : 0, duplicate}});
}

rc::Gen<BatchCase> BatchSpace::cases() const {
  using rc::gen::just;
  const int max = api_.batch ? static_cast<int>(api_.batch->max) : 1;
  // Sizes weighted toward the boundaries; a clean batch (every member RUNNING, parameters
  // absent or valid) comes up often, so that a target that takes 101 clean ids is caught.
  rc::Gen<int> size = api_.batch ? weighted<int>({{2, just(0)},
                                                  {3, just(1)},
                                                  {6, uniform(2, 9)},
                                                  {2, uniform(9, max)},
                                                  {3, just(max)},
                                                  {3, just(max + 1)},
                                                  {1, uniform(max + 2, 121)}})
                                 : weighted<int>({{1, just(0)}, {9, just(1)}});
  rc::Gen<int> clean_size = api_.batch ? weighted<int>({{1, just(0)},
                                                        {2, just(1)},
                                                        {2, uniform(2, max)},
                                                        {3, just(max)},
                                                        {3, just(max + 1)},
                                                        {1, uniform(max + 2, 121)}})
                                       : size;
  auto special = rc::gen::build<Special>(rc::gen::set(&Special::position, uniform(0, 1000)),
                                         rc::gen::set(&Special::slot, slots(true)));
  auto specials = rc::gen::mapcat(
      weighted<int>({{4, just(0)}, {3, just(1)}, {2, just(2)}, {1, just(3)}}), [special](int k) {
        return rc::gen::container<std::vector<Special>>(static_cast<std::size_t>(k), special);
      });
  std::vector<rc::Gen<int>> choices, valid_choices;
  for (const auto& p : params_) {
    const int n = static_cast<int>(p.valid.size());
    choices.push_back(weighted<int>({{10, just(0)}, {4, uniform(1, n + 1)}, {1, just(n + 1)}}));
    valid_choices.push_back(weighted<int>({{2, just(0)}, {1, uniform(1, n + 1)}}));
  }
  auto params_of = [](std::vector<rc::Gen<int>> gens) {
    return rc::gen::exec([gens] {
      std::vector<int> out;
      for (const auto& g : gens) out.push_back(*g);
      return out;
    });
  };
  auto clean =
      rc::gen::build<BatchCase>(rc::gen::set(&BatchCase::size, clean_size),
                                rc::gen::set(&BatchCase::params, params_of(valid_choices)));
  auto mixed = rc::gen::build<BatchCase>(rc::gen::set(&BatchCase::size, size),
                                         rc::gen::set(&BatchCase::filler, slots(false)),
                                         rc::gen::set(&BatchCase::specials, specials),
                                         rc::gen::set(&BatchCase::params, params_of(choices)));
  return weighted<BatchCase>({{1, clean}, {3, mixed}});
}

Scenario BatchSpace::scenario(const BatchCase& c) const {
  Scenario s;
  s.api = api_.id;
  std::vector<Slot> members(static_cast<std::size_t>(std::max(0, c.size)), c.filler);
  for (const auto& sp : c.specials)
    if (!members.empty()) members[static_cast<std::size_t>(sp.position) % members.size()] = sp.slot;
  std::vector<std::string> ids;
  auto instance = [&](const std::string& state, std::vector<std::string> attributes) {
    const std::string label = "i" + std::to_string(s.instances.size());
    s.instances.push_back({label, state, std::move(attributes)});
    ids.push_back("<" + label + ">");
  };
  for (std::size_t i = 0; i < members.size(); ++i) {
    const Slot& m = members[i];
    switch (m.kind) {
      case 1:
        ids.push_back(nonexistent_id(m.a));
        break;
      case 2:
        ids.push_back(malformed_id(m.a));
        break;
      case 3:
        if (i > 0) {
          ids.push_back(ids[static_cast<std::size_t>(m.a) % i]);
          break;
        }
        [[fallthrough]];
      default: {
        std::vector<std::string> attrs;
        if (m.b > 0 && !attributes_.empty())
          attrs.push_back(attributes_[static_cast<std::size_t>(m.b - 1) % attributes_.size()]);
        instance(states_[static_cast<std::size_t>(m.a) % states_.size()], attrs);
      }
    }
  }
  json params = json::object();
  if (api_.batch)
    params[api_.batch->parameter] = ids;
  else if (!ids.empty())
    params[model::Model::id_parameter(api_)] = ids.front();
  for (std::size_t k = 0; k < params_.size() && k < c.params.size(); ++k) {
    const int choice = c.params[k];
    const auto& p = params_[k];
    if (choice <= 0) continue;
    params[p.name] = choice <= static_cast<int>(p.valid.size())
                         ? p.valid[static_cast<std::size_t>(choice - 1)]
                         : p.invalid;
  }
  s.steps.push_back({{"do", "call"}, {"api", api_.id}, {"params", params}});
  return s;
}

}  // namespace cc::suites::properties
