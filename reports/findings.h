#pragma once
// The results file's `findings`: where a document and a recording of the real service disagree.
// Both stand; the report names the disagreement ("the document says … / the real service was
// seen …"), never as a failure of the target. They are read with the file (results_view.h:
// Results::findings).
#include <string>

#include "reports/results_view.h"

namespace cc::reports {

// "Documents and the real service disagree (N):" and one block per finding; empty when none.
std::string findings_text(const Results& results);

}  // namespace cc::reports
