// Sparse LU back ends.
#include "solver/sparse_lu.hpp"

#include <Eigen/SparseLU>
#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <dmumps_c.h>
#include <suitesparse/cholmod.h>
#include <suitesparse/klu.h>
#include <suitesparse/umfpack.h>

namespace peninsula::solver {
namespace {

// KLU calls this for each block of its block-triangular form: a METIS nested-dissection
// ordering of the block's A + Aᵀ. Nested dissection suits the trade model's structure (every
// region's sectors coupled through input-output, every region's markets through trade) far
// better than minimum degree, whose fill grows with the square of the model size here.
int MetisOrder(int n, int* ap, int* ai, int* perm, klu_common*) {
  cholmod_common cc;
  cholmod_start(&cc);
  cc.print = 0;
  // Pattern of A + Aᵀ as a symmetric matrix stored by its upper triangle.
  std::vector<std::vector<int>> cols(n);
  for (int j = 0; j < n; ++j) {
    for (int k = ap[j]; k < ap[j + 1]; ++k) {
      int i = ai[k];
      if (i < j) cols[j].push_back(i);
      if (j < i) cols[i].push_back(j);
    }
  }
  std::size_t nz = 0;
  for (auto& c : cols) {
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    nz += c.size();
  }
  cholmod_sparse* a = cholmod_allocate_sparse(n, n, nz, 1, 1, 1, CHOLMOD_PATTERN, &cc);
  int* p = static_cast<int*>(a->p);
  int* idx = static_cast<int*>(a->i);
  p[0] = 0;
  for (int j = 0; j < n; ++j) {
    std::copy(cols[j].begin(), cols[j].end(), idx + p[j]);
    p[j + 1] = p[j] + static_cast<int>(cols[j].size());
  }
  int ok = cholmod_metis(a, nullptr, 0, 1, perm, &cc);
  cholmod_free_sparse(&a, &cc);
  cholmod_finish(&cc);
  return ok ? 1 : 0;
}

class KluLu final : public SparseLu {
 public:
  KluLu(int n, const std::vector<int>& row_start, const std::vector<int>& col_index)
      : n_(n), ap_(row_start), ai_(col_index) {
    klu_defaults(&common_);
    common_.ordering = 3;  // METIS through MetisOrder: far less fill than AMD on large models
    common_.user_order = MetisOrder;
    symbolic_ = klu_analyze(n_, ap_.data(), ai_.data(), &common_);
    if (!symbolic_) throw std::runtime_error("KLU could not analyse the Jacobian pattern");
  }
  ~KluLu() override {
    if (numeric_) klu_free_numeric(&numeric_, &common_);
    if (symbolic_) klu_free_symbolic(&symbolic_, &common_);
  }
  bool Factorize(const double* values) override {
    values_.assign(values, values + ai_.size());
    // Reuse the pivot sequence when it stays stable; refactor from scratch otherwise.
    if (numeric_ &&
        klu_refactor(ap_.data(), ai_.data(), values_.data(), symbolic_, numeric_, &common_) &&
        klu_rcond(symbolic_, numeric_, &common_) && common_.rcond > 1e-12) {
      return true;
    }
    if (numeric_) klu_free_numeric(&numeric_, &common_);
    numeric_ = klu_factor(ap_.data(), ai_.data(), values_.data(), symbolic_, &common_);
    return numeric_ != nullptr && common_.status == KLU_OK;
  }
  bool Solve(double* rhs) override {
    return klu_tsolve(symbolic_, numeric_, n_, 1, rhs, &common_) == 1;
  }
  void DropNumeric() override {
    if (numeric_) klu_free_numeric(&numeric_, &common_);
  }

