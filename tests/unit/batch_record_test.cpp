// Draw results as lines (MPI messages and checkpoint journal), summary statistics, and the
// master–worker scheduler over an in-process transport.
#include <gtest/gtest.h>

#include <cmath>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/batch/checkpoint.hpp"
#include "app/batch/batch_file.hpp"
#include "app/batch/record.hpp"
#include "app/batch/scheduler.hpp"
#include "app/batch/statistics.hpp"
#include "io/hdf5_store.hpp"
#include "support/test_support.hpp"

namespace peninsula::app::batch {
namespace {

DrawResult Sample() {
  DrawResult r;
  r.index = 42;
  ScenarioResult ok{"converged", "", 7, 0.0125, 3.5e-14, {1.0 / 3, -0.0, 1e300}};
  ScenarioResult bad{"iteration_limit", "no\tconvergence\n100% ~ worst: x(R1)", 100, 2.5, INFINITY,
                     {NAN, NAN, NAN}};
  r.scenarios = {ok, bad};
  return r;
}

TEST(BatchRecord, EncodesExactlyAndSurvivesAnyText) {
  DrawResult r = Sample();
  std::string line = Encode(r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto back = Decode(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->index, 42);
  EXPECT_EQ(back->error, "");
  ASSERT_EQ(back->scenarios.size(), 2u);
  EXPECT_EQ(back->scenarios[1].message, r.scenarios[1].message);
  EXPECT_EQ(back->scenarios[0].outcomes[0], 1.0 / 3);  // bit for bit
  EXPECT_TRUE(std::signbit(back->scenarios[0].outcomes[1]));
  EXPECT_EQ(back->scenarios[1].max_residual, INFINITY);
  EXPECT_TRUE(std::isnan(back->scenarios[1].outcomes[2]));
  EXPECT_EQ(back->scenarios[0].iterations, 7);
  r.error = "calibration failed: x";
  EXPECT_EQ(Decode(Encode(r))->error, r.error);
}

TEST(BatchRecord, RejectsEveryCutLine) {
  std::string line = Encode(Sample());
  for (std::size_t n = 0; n < line.size(); ++n) {
    EXPECT_FALSE(Decode(line.substr(0, n))) << n;
  }
  EXPECT_FALSE(Decode(line + "\tE"));
  EXPECT_FALSE(Decode("D\t1\t~\t1\tconverged\t~\t1\tzz\t0x0p+0\t0\tE"));
}

TEST(BatchCheckpoint, ACutLastLineIsDroppedAndAppendingContinuesAfterIt) {
  testing::TempDir dir;
  auto path = dir.path() / "x.h5.checkpoint";
  EXPECT_EQ(CheckpointPath(dir.path() / "x.h5"), path);
  DrawResult r = Sample();
  {
    auto w = CheckpointWriter::Create(path, "abc123", 10);
    for (long long k : {3, 1}) {
      r.index = k;
      w.Append(r);
    }
  }
  EXPECT_THROW(CheckpointWriter::Create(path, "abc123", 10), io::StoreError);  // never clobbered
  std::string cut = Encode(r).substr(0, 20);
  std::ofstream(path, std::ios::app) << cut;
  CheckpointContents c = ReadCheckpoint(path);
  EXPECT_EQ(c.fingerprint, "abc123");
  EXPECT_EQ(c.draws, 10);
  ASSERT_EQ(c.results.size(), 2u);
  EXPECT_EQ(c.results.at(3).scenarios[1].message, r.scenarios[1].message);
  {
    auto w = CheckpointWriter::Reopen(path, c.valid_bytes);
    r.index = 7;
    w.Append(r);
  }
  c = ReadCheckpoint(path);
  EXPECT_EQ(c.results.size(), 3u);
  EXPECT_TRUE(c.results.count(7));
  std::ofstream(path) << "something else\n";
  EXPECT_THROW(ReadCheckpoint(path), BatchError);
}

TEST(BatchStatistics, SummarizeSkipsFailuresAndInterpolatesPercentiles) {
  std::vector<double> v{5, NAN, 1, 3, 2, 4};
  std::vector<double> w(6, 1.0 / 6);
  Summary s = Summarize(v, w, false);
  EXPECT_EQ(s.count, 5);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(2.5));
  EXPECT_DOUBLE_EQ(s.p05, 1.2);
  EXPECT_DOUBLE_EQ(s.p50, 3.0);
  EXPECT_DOUBLE_EQ(s.p95, 4.8);
  Summary pop = Summarize({1, 3}, {0.25, 0.75}, true);
  EXPECT_DOUBLE_EQ(pop.mean, 2.5);
  EXPECT_DOUBLE_EQ(pop.sd, std::sqrt(0.25 * 2.25 + 0.75 * 0.25));
  Summary none = Summarize({NAN}, {1.0}, false);
  EXPECT_EQ(none.count, 0);
  EXPECT_TRUE(std::isnan(none.mean));
}

// Ranks as threads, each with a mailbox.
class Hub {
 public:
  explicit Hub(int size) : boxes_(size) {}
  void Put(int to, Message m) {
    {
      std::lock_guard lock(mutex_);
      boxes_[to].push_back(std::move(m));
    }
    cv_.notify_all();
  }
  std::optional<Message> Take(int rank, bool wait) {
    std::unique_lock lock(mutex_);
    if (wait) cv_.wait(lock, [&] { return !boxes_[rank].empty(); });
    if (boxes_[rank].empty()) return std::nullopt;
    Message m = std::move(boxes_[rank].front());
    boxes_[rank].pop_front();
    return m;
  }
  int size() const { return static_cast<int>(boxes_.size()); }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::deque<Message>> boxes_;
};

class ThreadTransport final : public Transport {
 public:
  ThreadTransport(Hub& hub, int rank) : hub_(hub), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return hub_.size(); }
  void Send(int to, int tag, const std::string& payload) override {
    hub_.Put(to, {rank_, tag, payload});
  }
  Message Receive() override { return *hub_.Take(rank_, true); }
  std::optional<Message> Poll() override { return hub_.Take(rank_, false); }
  bool AllAgree(bool ok) override { return ok; }
  [[noreturn]] void Abort(int) override { std::abort(); }

