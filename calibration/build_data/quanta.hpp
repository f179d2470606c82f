// Fixed-point numbers for the generated database. Every value is written as a whole number
// of US$ (1e-6 US$ million), so a rebuild prints the same bytes and a SAM that balances in
// integers balances exactly as printed. Estimated cells are first rounded to 9 significant
// digits, so last-bit differences of the optimiser cannot reach the printed value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace peninsula::calibration::build_data {

using Quanta = std::int64_t;
using QuantaMatrix = Eigen::Matrix<Quanta, Eigen::Dynamic, Eigen::Dynamic>;

inline constexpr double kQuantaPerMillion = 1e6;

// US$ million -> quanta, rounding to 9 significant digits first.
Quanta ToQuanta(double million);
double ToMillion(Quanta q);
// Exact decimal of q in units of 10^digits US$ (6: US$ million, 9: US$ billion), without
// trailing zeros: "1452.22", "-3.5", "0".
std::string FormatQuanta(Quanta q, int digits = 6);
// %.12g
std::string FormatNumber(double v);
// %.17g: round-trips a double exactly (tariff rates that must reproduce revenue exactly).
std::string FormatExact(double v);

// Makes every account of `sam` balance exactly (row total = column total) by moving the
// rounding residue along a maximum spanning tree of the cells not marked fixed. Throws
// DataError (naming `region`) if an account with only fixed cells is out of balance or an
// adjustment would flip a cell's sign.
void BalanceExactly(QuantaMatrix& sam,
                    const Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>& fixed,
                    const std::vector<std::string>& names, const std::string& region);

}  // namespace peninsula::calibration::build_data
