#pragma once
// Variations that live on the wire (emulator/variations.h): they rewrite an answer after the
// front end and the wire deviations rendered it, or tell the server how to frame it. Every
// rewrite keeps what the documents promise — the envelope, the codes, the ids, the values.
#include "emulator/http_server.h"
#include "emulator/variations.h"
#include "harness/core/catalogue.h"

namespace cc::emu {

// `api` is the API the answer belongs to, or null when the request named none; `envelope` the
// answering provider's (the catalogue's common errors).
void apply_wire_variations(const Variations& variations, const core::Api* api,
                           const core::Envelope& envelope, HttpResponseOut& out);

}  // namespace cc::emu
