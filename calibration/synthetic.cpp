// Synthetic databases, balanced by construction (docs/data-format.md, "Synthetic data").
//
// Production, trade and taxes are drawn first; final demand per commodity is then what
// absorption leaves after intermediate use; agents' totals follow the income accounts and
// the commodity-by-agent split is balanced to both margins (RAS), so every SAM account
// balances up to rounding in the last digit printed.
#include "calibration/synthetic.hpp"

#include <Eigen/Dense>
#include <cmath>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace peninsula::calibration {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  double operator()(double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng_);
  }

 private:
  std::mt19937_64 rng_;
};

struct Names {
  std::vector<std::string> regions, sectors, factors, households;
};

// Built by appending: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string.
std::string Label(const char* prefix, int k) {
  std::string label(prefix);
  label += std::to_string(k);
  return label;
}

Names MakeNames(const SyntheticSpec& s) {
  Names n;
  for (int r = 0; r < s.regions; ++r) n.regions.push_back(Label("R", r + 1));
  for (int i = 0; i < s.sectors; ++i) n.sectors.push_back(Label("S", i + 1));
  for (int f = 0; f < s.factors; ++f) n.factors.push_back(Label("F", f + 1));
  for (int h = 0; h < s.households; ++h) n.households.push_back(Label("H", h + 1));
  return n;
}

// Scales rows and columns of a positive seed until its margins match (RAS).
MatrixXd Ras(MatrixXd m, const VectorXd& rows, const VectorXd& cols) {
  for (int it = 0; it < 5000; ++it) {
    VectorXd rs = m.rowwise().sum();
    for (int i = 0; i < m.rows(); ++i) m.row(i) *= rows[i] / rs[i];
    VectorXd cs = m.colwise().sum();
    for (int j = 0; j < m.cols(); ++j) m.col(j) *= cols[j] / cs[j];
    if ((m.rowwise().sum() - rows).cwiseAbs().maxCoeff() < 1e-13 * rows.sum()) break;
  }
  return m;
}

struct RegionFlows {
  MatrixXd intermediate;  // (i, j)
  MatrixXd factor;        // (f, j)
  VectorXd ptax, output, exports_producer, stax, tariffs, etax, imports, exports_fob;
  MatrixXd final_demand;  // (i, agent): households..., government, investment
  VectorXd dtax, household_saving, from_government, hhin, fabr, ftax;
  MatrixXd factor_to_household;  // (f, h) net factor income paid to each household
  double gov_saving = 0, fsav = 0;
  double owned_out = 0,
         owned_in = 0;  // first factor's income paid abroad / first household's receipts
};

struct World {
  std::vector<RegionFlows> regions;
  // trade[i](s, d): value at world prices; rates per flow
  std::vector<MatrixXd> trade, tariff, export_tax;
};

void DrawProduction(const SyntheticSpec& s, Draw& draw, RegionFlows& f, double scale) {
  int I = s.sectors, F = s.factors;
  f.output = VectorXd(I);
  f.intermediate = MatrixXd(I, I);
  f.factor = MatrixXd(F, I);
  f.ptax = VectorXd(I);
  f.exports_producer = VectorXd(I);
  for (int j = 0; j < I; ++j) {
    f.output[j] = scale * draw(80, 120);
    double tp = draw(0.0, 0.08);
    double cost = f.output[j] / (1 + tp);
    f.ptax[j] = f.output[j] - cost;
    double int_share = draw(0.15, 0.35);
    VectorXd w(I);
    for (int i = 0; i < I; ++i) w[i] = draw(0.2, 1.0);
    f.intermediate.col(j) = w / w.sum() * int_share * cost;
    VectorXd v(F);
    for (int k = 0; k < F; ++k) v[k] = draw(0.3, 1.0);
    f.factor.col(j) = v / v.sum() * (1 - int_share) * cost;
    f.exports_producer[j] = draw(0.1, 0.35) * f.output[j];
  }
}