 private:
  int n_;
  std::vector<int> ap_, ai_;
  std::vector<double> values_;
  klu_common common_;
  klu_symbolic* symbolic_ = nullptr;
  klu_numeric* numeric_ = nullptr;
};

// UMFPACK's symbolic analysis of one pattern, shared by every LU of that pattern alive in the
// process: METIS on a large pattern takes as long as a factorisation (5 s at 144,000
// unknowns), and the scenario solve, the analysis' re-solves and a batch runner's reference
// factorisations all use the same one. It is made from the pattern alone and only read by
// the numeric factorisation, so sharing it changes no result.
std::shared_ptr<void> SharedUmfpackSymbolic(const std::vector<int>& ap, const std::vector<int>& ai,
                                            const double* control) {
  struct Entry {
    std::vector<int> ap, ai;
    std::weak_ptr<void> symbolic;
  };
  static std::mutex mutex;
  static std::vector<Entry> cache;
  // The last one stays alive with no LU using it: the next solve of the same system (the
  // analysis after the scenario solve) usually comes after the last one's LU is gone.
  static std::shared_ptr<void> last;
  std::lock_guard<std::mutex> lock(mutex);
  std::erase_if(cache, [](const Entry& e) { return e.symbolic.expired(); });
  for (const Entry& e : cache) {
    if (e.ap != ap || e.ai != ai) continue;
    if (auto symbolic = e.symbolic.lock()) return last = symbolic;
  }
  int n = static_cast<int>(ap.size()) - 1;
  void* symbolic = nullptr;
  double info[UMFPACK_INFO];
  if (umfpack_di_symbolic(n, n, ap.data(), ai.data(), nullptr, &symbolic, control, info) !=
      UMFPACK_OK) {
    throw std::runtime_error("UMFPACK could not analyse the Jacobian pattern");
  }
  std::shared_ptr<void> shared(symbolic, [](void* p) { umfpack_di_free_symbolic(&p); });
  cache.push_back({ap, ai, shared});
  return last = shared;
}

class UmfpackLu final : public SparseLu {
 public:
  UmfpackLu(int n, const std::vector<int>& row_start, const std::vector<int>& col_index)
      : ap_(row_start), ai_(col_index), x_(n) {
    umfpack_di_defaults(control_);
    // METIS nested dissection: at 20 regions × 40 sectors it factorises in a fifth of the
    // time of the default AMD/COLAMD choice (docs/performance.md).
    control_[UMFPACK_ORDERING] = UMFPACK_ORDERING_METIS;
    // No iterative refinement: each refinement step is another solve with the factors (and
    // a product with J), tripling the cost of a chord step, while Newton corrects the step's
    // error at the next iterate anyway (docs/performance.md).
    control_[UMFPACK_IRSTEP] = 0;
    // The working array for the frontal matrices at its largest size from the start, not half
    // of it grown (allocated anew and copied) as fronts outgrow it: each growth page-faulted a
    // fresh block in. At 40×57: 70,000 page faults and 0.3 GB of peak memory fewer.
    control_[UMFPACK_FRONT_ALLOC_INIT] = 1.0;
    // From the pattern alone (no values), so the analysis, and every factorisation after it,
    // does not depend on which Jacobian happened to be factorised first.
    symbolic_ = SharedUmfpackSymbolic(ap_, ai_, control_);
  }
  ~UmfpackLu() override { DropNumeric(); }
  bool Factorize(const double* values) override {
    values_.assign(values, values + ai_.size());
    DropNumeric();
    return umfpack_di_numeric(ap_.data(), ai_.data(), values_.data(), symbolic_.get(), &numeric_,
                              control_, info_) == UMFPACK_OK;
  }
  bool Solve(double* rhs) override {
    int status = umfpack_di_solve(UMFPACK_At, ap_.data(), ai_.data(), values_.data(), x_.data(),
                                  rhs, numeric_, control_, info_);
    std::copy(x_.begin(), x_.end(), rhs);
    return status == UMFPACK_OK;
  }
  void DropNumeric() override {
    if (numeric_) umfpack_di_free_numeric(&numeric_);
  }

 private:
  std::vector<int> ap_, ai_;
  std::vector<double> values_, x_;
  double control_[UMFPACK_CONTROL];
  double info_[UMFPACK_INFO];
  std::shared_ptr<void> symbolic_;
  void* numeric_ = nullptr;
};

// MUMPS (sequential), multifrontal with dense BLAS-3 kernels on the fronts and METIS
// nested dissection: the fill of a world trade model concentrates in dense fronts, which is
// where BLAS beats the sparse kernels of KLU.
class MumpsLu final : public SparseLu {
 public:
  MumpsLu(int n, const std::vector<int>& row_start, const std::vector<int>& col_index) {
    id_.job = kInit;
    id_.par = 1;
    id_.sym = 0;
    id_.comm_fortran = kUseCommWorld;
    dmumps_c(&id_);
    Icntl(1) = Icntl(2) = Icntl(3) = -1;  // no output
    Icntl(4) = 0;
    Icntl(7) = 5;    // METIS ordering
    Icntl(14) = 50;  // workspace margin for pivoting beyond the analysis estimate, percent
    for (int r = 0; r < n; ++r) {
      for (int k = row_start[r]; k < row_start[r + 1]; ++k) {
        irn_.push_back(r + 1);
        jcn_.push_back(col_index[k] + 1);
      }
    }
    values_.resize(irn_.size());
    id_.n = n;
    id_.nnz = static_cast<std::int64_t>(irn_.size());
    id_.irn = irn_.data();
    id_.jcn = jcn_.data();
    id_.a = values_.data();
    id_.job = kAnalyse;
    dmumps_c(&id_);
    if (id_.infog[0] < 0)
      throw std::runtime_error("MUMPS analysis failed, INFOG(1) = " + std::to_string(id_.infog[0]));
  }
  ~MumpsLu() override {
    id_.job = kEnd;
    dmumps_c(&id_);
  }
  bool Factorize(const double* values) override {
    std::copy(values, values + values_.size(), values_.begin());
    id_.job = kFactorize;
    dmumps_c(&id_);
    return id_.infog[0] >= 0;
  }
  bool Solve(double* rhs) override {
    id_.rhs = rhs;
    id_.job = kSolve;
    dmumps_c(&id_);
    return id_.infog[0] >= 0;
  }

