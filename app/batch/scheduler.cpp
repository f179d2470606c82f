// The load balancer: a communication loop on rank 0's main thread, a solving thread beside it,
// and workers that solve one draw at a time.
#include "app/batch/scheduler.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace peninsula::app::batch {
namespace {

constexpr auto kPollStep = std::chrono::microseconds(500);

// Rank 0's own solver: one draw at a time on a background thread.
class LocalSolver {
 public:
  explicit LocalSolver(const EvaluateFn& evaluate) : evaluate_(evaluate) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~LocalSolver() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  bool idle() const { return !busy_; }
  void Start(long long index) {
    busy_ = true;
    {
      std::lock_guard lock(mutex_);
      job_ = index;
    }
    cv_.notify_all();
  }
  // The finished draw, waiting up to `wait` for it.
  std::optional<DrawResult> Take(std::chrono::microseconds wait) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, wait, [&] { return result_.has_value(); });
    if (!result_) return std::nullopt;
    std::optional<DrawResult> out = std::move(result_);
    result_.reset();
    busy_ = false;
    return out;
  }

 private:
  void Loop() {
    while (true) {
      long long k;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stop_ || job_.has_value(); });
        if (stop_) return;
        k = *job_;
        job_.reset();
      }
      DrawResult r = evaluate_(k);
      {
        std::lock_guard lock(mutex_);
        result_ = std::move(r);
      }
      cv_.notify_all();
    }
  }

  const EvaluateFn& evaluate_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<long long> job_;
  std::optional<DrawResult> result_;
  bool stop_ = false;
  bool busy_ = false;  // main thread only
  std::thread thread_;
};

class Master {
 public:
  Master(Transport& t, const std::vector<long long>& pending, const ResultFn& on_result)
      : t_(t),
        queue_(pending.begin(), pending.end()),
        on_result_(on_result),
        total_(pending.size()) {}

  void Feed(int worker) {
    if (queue_.empty()) return;
    t_.Send(worker, kTagWork, std::to_string(Take()));
  }
  void Handle(Message&& m) {
    if (m.tag != kTagResult) throw std::runtime_error("unexpected message from a worker");
    auto r = Decode(m.payload);
    if (!r) throw std::runtime_error("garbled result from rank " + std::to_string(m.source));
    Deliver(std::move(*r));
    Feed(m.source);
  }
  void Deliver(DrawResult&& r) {
    ++received_;
    on_result_(std::move(r));
  }
  bool Done() const { return received_ == total_; }
  bool HasWork() const { return !queue_.empty(); }
  long long Take() {
    long long k = queue_.front();
    queue_.pop_front();
    return k;
  }

 private:
  Transport& t_;
  std::deque<long long> queue_;
  const ResultFn& on_result_;
  std::size_t total_;
  std::size_t received_ = 0;
};

}  // namespace

void RunMaster(Transport& transport, const std::vector<long long>& pending,
               const EvaluateFn& evaluate, const ResultFn& on_result,
               const SchedulerOptions& options) {
  Master master(transport, pending, on_result);
  for (int d = 0; d < options.depth; ++d) {
    for (int w = 1; w < transport.size(); ++w) master.Feed(w);
  }
  std::optional<LocalSolver> local;
  if (options.master_works || transport.size() == 1) local.emplace(evaluate);
  while (!master.Done()) {
    if (local && local->idle() && master.HasWork()) local->Start(master.Take());
    bool progressed = false;
    while (auto m = transport.Poll()) {
      master.Handle(std::move(*m));
      progressed = true;
    }
    // Waits on the local draw, so its result is taken at once; messages every 0.5 ms.
    auto wait = progressed ? std::chrono::microseconds(0) : kPollStep;
    if (local && !local->idle()) {
      if (auto r = local->Take(wait)) master.Deliver(std::move(*r));
    } else if (!progressed) {
      std::this_thread::sleep_for(wait);
    }
  }
  for (int w = 1; w < transport.size(); ++w) transport.Send(w, kTagStop, "");
}

void RunWorker(Transport& transport, const EvaluateFn& evaluate) {
  while (true) {
    std::optional<Message> m = transport.Poll();
    if (!m) {
      std::this_thread::sleep_for(kPollStep);  // not MPI_Probe: it would spin a core
      continue;
    }
    if (m->tag == kTagStop) return;
    if (m->tag != kTagWork) throw std::runtime_error("unexpected message from the master");
    long long index = std::stoll(m->payload);
    transport.Send(0, kTagResult, Encode(evaluate(index)));
  }
}

}  // namespace peninsula::app::batch