void DrawTrade(const SyntheticSpec& s, Draw& draw, World& w) {
  int R = s.regions, I = s.sectors;
  w.trade.assign(I, MatrixXd::Zero(R, R));
  w.tariff.assign(I, MatrixXd::Zero(R, R));
  w.export_tax.assign(I, MatrixXd::Zero(R, R));
  for (int i = 0; i < I; ++i) {
    for (int src = 0; src < R; ++src) {
      VectorXd weight = VectorXd::Zero(R);
      for (int d = 0; d < R; ++d) weight[d] = d == src ? 0.0 : draw(0.2, 1.0);
      if (s.latent && i == 0 && src == 0) weight[1] = 0.0;  // the latent flow
      for (int d = 0; d < R; ++d) {
        if (d == src || weight[d] == 0.0) continue;
        double te = draw(0.0, 0.05), tm = draw(0.0, 0.15);
        double producer = w.regions[src].exports_producer[i] * weight[d] / weight.sum();
        w.trade[i](src, d) = producer * (1 + te);
        w.tariff[i](src, d) = tm;
        w.export_tax[i](src, d) = te;
      }
    }
  }
  for (int r = 0; r < R; ++r) {
    RegionFlows& f = w.regions[r];
    f.imports = f.tariffs = f.etax = f.exports_fob = VectorXd::Zero(I);
    for (int i = 0; i < I; ++i) {
      for (int o = 0; o < R; ++o) {
        f.imports[i] += w.trade[i](o, r);
        f.tariffs[i] += w.trade[i](o, r) * w.tariff[i](o, r);
        f.exports_fob[i] += w.trade[i](r, o);
        f.etax[i] += w.trade[i](r, o) * w.export_tax[i](r, o) / (1 + w.export_tax[i](r, o));
      }
    }
  }
}

void DrawSmallOpenTrade(const SyntheticSpec& s, Draw& draw, RegionFlows& f) {
  int I = s.sectors;
  f.imports = f.tariffs = f.etax = f.exports_fob = VectorXd::Zero(I);
  for (int i = 0; i < I; ++i) {
    double te = draw(0.0, 0.05), tm = draw(0.0, 0.15);
    f.exports_fob[i] = f.exports_producer[i] * (1 + te);
    f.etax[i] = f.exports_fob[i] - f.exports_producer[i];
    f.imports[i] = draw(0.1, 0.3) * f.output[i];
    f.tariffs[i] = tm * f.imports[i];
  }
}

