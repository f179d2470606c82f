// Turns the completed draws of a batch into the plain arrays of io::BatchResults: design
// points recomputed from (seed, index), statuses, failure reasons, outcomes, statistics.
#pragma once

#include <map>

#include "app/batch/record.hpp"
#include "app/batch/setup.hpp"
#include "io/batch_store.hpp"

namespace peninsula::app::batch {

// Every draw index 0..N−1 must be in `results`.
io::BatchResults Assemble(const BatchSetup& setup, const std::map<long long, DrawResult>& results);

}  // namespace peninsula::app::batch
