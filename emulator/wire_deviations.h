#pragma once
// Deviations that live on the wire rather than in behaviour: they rewrite an answer after the
// front end rendered it (a repeated RequestId, an error envelope missing its parts, unknown
// requests answered as internal errors).
#include "emulator/deviations.h"
#include "emulator/http_server.h"

namespace cc::emu {

void apply_wire_deviations(const Deviations& deviations, const std::string& provider,
                           HttpResponseOut& out);

}  // namespace cc::emu
