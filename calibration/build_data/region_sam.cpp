// One region's SAM (see region_sam.hpp). The prior is written cell by cell with the reason
// for each value; the control totals are fixed cells and group targets of EstimateSam.
#include "calibration/build_data/region_sam.hpp"

#include <algorithm>
#include <cmath>

#include "calibration/csv.hpp"

namespace peninsula::calibration::build_data {

std::vector<AccountSpec> Accounts(const BuildConfig& c) {
  std::vector<AccountSpec> a;
  for (const auto& s : c.sectors) a.push_back({"a_" + s, "activity", s, "production of " + s});
  for (const auto& s : c.sectors) a.push_back({"c_" + s, "commodity", s, "commodity " + s});
  for (const auto& f : c.factors) a.push_back({f, "factor", f, "factor " + f});
  a.push_back({"HOH", "household", "HOH", "representative household"});
  a.push_back({"GOV", "government", "", "government"});
  a.push_back({"STAX", "tax_sales", "", "taxes on products (domestic use)"});
  a.push_back({"TARIFF", "tax_import", "", "import tariffs"});
  a.push_back({"DTAX", "tax_direct", "", "direct (income) taxes"});
  a.push_back({"SAV", "savings", "", "savings and investment"});
  a.push_back({"ROW", "rest_of_world", "", "the other regions of the database"});
  return a;
}

namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

class SamBuilder {
 public:
  SamBuilder(const BuildConfig& c, const RegionInputs& in, const TradeMatrix& t, int r,
             const RegionFlows& f)
      : c_(c), in_(in), trade_(t), r_(r), flows_(f) {
    for (const auto& a : Accounts(c)) names_.push_back(a.name);
    n_ = static_cast<int>(names_.size());
    I_ = static_cast<int>(c.sectors.size());
    prior_ = Eigen::MatrixXd::Zero(n_, n_);
    fixed_q_ = QuantaMatrix::Zero(n_, n_);
    fixed_ = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(n_, n_, false);
    why_.assign(n_, std::vector<std::string>(n_));
    targets_.row_totals.assign(n_, std::nullopt);
    targets_.column_totals.assign(n_, std::nullopt);
  }

  RegionSam Build() {
    Trade();
    Taxes();
    Production();
    Incomes();
    FinalDemand();
    RegionSam out;
    out.region = in_.name;
    Eigen::MatrixXd sam = EstimateSam(prior_, targets_, names_, &out.report);
    out.sam = QuantaMatrix::Zero(n_, n_);
    for (int i = 0; i < n_; ++i)
      for (int j = 0; j < n_; ++j)
        out.sam(i, j) = fixed_(i, j) ? fixed_q_(i, j) : ToQuanta(sam(i, j));
    BalanceExactly(out.sam, fixed_, names_, in_.name);
    out.derivation = why_;
    Controls(out);
    return out;
  }

 private:
  int A(int j) const { return j; }
  int C(int i) const { return I_ + i; }
  int Id(const std::string& name) const {
    return static_cast<int>(std::find(names_.begin(), names_.end(), name) - names_.begin());
  }

  void Fix(int i, int j, Quanta q, const std::string& why) {
    if (q == 0) return;
    fixed_(i, j) = true;
    fixed_q_(i, j) = q;
    prior_(i, j) = ToMillion(q);
    targets_.fixed_cells.push_back({i, j, ToMillion(q)});
    why_[i][j] = "fixed: " + why;
  }
  void Prior(int i, int j, double v, const std::string& why) {
    if (v == 0) return;
    prior_(i, j) = v;
    why_[i][j] = "cross-entropy estimate (prior: " + why + ")";
  }

  void Trade() {
    const std::string& R = in_.name;
    for (int i = 0; i < I_; ++i) {
      exports_.push_back(trade_.Exports(i, r_));
      imports_.push_back(trade_.Imports(i, r_));
      Fix(C(i), Id("ROW"), exports_[i], "sum of trade.csv flows " + c_.sectors[i] + " from " + R);
      Fix(Id("ROW"), C(i), imports_[i], "sum of trade.csv flows " + c_.sectors[i] + " to " + R);
      const Quanta tariff = trade_.Tariffs(i, r_);
      tariffs_ += tariff;
      Fix(Id("TARIFF"), C(i), tariff, "trade.csv imports x tariff " + in_.tariff_rate[i].ref);
      e_ += exports_[i];
      m_ += imports_[i];
    }
  }