// Final demand per commodity and its split across agents, then every income account.
void CloseRegion(const SyntheticSpec& s, Draw& draw, RegionFlows& f, bool small_open) {
  int I = s.sectors, F = s.factors, H = s.households;
  f.stax = VectorXd(I);
  VectorXd final_total(I);
  for (int i = 0; i < I; ++i) {
    double basic = f.output[i] - f.exports_producer[i] + f.imports[i] + f.tariffs[i];
    f.stax[i] = draw(0.0, 0.1) * basic;
    final_total[i] = basic + f.stax[i] - f.intermediate.row(i).sum();
    if (final_total[i] <= 0.2 * basic)
      throw std::logic_error("synthetic draw left too little final demand");
  }
  f.ftax = VectorXd::Zero(F);
  f.fabr = VectorXd::Zero(F);
  for (int k = 0; k < F; ++k) {
    double income = f.factor.row(k).sum();
    f.ftax[k] = draw(0.0, 0.05) * income;
    if (small_open && k == 0) f.fabr[k] = draw(0.0, 0.05) * income;
    if (k == 0) f.fabr[k] += f.owned_out;
  }
  VectorXd factor_net = f.factor.rowwise().sum() - f.ftax - f.fabr;
  f.hhin = VectorXd::Zero(H);
  if (small_open) f.hhin[0] = draw(0.5, 2.0);
  f.hhin[0] += f.owned_in;
  // Household income before transfers: factor shares drawn per household.
  MatrixXd shares(F, H);
  for (int k = 0; k < F; ++k) {
    for (int h = 0; h < H; ++h) shares(k, h) = draw(0.2, 1.0);
    shares.row(k) /= shares.row(k).sum();
  }
  f.factor_to_household = shares.array().colwise() * factor_net.array();
  VectorXd primary = shares.transpose() * factor_net + f.hhin;
  VectorXd td_rate(H);
  for (int h = 0; h < H; ++h) td_rate[h] = draw(0.05, 0.15);
  double indirect = f.ptax.sum() + f.stax.sum() + f.tariffs.sum() + f.etax.sum() + f.ftax.sum();
  // Transfers are a share of revenue, and direct tax is on income including them.
  double tr_share = draw(0.05, 0.15);
  VectorXd tr_weight(H);
  for (int h = 0; h < H; ++h) tr_weight[h] = draw(0.2, 1.0);
  tr_weight /= tr_weight.sum();
  double a = 0, b = 0;  // revenue T = indirect + Σ td·(primary + tr_share·T·w)
  for (int h = 0; h < H; ++h) {
    a += td_rate[h] * primary[h];
    b += td_rate[h] * tr_share * tr_weight[h];
  }
  double revenue = (indirect + a) / (1 - b);
  f.from_government = tr_share * revenue * tr_weight;
  VectorXd income = primary + f.from_government;
  f.dtax = td_rate.cwiseProduct(income);
  f.gov_saving = draw(-0.05, 0.1) * revenue;
  double gov_spend = revenue - f.gov_saving - f.from_government.sum();
  f.fsav = f.imports.sum() + f.fabr.sum() - f.exports_fob.sum() - f.hhin.sum();
  VectorXd disposable = income - f.dtax, consumption(H);
  for (int h = 0; h < H; ++h) consumption[h] = draw(0.7, 0.85) * disposable[h];
  // Investment is what savings leave; keep it at least a tenth of final demand by consuming less.
  double min_investment = 0.1 * final_total.sum();
  double investment = (disposable - consumption).sum() + f.gov_saving + f.fsav;
  if (investment < min_investment) {
    double total = disposable.sum() - (min_investment - f.gov_saving - f.fsav);
    consumption = disposable / disposable.sum() * total;
    investment = min_investment;
  }
  f.household_saving = disposable - consumption;
  VectorXd agent_total(H + 2);
  agent_total << consumption, gov_spend, investment;
  if ((agent_total.array() <= 0).any())
    throw std::logic_error("synthetic draw gave a non-positive agent total");
  MatrixXd seed(I, H + 2);
  for (int i = 0; i < I; ++i)
    for (int g = 0; g < H + 2; ++g) seed(i, g) = draw(0.2, 1.0);
  f.final_demand = Ras(seed, final_total, agent_total);
}

std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

