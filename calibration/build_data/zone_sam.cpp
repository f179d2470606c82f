// A zone region's SAM (see zone_sam.hpp).
#include "calibration/build_data/zone_sam.hpp"

#include <algorithm>
#include <cmath>

#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {
namespace {

class ZoneSamWriter {
 public:
  ZoneSamWriter(const BuildConfig& c, const ZoneRegion& z, const TradeMatrix& t, int r)
      : c_(c), z_(z), trade_(t), r_(r), I_(static_cast<int>(c.sectors.size())) {
    for (const auto& a : Accounts(c)) names_.push_back(a.name);
    const int n = static_cast<int>(names_.size());
    out_.region = z.name;
    out_.sam = QuantaMatrix::Zero(n, n);
    out_.derivation.assign(n, std::vector<std::string>(n));
  }

  RegionSam Write(const Sourced& wage_bill, ZoneIncome* income) {
    std::vector<Quanta> value_added(I_);
    Quanta total = 0;
    for (int j = 0; j < I_; ++j) {
      const Quanta sales = trade_.Exports(j, r_), materials = trade_.Imports(j, r_);
      if (sales == 0 && materials == 0) continue;
      if (sales <= materials)
        Fail("exports of " + c_.sectors[j] + " (" + FormatQuanta(sales) +
             ") do not exceed its materials (" + FormatQuanta(materials) +
             "), so it has no value added (expected a processing margin)");
      Trade(j, sales, materials);
      value_added[j] = sales - materials;
      total += value_added[j];
    }
    const Quanta wages = ToQuanta(wage_bill.value);
    if (!(wages > 0 && wages < total))
      Fail("wage bill " + FormatQuanta(wages) + " (" + wage_bill.ref +
           ") must be positive and below value added " + FormatQuanta(total));
    ValueAdded(value_added, total, wages, wage_bill.ref);
    Controls(total, wages, wage_bill);
    *income = {wages, total - wages};
    return std::move(out_);
  }

 private:
  int Id(const std::string& name) const {
    return static_cast<int>(std::find(names_.begin(), names_.end(), name) - names_.begin());
  }
  void Set(const std::string& row, const std::string& column, Quanta q, const std::string& why) {
    out_.sam(Id(row), Id(column)) += q;
    out_.derivation[Id(row)][Id(column)] = "zone: " + why;
  }
  [[noreturn]] void Fail(const std::string& message) const {
    throw DataError(z_.origin + ": zone region " + z_.name + ": " + message);
  }

  // Own-sector processing: the materials of sector j are the commodity j it imports.
  void Trade(int j, Quanta sales, Quanta materials) {
    const std::string& x = c_.sectors[j];
    const std::string flows = "trade.csv flows " + x + " ";
    Set("c_" + x, "ROW", sales, "exports = " + flows + "from " + z_.name);
    Set("a_" + x, "c_" + x, sales, "output = exports (all output is exported)");
    Set("ROW", "c_" + x, materials, "imports = " + flows + "to " + z_.name);
    Set("c_" + x, "a_" + x, materials, "materials = imports of " + x + " (processing)");
  }

  // Wages split over sectors in proportion to value added (cumulative rounding, so the parts
  // add up to the wage bill exactly); capital takes the rest of each sector's value added.
  void ValueAdded(const std::vector<Quanta>& va, Quanta total, Quanta wages,
                  const std::string& ref) {
    Quanta seen = 0, assigned = 0;
    for (int j = 0; j < I_; ++j) {
      if (va[j] == 0) continue;
      seen += va[j];
      const Quanta upto = std::llround(static_cast<double>(wages) * static_cast<double>(seen) /
                                       static_cast<double>(total));
      const Quanta w = upto - assigned;
      assigned = upto;
      const std::string& x = c_.sectors[j];
      Set(z_.labour, "a_" + x, w, "wage bill " + ref + " x value-added share of " + x);
      Set(z_.capital, "a_" + x, va[j] - w, "value added (exports - materials) - wages");
    }
    Set("ROW", z_.labour, wages,
        "labour income to the household of " + z_.parent + " (ownership.csv)");
    Set("ROW", z_.capital, total - wages,
        "capital income to the household of " + z_.partner + " (ownership.csv)");
  }

  void Controls(Quanta total, Quanta wages, const Sourced& wage_bill) {
    out_.controls.push_back({"GDP", ToMillion(total), ToMillion(total),
                             "exports - materials of " + z_.name + " (trade.csv)"});
    out_.controls.push_back({"wage bill", wage_bill.value, ToMillion(wages), wage_bill.ref});
  }

  const BuildConfig& c_;
  const ZoneRegion& z_;
  const TradeMatrix& trade_;
  int r_, I_;
  std::vector<std::string> names_;
  RegionSam out_;
};

}  // namespace

RegionSam BuildZoneSam(const BuildConfig& config, const ZoneRegion& zone, const TradeMatrix& trade,
                       int region, const Sourced& wage_bill, ZoneIncome* income) {
  return ZoneSamWriter(config, zone, trade, region).Write(wage_bill, income);
}

}  // namespace peninsula::calibration::build_data
