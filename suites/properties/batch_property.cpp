// GeneratedBatchesAgreeWithTheModel: any batch the documents speak about — sizes 0 to 120,
// instances in any state or locked, ids that name nothing, malformed ids, duplicates, valid and
// invalid parameters — gets an answer the model allows, and the instances change exactly as
// that answer says (nothing at all on an error).
#include "suites/properties/bodies.h"

#include "suites/properties/budget.h"
#include "suites/properties/generators.h"
#include "suites/properties/stage.h"

namespace cc::suites::properties {

void generated_batches_agree_with_the_model(Case& c) {
  const core::Api& api = c.api();
  if (!c.target().has_control_plane())
    throw NotSupported("the target has no control plane to arrange the generated instances");
  PropertyStage stage(c.target(), std::nullopt);
  PropertyHarness h(c, budget(40, 8));
  const BatchSpace space(api);
  const auto wait_bound = c.target().config().settle_timeout;
  h.check(
      [&] {
        const BatchCase bc = *space.cases();
        if (h.skip_case()) return;
        const Scenario s = space.scenario(bc);
        ScenarioRunner runner(c.catalogue(), c.target(),
                              h.runner_options(stage.unpaced(), wait_bound));
        const std::optional<StepResult> result = h.run(runner, s);
        if (!result) return;
        const StepResult& r = *result;
        RC_TAG(size_class(space.size_of(bc)), "outcome " + r.outcome_class);
        if (!r.agrees) {
          h.failed(s, r);
          RC_FAIL(r.message);
        }
      },
      stage.settings());
}

}  // namespace cc::suites::properties