void WriteFiles(const std::filesystem::path& dir, const SyntheticSpec& s, const Names& n,
                const World& w) {
  std::filesystem::create_directories(dir);
  std::ofstream regions(dir / "regions.csv"), accounts(dir / "accounts.csv"),
      factors(dir / "factors.csv"), sam(dir / "sam.csv"), elast(dir / "elasticities.csv"),
      readme(dir / "README.md");
  regions << "region,description\n";
  for (const auto& r : n.regions) regions << r << ",synthetic region\n";
  accounts << "account,kind,label,description\n";
  for (const auto& i : n.sectors)
    accounts << "a_" << i << ",activity," << i << ",\nc_" << i << ",commodity," << i << ",\n";
  for (const auto& f : n.factors) accounts << f << ",factor," << f << ",\n";
  for (const auto& h : n.households) accounts << h << ",household," << h << ",\n";
  accounts << "GOV,government,,\nPTAX,tax_production,,\nSTAX,tax_sales,,\nTARIFF,tax_import,,\n"
              "ETAX,tax_export,,\nDTAX,tax_direct,,\nFTAX,tax_factor,,\nSAV,savings,,\nROW,rest_of_"
              "world,,\n";
  factors << "factor,mobility\n";
  for (int k = 0; k < s.factors; ++k) {
    factors << n.factors[k] << "," << (s.factors >= 3 && k == s.factors - 1 ? "specific" : "mobile")
            << "\n";
  }
  sam << "region,row,column,value\n";
  for (int r = 0; r < s.regions; ++r) {
    const RegionFlows& f = w.regions[r];
    auto cell = [&](const std::string& row, const std::string& col, double v) {
      if (v != 0.0) sam << n.regions[r] << "," << row << "," << col << "," << Num(v) << "\n";
    };
    for (int j = 0; j < s.sectors; ++j) {
      std::string a = "a_" + n.sectors[j], c = "c_" + n.sectors[j];
      for (int i = 0; i < s.sectors; ++i) cell("c_" + n.sectors[i], a, f.intermediate(i, j));
      for (int k = 0; k < s.factors; ++k) cell(n.factors[k], a, f.factor(k, j));
      cell("PTAX", a, f.ptax[j]);
      cell(a, c, f.output[j]);
      cell("ROW", c, f.imports[j]);
      cell("TARIFF", c, f.tariffs[j]);
      cell("ETAX", c, f.etax[j]);
      cell("STAX", c, f.stax[j]);
      cell(c, "ROW", f.exports_fob[j]);
      for (int h = 0; h < s.households; ++h) cell(c, n.households[h], f.final_demand(j, h));
      cell(c, "GOV", f.final_demand(j, s.households));
      cell(c, "SAV", f.final_demand(j, s.households + 1));
    }
    // Factor income net of tax and payments abroad goes to households by drawn shares.
    for (int k = 0; k < s.factors; ++k) {
      cell("FTAX", n.factors[k], f.ftax[k]);
      cell("ROW", n.factors[k], f.fabr[k]);
      for (int h = 0; h < s.households; ++h)
        cell(n.households[h], n.factors[k], f.factor_to_household(k, h));
    }
    for (int h = 0; h < s.households; ++h) {
      cell("DTAX", n.households[h], f.dtax[h]);
      cell("SAV", n.households[h], f.household_saving[h]);
      cell(n.households[h], "GOV", f.from_government[h]);
      cell(n.households[h], "ROW", f.hhin[h]);
    }
    for (const char* tax : {"PTAX", "STAX", "TARIFF", "ETAX", "DTAX", "FTAX"}) {
      double total = 0;
      std::string t = tax;
      if (t == "PTAX") total = f.ptax.sum();
      if (t == "STAX") total = f.stax.sum();
      if (t == "TARIFF") total = f.tariffs.sum();
      if (t == "ETAX") total = f.etax.sum();
      if (t == "DTAX") total = f.dtax.sum();
      if (t == "FTAX") total = f.ftax.sum();
      cell("GOV", tax, total);
    }
    cell("SAV", "GOV", f.gov_saving);
    cell("SAV", "ROW", f.fsav);
  }
  elast << "region,sector,parameter,value,source\n";
  Draw e(s.seed * 7919 + 17);
  int cd_sectors = static_cast<int>(std::round(s.cobb_douglas_share * s.sectors));
  for (int i = 0; i < s.sectors; ++i) {
    const std::string& name = n.sectors[i];
    elast << "*," << name << ",sigma_va," << (i < cd_sectors ? 1.0 : e(0.4, 1.4)) << ",synthetic\n";
    double sd = e(1.5, 3.5);
    elast << "*," << name << ",sigma_d," << sd << ",synthetic\n";
    elast << "*," << name << ",sigma_m," << 2 * sd << ",synthetic\n";
    bool cet = s.cet || s.regions == 1;
    elast << "*," << name << ",omega," << (cet ? Num(e(1.5, 4.0)) : std::string("inf"))
          << ",synthetic\n";
  }
  readme << "# Synthetic database (estimate: random, seeded)\n\nGenerated by peninsula's synthetic "
            "generator with seed "
         << s.seed << ": " << s.regions << " regions, " << s.sectors << " sectors, " << s.factors
         << " factors, " << s.households
         << " households. Every number is drawn at random and balanced by construction; none is "
            "data about any economy.\n";
}

