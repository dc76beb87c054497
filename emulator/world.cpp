#include "emulator/world.h"

#include <regex>

namespace cc::emu {

World::World(std::vector<Account> accounts, Clock clock, std::uint64_t seed)
    : accounts_(std::move(accounts)),
      clock_(std::move(clock)),
      rng_(seed),
      id_seed_(seed),
      journal_(clock_()) {}

const Account* World::account_by_key(const std::string& provider, std::string_view id) const {
  if (id.empty()) return nullptr;
  for (const auto& a : accounts_) {
    auto key = a.keys.find(provider);
    if (key != a.keys.end() && key->second.id == id) return &a;
  }
  return nullptr;
}

const Account* World::account(const std::string& alias) const {
  for (const auto& a : accounts_)
    if (a.alias == alias) return &a;
  return nullptr;
}

std::map<std::string, Instance>& World::instances(const std::string& account,
                                                  const std::string& product) {
  // Found from views first (every Describe): the key's strings are built only for a new entry.
  auto it = instances_.find(std::pair<std::string_view, std::string_view>(account, product));
  if (it == instances_.end()) it = instances_.try_emplace({account, product}).first;
  for (auto& [_, inst] : it->second) settle(inst);
  return it->second;
}

Instance* World::find(const std::string& account, const std::string& product,
                      const std::string& id) {
  auto it = instances_.find(std::pair<std::string_view, std::string_view>(account, product));
  if (it == instances_.end()) return nullptr;
  auto jt = it->second.find(id);
  if (jt == it->second.end()) return nullptr;
  settle(jt->second);
  return &jt->second;
}

std::string World::random_suffix(size_t n, bool hex_only) {
  static constexpr char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) s.push_back(hex_only ? kHex[rng_() % 16] : kAlnum[rng_() % 36]);
  return s;
}

Instance& World::create(const std::string& account, const std::string& product,
                        const core::InstanceIdFormat& format, const std::string& state,
                        std::set<std::string> attributes, std::int64_t epoch) {
  auto& m = instances_[{account, product}];
  // Ids follow the catalogue's pattern: the prefix plus as many characters as it allows.
  auto compiled = patterns_.find(format.pattern);
  if (compiled == patterns_.end())
    compiled = patterns_.emplace(format.pattern, std::regex(format.pattern)).first;
  const std::regex& re = compiled->second;
  std::string id;
  for (int attempt = 0; attempt < 1000; ++attempt) {
    size_t len = format.example.size() - format.prefix.size();
    id = format.prefix + random_suffix(len, false);
    if (std::regex_match(id, re) && !m.count(id)) break;
  }
  Instance inst;
  inst.id = id;
  inst.product = product;
  inst.state = state;
  inst.attributes = std::move(attributes);
  inst.created_epoch = epoch;
  return m[id] = std::move(inst);
}

void World::begin_transition(Instance& inst, const std::string& via, const std::string& to,
                             const std::string& operation, const std::string& request_id,
                             Instance::Pending how) {
  inst.state = via;
  inst.latest_operation = operation;
  inst.latest_operation_state =
      how.succeeds_at_once && how.operation_succeeds ? "SUCCESS" : "OPERATING";
  inst.latest_operation_request_id = request_id;
  how.to = to;
  how.due = instant() + transition_;
  inst.pending = how;
  settle(inst);  // a zero transition time lands at once
}

void World::settle(Instance& inst) {
  if (!inst.pending || !inst.pending->completes || instant() < inst.pending->due) return;
  inst.state = inst.pending->to;
  if (inst.pending->operation_succeeds) inst.latest_operation_state = "SUCCESS";
  inst.pending.reset();
}

void World::reset() {
  instances_.clear();
  journal_.clear();
}

void World::start_over() {
  instances_.clear();
  pinned_.reset();
  journal_.restart(clock_());
  rng_.seed(id_seed_);
  request_count_.store(0, std::memory_order_relaxed);
}

namespace {

// SplitMix64: a bijection of its input, so distinct counters give distinct ids.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::string World::request_id() {
  const std::uint64_t n = request_count_.fetch_add(1, std::memory_order_relaxed);
  const std::uint64_t a = splitmix64(id_seed_ ^ splitmix64(n)), b = splitmix64(a ^ id_seed_);
  static constexpr char kHex[] = "0123456789abcdef";
  char h[32];
  for (int i = 0; i < 16; ++i) {
    h[i] = kHex[(a >> (60 - 4 * i)) & 0xf];
    h[16 + i] = kHex[(b >> (60 - 4 * i)) & 0xf];
  }
  // A version-4 UUID's form, 8-4-4-4-12, written in place (every request draws one).
  std::string id(36, '-');
  auto put = [&](std::size_t at, std::size_t from, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) id[at + i] = h[from + i];
  };
  put(0, 0, 8);
  put(9, 8, 4);
  id[14] = '4';
  put(15, 13, 3);
  id[19] = 'a';
  put(20, 17, 3);
  put(24, 20, 12);
  return id;
}

}  // namespace cc::emu