  void Taxes() {
    const double gdp = in_.gdp.value;
    tax_ = in_.tax_share.value * gdp;
    direct_ = in_.direct_tax_share * tax_;
    stax_ = (1 - in_.direct_tax_share) * tax_ - ToMillion(tariffs_);
    if (stax_ < -1e-9 * tax_) {
      if (in_.direct_tax_share < 1)
        throw DataError(in_.name + ": tariff revenue " + FormatNumber(ToMillion(tariffs_)) +
                        " exceeds the product-tax part of revenue (" + in_.tax_share.ref + ")");
      direct_ += stax_;  // all-direct regions: tariffs come out of the direct part
    }
    stax_ = std::max(stax_, 0.0);
    const std::string tax_ref = in_.tax_share.ref + " x GDP " + in_.gdp.ref;
    direct_q_ = ToQuanta(direct_);
    stax_q_ = ToQuanta(stax_);
    Fix(Id("DTAX"), Id("HOH"), direct_q_,
        FormatNumber(in_.direct_tax_share) + " (build.toml) x tax revenue " + tax_ref);
    Fix(Id("GOV"), Id("DTAX"), direct_q_, "= direct tax (DTAX <- HOH)");
    Fix(Id("GOV"), Id("STAX"), stax_q_,
        "tax revenue " + tax_ref + " - direct tax - tariffs (product taxes)");
    Fix(Id("GOV"), Id("TARIFF"), tariffs_, "sum of tariff cells");
    va_total_ = gdp - ToMillion(stax_q_) - ToMillion(tariffs_);
  }

  void Production() {
    for (int j = 0; j < I_; ++j) {
      const double va = in_.va_share[j].value * va_total_;
      va_.push_back(va);
      const double x = va / (1 - in_.intermediate_share[j].value);
      output_.push_back(x);
      Prior(A(j), C(j), x, "VA / (1 - intermediate share " + in_.intermediate_share[j].ref + ")");
    }
    double total = 0;
    for (int i = 0; i < I_; ++i) {
      absorption_.push_back(output_[i] + ToMillion(imports_[i]) - ToMillion(exports_[i]));
      if (absorption_[i] <= 0)
        throw DataError(in_.name + ": exports of " + c_.sectors[i] + " (" +
                        FormatQuanta(exports_[i]) + ") exceed prior output plus imports");
      total += absorption_[i];
    }
    for (int j = 0; j < I_; ++j) {
      const double ii = output_[j] - va_[j];
      for (int i = 0; i < I_; ++i) {
        Prior(C(i), A(j), ii * absorption_[i] / total,
              "intermediate share " + in_.intermediate_share[j].ref + " x absorption share of " +
                  c_.sectors[i]);
      }
      SamGroupTarget g{
          "value added of " + c_.sectors[j] + " = " + FormatNumber(va_[j]), {}, va_[j]};
      for (size_t k = 0; k < c_.factors.size(); ++k) {
        const Sourced& f = in_.factor_share[j][k];
        Prior(Id(c_.factors[k]), A(j), va_[j] * f.value,
              "VA share " + in_.va_share[j].ref + " x GDP " + in_.gdp.ref + " x factor share " +
                  f.ref + "; sector VA is a control total");
        if (f.value > 0) g.cells.push_back({Id(c_.factors[k]), A(j)});
      }
      targets_.groups.push_back(std::move(g));
    }
    if (stax_ > 0)
      for (int i = 0; i < I_; ++i)
        Prior(Id("STAX"), C(i), stax_ * absorption_[i] / total,
              "product taxes x absorption share of " + c_.sectors[i]);
  }

