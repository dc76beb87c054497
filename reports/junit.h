#pragma once
// junit.xml: one <testcase classname="<Api>" name="<Behaviour>"> per case, grouped in one
// <testsuite> per API, in the elements CI systems read: fail and unexpected_pass as <failure>,
// harness_error as <error>, not_supported and expected_fail as <skipped> (as pytest reports an
// xfail), observations in <system-out>.
#include <nlohmann/json.hpp>

#include <string>

namespace cc::reports {

std::string render_junit(const nlohmann::json& results);

}  // namespace cc::reports