void WriteTrade(const std::filesystem::path& dir, const SyntheticSpec& s, const Names& n,
                const World& w) {
  std::ofstream trade(dir / "trade.csv");
  trade << "commodity,exporter,importer,value,tariff_rate,export_tax_rate\n";
  for (int i = 0; i < s.sectors; ++i)
    for (int a = 0; a < s.regions; ++a)
      for (int b = 0; b < s.regions; ++b)
        if (w.trade[i](a, b) > 0) {
          trade << n.sectors[i] << "," << n.regions[a] << "," << n.regions[b] << ","
                << Num(w.trade[i](a, b)) << "," << Num(w.tariff[i](a, b)) << ","
                << Num(w.export_tax[i](a, b)) << "\n";
        }
}

}  // namespace

void SyntheticSpec::Validate() const {
  if (regions < 1 || sectors < 1 || factors < 1 || households < 1) {
    throw std::invalid_argument(
        "synthetic database needs at least one region, sector, factor and household");
  }
  // The latent flow's importer must still import the good from a third region.
  if (latent && regions < 3) {
    throw std::invalid_argument("a synthetic latent flow needs at least three regions");
  }
}

void WriteSyntheticDatabase(const std::filesystem::path& directory, const SyntheticSpec& spec) {
  spec.Validate();
  Draw draw(spec.seed);
  Names names = MakeNames(spec);
  World world;
  world.regions.resize(spec.regions);
  for (int r = 0; r < spec.regions; ++r)
    DrawProduction(spec, draw, world.regions[r], draw(0.5, 3.0));
  if (spec.regions == 1) {
    DrawSmallOpenTrade(spec, draw, world.regions[0]);
  } else {
    DrawTrade(spec, draw, world);
  }
  if (spec.ownership && spec.regions > 1) {
    // A fifth of the first factor's income in the first region goes to the second region.
    double owned = 0.2 * world.regions[0].factor.row(0).sum();
    world.regions[0].owned_out = owned;
    world.regions[1].owned_in = owned;
  }
  for (int r = 0; r < spec.regions; ++r)
    CloseRegion(spec, draw, world.regions[r], spec.regions == 1);
  WriteFiles(directory, spec, names, world);
  if (spec.latent && spec.regions > 1) {
    // Reference value: a fifth of what the second region imports of the first sector.
    std::ofstream latent(directory / "latent_trade.csv");
    latent << "commodity,exporter,importer,value,tariff_rate,export_tax_rate,source\n"
           << names.sectors[0] << "," << names.regions[0] << "," << names.regions[1] << ","
           << Num(0.2 * world.regions[1].imports[0]) << ",0.05,0,synthetic: latent flow\n";
    std::ofstream elast(directory / "elasticities.csv", std::ios::app);
    elast << names.regions[1] << "," << names.sectors[0] << ",sigma_m,4,synthetic: latent market\n";
  } else {
    std::filesystem::remove(directory / "latent_trade.csv");
  }
  if (spec.ownership && spec.regions > 1) {
    std::ofstream own(directory / "ownership.csv");
    own << "region,factor,owner,household,value,source\n"
        << names.regions[0] << "," << names.factors[0] << "," << names.regions[1] << ","
        << names.households[0] << "," << Num(0.75 * world.regions[0].owned_out)
        << ",synthetic: three quarters of the income paid abroad\n";
  } else {
    std::filesystem::remove(directory / "ownership.csv");
  }
  if (spec.entry && spec.regions > 1) {
    std::ofstream entry(directory / "entry.csv");
    entry << "region,sector,donor,source\n"
          << names.regions[1] << "," << names.sectors[0] << "," << names.regions[0]
          << ",synthetic: the first region's technology\n";
  } else {
    std::filesystem::remove(directory / "entry.csv");
  }
  if (spec.regions > 1) {
    WriteTrade(directory, spec, names, world);
  } else {
    std::filesystem::remove(directory / "trade.csv");  // a stale one would contradict one region
  }
}

}  // namespace peninsula::calibration
