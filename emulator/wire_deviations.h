#pragma once
// Deviations that live on the wire rather than in behaviour: they rewrite an answer after the
// front end rendered it (a repeated RequestId, an error envelope missing its parts, unknown
// requests answered as internal errors). Where the parts are comes from the catalogue: the
// provider's common errors (their envelope's pointers and codes).
#include "emulator/deviations.h"
#include "emulator/http_server.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

void apply_wire_deviations(const Deviations& deviations, const core::CommonErrors& common,
                           HttpResponseOut& out);

}  // namespace cc::emu
