#pragma once
// A Tencent CVM instance record as the real service renders it in DescribeInstances: the 40
// fields of the recording (../shared/reference/observed/tencent-cvm-2022-09.json, O9) with their
// recorded types, and values made up per instance — stable for an id, plausible, never real.
// A client that reads only the fields the documents name must cope with the rest.
#include <nlohmann/json.hpp>

#include "emulator/world.h"

namespace cc::emu {

// StopChargingMode as the real CVM reports it (O3): NOT_APPLICABLE unless STOPPED (also while
// STOPPING); once STOPPED, STOP_CHARGING after a stop that asked for it, else KEEP_CHARGING.
std::string cvm_stop_charging_mode(const Instance& instance);

// The whole record; the latest operation is null on an instance never operated on (O5).
nlohmann::json cvm_instance_record(const Instance& instance);

}  // namespace cc::emu
