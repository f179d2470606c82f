// Master–worker dynamic load balancing over a Transport. Rank 0 hands out draw indices one at
// a time to whichever worker reports a result, and solves draws itself on a second thread, so
// its main thread answers workers within a millisecond and two processes do about twice the
// work of one. Only rank 0's main thread calls the transport (MPI_THREAD_FUNNELED). Results
// reach `on_result` on that thread in completion order; with one process rank 0 does
// everything. Waiting is done by sleeping in short steps, never by spinning, so an idle rank
// leaves its core to the ranks that solve.
#pragma once

#include <functional>
#include <vector>

#include "app/batch/record.hpp"
#include "app/batch/transport.hpp"

namespace peninsula::app::batch {

using EvaluateFn = std::function<DrawResult(long long index)>;
using ResultFn = std::function<void(DrawResult&& result)>;

struct SchedulerOptions {
  int depth = 2;             // draws queued per worker: the next one waits while one solves
  bool master_works = true;  // rank 0 also solves draws (on its own thread)
};

// Rank 0. Returns when every draw in `pending` has reached on_result; the workers are then
// told to stop. `evaluate` runs on a separate thread of rank 0.
void RunMaster(Transport& transport, const std::vector<long long>& pending,
               const EvaluateFn& evaluate, const ResultFn& on_result,
               const SchedulerOptions& options = {});

// Every other rank: solves what it is sent until told to stop.
void RunWorker(Transport& transport, const EvaluateFn& evaluate);

}  // namespace peninsula::app::batch