 private:
  Hub& hub_;
  int rank_;
};

DrawResult Fake(long long k) {
  DrawResult r;
  r.index = k;
  r.scenarios = {{"converged", "", k, 0, 0, {static_cast<double>(k * k)}}};
  std::this_thread::sleep_for(std::chrono::microseconds(200 + 50 * (k % 7)));
  return r;
}

TEST(BatchScheduler, EveryDrawReachesTheMasterOnceWhoeverSolvesIt) {
  for (int ranks : {1, 2, 4}) {
    Hub hub(ranks);
    std::mutex mutex;
    std::map<long long, int> solved_by;
    auto eval_on = [&](int rank) {
      return [&, rank](long long k) {
        DrawResult r = Fake(k);
        std::lock_guard lock(mutex);
        solved_by[k] = rank;
        return r;
      };
    };
    std::vector<std::thread> workers;
    for (int w = 1; w < ranks; ++w) {
      workers.emplace_back([&, w] {
        ThreadTransport t(hub, w);
        RunWorker(t, eval_on(w));
      });
    }
    std::vector<long long> pending;
    for (long long k = 0; k < 60; k += (k == 10 ? 5 : 1)) pending.push_back(k);  // a gap
    std::map<long long, DrawResult> got;
    ThreadTransport master(hub, 0);
    RunMaster(master, pending, eval_on(0), [&](DrawResult&& r) {
      EXPECT_TRUE(got.emplace(r.index, std::move(r)).second) << "delivered twice";
    });
    for (auto& w : workers) w.join();
    ASSERT_EQ(got.size(), pending.size()) << ranks << " ranks";
    for (long long k : pending) EXPECT_EQ(got.at(k).scenarios[0].outcomes[0], double(k * k));
    std::set<int> ranks_used;
    for (auto& [k, rank] : solved_by) ranks_used.insert(rank);
    EXPECT_EQ(ranks_used.size(), static_cast<std::size_t>(ranks)) << "every rank solved draws";
  }
}

}  // namespace
}  // namespace peninsula::app::batch
