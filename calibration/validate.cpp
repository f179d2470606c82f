// Consistency checks on a database that parsed: SAM balance per account, trade file against
// the SAMs, and the world closure of non-trade foreign flows.
#include <cmath>
#include <functional>
#include <map>
#include <sstream>

#include "calibration/csv.hpp"
#include "calibration/database.hpp"

namespace peninsula::calibration {
namespace {

bool Close(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

class Problems {
 public:
  void Add(const std::string& message) {
    if (count_ < kMaxListed) out_ << "\n  " << message;
    ++count_;
  }
  void ThrowIfAny(const std::string& what) const {
    if (count_ == 0) return;
    std::string more =
        count_ > kMaxListed ? "\n  ... and " + std::to_string(count_ - kMaxListed) + " more" : "";
    throw DataError(what + " (" + std::to_string(count_) + " problems):" + out_.str() + more);
  }

 private:
  static constexpr int kMaxListed = 25;
  std::ostringstream out_;
  int count_ = 0;
};

std::string Fmt(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

void CheckBalance(const Database& db, double tol, Problems& problems) {
  std::string sam = (db.directory / "sam.csv").string();
  for (std::size_t r = 0; r < db.regions.size(); ++r) {
    const auto& m = db.sam[r];
    for (int a = 0; a < m.rows(); ++a) {
      double in = m.row(a).sum(), out = m.col(a).sum();
      if (!Close(in, out, tol)) {
        problems.Add(sam + ": region " + db.regions[r] + ", account " + db.accounts[a].name +
                     ": row total " + Fmt(in) + " != column total " + Fmt(out) + " (imbalance " +
                     Fmt(in - out) + ")");
      }
    }
  }
  for (std::size_t a = 0; a < db.accounts.size(); ++a) {
    bool used = false;
    for (const auto& m : db.sam)
      used = used || m.row(a).cwiseAbs().sum() > 0 || m.col(a).cwiseAbs().sum() > 0;
    if (!used) {
      problems.Add(sam + ": account " + db.accounts[a].name +
                   " is empty in every region (expected some flow, or remove the account)");
    }
  }
}

double SumCells(const Database& db, int r, const std::vector<int>& rows, int col) {
  double s = 0;
  for (int a : rows) s += db.sam[r](a, col);
  return s;
}

void CheckTrade(const Database& db, double tol, Problems& problems) {
  if (db.small_open()) return;
  int row = db.AccountsOfKind(AccountKind::kRestOfWorld).empty()
                ? -1
                : db.AccountsOfKind(AccountKind::kRestOfWorld)[0];
  if (row < 0) {
    problems.Add("accounts.csv: a multi-region database needs a rest_of_world account for trade");
    return;
  }
  int nr = static_cast<int>(db.regions.size()), ns = static_cast<int>(db.sectors.size());
  std::vector<double> exports(nr * ns, 0), imports(nr * ns, 0), tariffs(nr * ns, 0),
      export_taxes(nr * ns, 0);
  for (const auto& f : db.trade) {
    exports[f.exporter * ns + f.commodity] += f.value;
    imports[f.importer * ns + f.commodity] += f.value;
    tariffs[f.importer * ns + f.commodity] += f.value * f.tariff_rate;
    export_taxes[f.exporter * ns + f.commodity] +=
        f.value * f.export_tax_rate / (1 + f.export_tax_rate);
  }
  auto tariff_rows = db.AccountsOfKind(AccountKind::kTaxImport);
  auto export_rows = db.AccountsOfKind(AccountKind::kTaxExport);
  std::string trade = (db.directory / "trade.csv").string();
  for (int r = 0; r < nr; ++r) {
    for (int i = 0; i < ns; ++i) {
      int c = db.AccountFor(AccountKind::kCommodity, db.sectors[i]);
      auto check = [&](const char* what, double sam_value, double trade_value) {
        if (!Close(sam_value, trade_value, tol)) {
          problems.Add(trade + ": region " + db.regions[r] + ", commodity " + db.sectors[i] + ": " +
                       what + " in sam.csv " + Fmt(sam_value) + " != " + Fmt(trade_value) +
                       " from trade.csv");
        }
      };
      check("exports", db.sam[r](c, row), exports[r * ns + i]);
      check("imports", db.sam[r](row, c), imports[r * ns + i]);
      check("tariff revenue", SumCells(db, r, tariff_rows, c), tariffs[r * ns + i]);
      check("export tax revenue", SumCells(db, r, export_rows, c), export_taxes[r * ns + i]);
    }
  }
}

// Foreign savings, transfers and factor income crossing borders must net to zero worldwide,
// or the world economy would not satisfy Walras' law.
void CheckWorldClosure(const Database& db, double tol, Problems& problems) {
  if (db.small_open()) return;
  auto rows = db.AccountsOfKind(AccountKind::kRestOfWorld);
  if (rows.empty()) return;
  int w = rows[0];
  double net = 0.0, scale = 0.0;
  for (std::size_t r = 0; r < db.regions.size(); ++r) {
    const auto& m = db.sam[r];
    for (std::size_t a = 0; a < db.accounts.size(); ++a) {
      if (db.accounts[a].kind == AccountKind::kCommodity) continue;
      net += m(a, w) - m(w, a);
      scale += std::abs(m(a, w)) + std::abs(m(w, a));
    }
  }
  if (std::abs(net) > tol * std::max(1.0, scale)) {
    problems.Add(
        "sam.csv: non-trade flows with the rest of the world (foreign savings, "
        "transfers, factor income) sum to " +
        Fmt(net) + " over all regions (expected 0 in a closed world economy)");
  }
}

// Owned income must fit in the SAM: what a factor pays its foreign owners is part of its
// `rest_of_world <- factor` cell, and what a household receives part of its
// `household <- rest_of_world` cell.
// Owned income summed per (region, account) must fit inside the SAM cell that carries it.
using OwnedSums = std::map<std::pair<int, int>, double>;
void CheckOwnedSums(const OwnedSums& sums, const std::function<double(int, int)>& cell,
                    const std::function<std::string(int, int, double)>& excess, double tol,
                    Problems& problems) {
  for (const auto& [key, value] : sums) {
    const double limit = cell(key.first, key.second);
    if (value > limit * (1 + tol) + tol) problems.Add(excess(key.first, key.second, limit));
  }
}

void CheckOwnership(const Database& db, double tol, Problems& problems) {
  if (db.ownership.empty()) return;
  std::string file = (db.directory / "ownership.csv").string();
  int w = db.AccountsOfKind(AccountKind::kRestOfWorld).empty()
              ? -1
              : db.AccountsOfKind(AccountKind::kRestOfWorld)[0];
  OwnedSums paid, received;
  for (const auto& o : db.ownership) {
    paid[{o.region, o.factor}] += o.value;
    received[{o.owner, o.household}] += o.value;
  }
  auto sam = [&](int r, int row, int col) { return w < 0 ? 0.0 : db.sam[r](row, col); };
  CheckOwnedSums(
      paid,
      [&](int r, int f) { return sam(r, w, db.AccountFor(AccountKind::kFactor, db.factors[f])); },
      [&](int r, int f, double limit) {
        return file + ": region " + db.regions[r] + ", factor " + db.factors[f] +
               ": owned income " + Fmt(paid.at({r, f})) +
               " exceeds the factor income paid abroad in sam.csv (" + Fmt(limit) + ")";
      },
      tol, problems);
  CheckOwnedSums(
      received,
      [&](int r, int h) {
        return sam(r, db.AccountFor(AccountKind::kHousehold, db.households[h]), w);
      },
      [&](int r, int h, double limit) {
        return file + ": region " + db.regions[r] + ", household " + db.households[h] +
               ": owned income " + Fmt(received.at({r, h})) +
               " exceeds its receipts from abroad in sam.csv (" + Fmt(limit) + ")";
      },
      tol, problems);
}

}  // namespace

void ValidateDatabase(const Database& db, double tolerance) {
  Problems problems;
  CheckBalance(db, tolerance, problems);
  CheckTrade(db, tolerance, problems);
  CheckWorldClosure(db, tolerance, problems);
  CheckOwnership(db, tolerance, problems);
  problems.ThrowIfAny(db.directory.string() + ": the database is inconsistent");
}

}  // namespace peninsula::calibration
