#include "harness/provider/provider.h"

#include "harness/provider/alibaba.h"
#include "harness/provider/tencent.h"

namespace cc::provider {

Registry::Registry(std::vector<std::shared_ptr<const Provider>> modules)
    : modules_(std::move(modules)) {}

const Provider* Registry::find(std::string_view name) const {
  for (const auto& m : modules_)
    if (m->name() == name) return m.get();
  return nullptr;
}

const Provider& Registry::at(std::string_view name) const {
  if (const Provider* p = find(name)) return *p;
  throw core::DataError("[provider.unknown] no provider module \"" + std::string(name) +
                        "\" (known: " + names() + ")");
}

std::vector<const Provider*> Registry::all() const {
  std::vector<const Provider*> out;
  for (const auto& m : modules_) out.push_back(m.get());
  return out;
}

std::string Registry::names() const {
  std::string out;
  for (const auto& m : modules_) out += (out.empty() ? "" : ", ") + m->name();
  return out;
}

const Registry& builtin() {
  // Immutable once built: a constant table, not shared mutable state.
  static const Registry modules(
      {std::make_shared<const Tencent>(), std::make_shared<const Alibaba>()});
  return modules;
}

}  // namespace cc::provider
