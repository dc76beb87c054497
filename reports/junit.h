#pragma once
// junit.xml: one <testcase classname="<Api>" name="<Behaviour>"> per case, grouped in one
// <testsuite> per API, in the elements CI systems read: fail and unexpected_pass as <failure>
// (a deviation too, as <failure type="deviation">, under the SHOULD gate; under the MUST gate a
// passing testcase with the deviation in its properties and <system-out>), harness_error as
// <error>, not_supported, inconclusive and expected_fail as <skipped> (as pytest reports an
// xfail), observations in <system-out>. Each <testsuite> states the gate in a property. A run
// compared with a snapshot adds <testsuite name="Differential">: one testcase
// Differential.<case id> per case that differs from the recorded target — a <failure
// type="differential"> under --gate differential, otherwise passing with the differences in its
// <system-out>.
#include <nlohmann/json.hpp>

#include <string>

#include "reports/results_view.h"

namespace cc::reports {

std::string render_junit(const Results& results);
std::string render_junit(const nlohmann::json& results);  // read (results_view.h), then rendered

}  // namespace cc::reports