  void Incomes() {
    const int rest = Id("ROW"), hoh = Id("HOH");
    Quanta paid = 0;
    for (const auto& [factor, amount] : flows_.paid_abroad) {
      Fix(rest, Id(factor), ToQuanta(amount.value), amount.ref);
      paid += ToQuanta(amount.value);
    }
    in_q_ = ToQuanta(flows_.income_from_abroad.value);
    Fix(hoh, rest, in_q_, flows_.income_from_abroad.ref);
    fs_ = m_ + paid - e_ - in_q_;
    Fix(Id("SAV"), rest, fs_, "imports - exports + factor income paid - received (ROW balance)");
    for (size_t k = 0; k < c_.factors.size(); ++k) {
      double income = 0;
      for (int j = 0; j < I_; ++j) income += va_[j] * in_.factor_share[j][k].value;
      if (auto it = flows_.paid_abroad.find(c_.factors[k]); it != flows_.paid_abroad.end())
        income -= ToMillion(ToQuanta(it->second.value));
      if (income < 0)
        throw DataError(in_.name + ": income paid abroad exceeds the income of " + c_.factors[k]);
      Prior(hoh, Id(c_.factors[k]), income, "factor income net of payments abroad");
      household_income_ += income;
    }
    household_income_ += ToMillion(in_q_);
  }

  void Buy(int agent, const std::vector<std::string>& goods, double total, const std::string& why) {
    double base = 0;
    for (int i = 0; i < I_; ++i)
      if (Contains(goods, c_.sectors[i])) base += absorption_[i];
    for (int i = 0; i < I_; ++i)
      if (Contains(goods, c_.sectors[i]))
        Prior(C(i), agent, total * absorption_[i] / base,
              why + " x absorption share of " + c_.sectors[i]);
  }

  void FinalDemand() {
    const double fd = in_.gdp.value - ToMillion(e_) + ToMillion(m_);
    const std::string ref = "(GDP - exports + imports) x ";
    const double c = fd * in_.consumption.value, g = fd * in_.government.value;
    Buy(Id("HOH"), c_.consumption, c, ref + "C share " + in_.consumption.ref);
    Buy(Id("GOV"), c_.government, g, ref + "G share " + in_.government.ref);
    Buy(Id("SAV"), c_.investment, fd * in_.investment.value, ref + "I share " + in_.investment.ref);
    Prior(Id("SAV"), Id("HOH"), household_income_ - c - ToMillion(direct_q_),
          "household income - consumption - direct tax");
    Prior(Id("SAV"), Id("GOV"), tax_ - g, "tax revenue - government consumption");
  }

  void Controls(RegionSam& out) const {
    auto cell = [&](int i, int j) { return ToMillion(out.sam(i, j)); };
    double gdp = cell(Id("GOV"), Id("STAX")) + cell(Id("GOV"), Id("TARIFF"));
    for (int j = 0; j < I_; ++j) {
      double va = 0;
      for (const auto& f : c_.factors) va += cell(Id(f), A(j));
      gdp += va;
      out.controls.push_back(
          {"value added " + c_.sectors[j], va_[j], va, in_.va_share[j].ref + " x GDP"});
    }
    out.controls.insert(out.controls.begin(), {"GDP", in_.gdp.value, gdp, in_.gdp.ref});
    out.controls.push_back(
        {"tax revenue", tax_,
         cell(Id("GOV"), Id("STAX")) + cell(Id("GOV"), Id("TARIFF")) + cell(Id("GOV"), Id("DTAX")),
         in_.tax_share.ref});
  }

  const BuildConfig& c_;
  const RegionInputs& in_;
  const TradeMatrix& trade_;
  int r_;
  const RegionFlows& flows_;
  std::vector<std::string> names_;
  int n_ = 0, I_ = 0;
  Eigen::MatrixXd prior_;
  QuantaMatrix fixed_q_;
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic> fixed_;
  std::vector<std::vector<std::string>> why_;
  SamTargets targets_;
  std::vector<Quanta> exports_, imports_;
  Quanta e_ = 0, m_ = 0, tariffs_ = 0, direct_q_ = 0, stax_q_ = 0, in_q_ = 0, fs_ = 0;
  double tax_ = 0, direct_ = 0, stax_ = 0, va_total_ = 0;
  double household_income_ = 0;
  std::vector<double> va_, output_, absorption_;
};

}  // namespace

RegionSam BuildRegionSam(const BuildConfig& config, const RegionInputs& in,
                         const TradeMatrix& trade, int region, const RegionFlows& flows) {
  return SamBuilder(config, in, trade, region, flows).Build();
}

}  // namespace peninsula::calibration::build_data
