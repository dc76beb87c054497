#pragma once
// The bodies of the property cases (one file each).
#include "suites/case.h"

namespace cc::suites::properties {

void generated_batches_agree_with_the_model(Case& c);
void command_sequences_agree_with_the_model(Case& c);
void signed_parameters_are_accepted(Case& c);
void a_changed_byte_breaks_the_signature(Case& c);

}  // namespace cc::suites::properties