 private:
  static constexpr int kInit = -1, kEnd = -2, kAnalyse = 1, kFactorize = 2, kSolve = 3;
  static constexpr int kUseCommWorld = -987654;
  int& Icntl(int k) { return id_.icntl[k - 1]; }

  DMUMPS_STRUC_C id_{};
  std::vector<int> irn_, jcn_;
  std::vector<double> values_;
};

class EigenLu final : public SparseLu {
 public:
  EigenLu(int n, const std::vector<int>& row_start, const std::vector<int>& col_index) {
    std::vector<Eigen::Triplet<double>> triplets;
    for (int r = 0; r < n; ++r) {
      for (int k = row_start[r]; k < row_start[r + 1]; ++k)
        triplets.emplace_back(r, col_index[k], 1.0);
    }
    matrix_.resize(n, n);
    matrix_.setFromTriplets(triplets.begin(), triplets.end());
    matrix_.makeCompressed();
    position_.resize(col_index.size());
    for (int r = 0; r < n; ++r) {
      for (int k = row_start[r]; k < row_start[r + 1]; ++k) {
        position_[k] = &matrix_.coeffRef(r, col_index[k]) - matrix_.valuePtr();
      }
    }
    lu_.analyzePattern(matrix_);
  }
  bool Factorize(const double* values) override {
    for (std::size_t k = 0; k < position_.size(); ++k) matrix_.valuePtr()[position_[k]] = values[k];
    lu_.factorize(matrix_);
    return lu_.info() == Eigen::Success;
  }
  bool Solve(double* rhs) override {
    Eigen::Map<Eigen::VectorXd> b(rhs, matrix_.rows());
    Eigen::VectorXd x = lu_.solve(b);
    b = x;
    return lu_.info() == Eigen::Success;
  }

 private:
  Eigen::SparseMatrix<double> matrix_;
  std::vector<std::ptrdiff_t> position_;
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu_;
};

}  // namespace

LinearSolverKind ParseLinearSolver(const std::string& text) {
  if (text == "klu") return LinearSolverKind::kKlu;
  if (text == "umfpack") return LinearSolverKind::kUmfpack;
  if (text == "eigen") return LinearSolverKind::kEigen;
  if (text == "mumps") return LinearSolverKind::kMumps;
  if (text == "auto") return LinearSolverKind::kAuto;
  throw std::invalid_argument("linear solver '" + text +
                              "' (expected auto, umfpack, mumps, klu or eigen)");
}

std::string LinearSolverName(LinearSolverKind kind) {
  switch (kind) {
    case LinearSolverKind::kKlu:
      return "klu";
    case LinearSolverKind::kUmfpack:
      return "umfpack";
    case LinearSolverKind::kEigen:
      return "eigen";
    case LinearSolverKind::kMumps:
      return "mumps";
    case LinearSolverKind::kAuto:
      return "auto";
  }
  return "?";
}

LinearSolverKind ResolveLinearSolver(LinearSolverKind kind, int n) {
  if (kind != LinearSolverKind::kAuto) return kind;
  return n < kAutoKluLimit ? LinearSolverKind::kKlu : LinearSolverKind::kUmfpack;
}

std::unique_ptr<SparseLu> MakeSparseLu(LinearSolverKind kind, int n,
                                       const std::vector<int>& row_start,
                                       const std::vector<int>& col_index) {
  switch (ResolveLinearSolver(kind, n)) {
    case LinearSolverKind::kAuto:
      break;
    case LinearSolverKind::kKlu:
      return std::make_unique<KluLu>(n, row_start, col_index);
    case LinearSolverKind::kUmfpack:
      return std::make_unique<UmfpackLu>(n, row_start, col_index);
    case LinearSolverKind::kEigen:
      return std::make_unique<EigenLu>(n, row_start, col_index);
    case LinearSolverKind::kMumps:
      return std::make_unique<MumpsLu>(n, row_start, col_index);
  }
  throw std::invalid_argument("unknown linear solver");
}

}  // namespace peninsula::solver
