// Step 2 for a zone region (ADR 0005): its SAM is written down, not estimated. A processing
// zone buys its materials abroad (its imports), adds labour and capital, and sells its whole
// output abroad (its exports); the trade matrix fixes both, the wage bill splits value added,
// and every factor payment leaves the zone — labour income to the parent's household, capital
// income to the partner's — so the zone has no final demand of its own.
#pragma once

#include "calibration/build_data/inputs.hpp"
#include "calibration/build_data/region_sam.hpp"
#include "calibration/build_data/trade_matrix.hpp"

namespace peninsula::calibration::build_data {

struct ZoneIncome {
  Quanta labour = 0, capital = 0;  // paid abroad: to the parent and to the partner
};

// Throws DataError if a sector's exports do not exceed its materials, or the wage bill does
// not fit inside value added.
RegionSam BuildZoneSam(const BuildConfig& config, const ZoneRegion& zone, const TradeMatrix& trade,
                       int region, const Sourced& wage_bill, ZoneIncome* income);

}  // namespace peninsula::calibration::build_data
