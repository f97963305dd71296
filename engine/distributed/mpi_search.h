#pragma once
// Grid search across MPI ranks (MPI-free, torch-free header; only built with FLOWCNN_MPI, which
// defines FLOWCNN_HAVE_MPI).
//
// `mpirun -np N flowcnn search ...`: rank 0 runs the ordinary search (search::run_search or
// resume_search, which read the project, plan the rungs, decide promotions and do every SQLite
// write) with a search::TrialBackend whose slots are ranks 1..N-1. Rank 0 broadcasts the train and
// val splits (pixels, labels, class names) once (MPI_Bcast), then gives a trial to a worker rank
// whenever that rank is free (one trial at a time: hyper-parameters + training options with the
// rung's epoch budget, as JSON). A worker trains it with train::train_model, sends every epoch's
// metrics, a heartbeat at least every second while training, and the final metrics; rank 0 then
// asks for the model file only when the trial may be the search's new best. Workers never open
// the project.
//
// Failures: the communicator returns errors (MPI_ERRORS_RETURN) instead of aborting. A worker
// whose send/receive fails or that stays silent longer than the heartbeat timeout is lost: its
// trial goes back to the queue (its run row is deleted) and it gets no more trials. The search
// fails only when every worker is lost. (mpirun must be told not to kill the job when one process
// dies: `mpirun --enable-recovery` with Open MPI 4.)
//
// Wire format: raw structs of train::EpochMetrics and native integers, i.e. all ranks must run the
// same build on the same architecture.
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/search/grid_search.h"

namespace flowcnn::distributed {

// True when this process was started by mpirun/srun (OMPI_COMM_WORLD_SIZE, PMI_SIZE or
// PMIX_RANK set), i.e. when initialising MPI is safe and useful.
bool launched_by_mpi();

struct WorkerOptions {
    int threads = 0;  // intra-op threads per trial; 0 = what rank 0 sends
    // Called before each trial with the number of trials this rank finished so far (test hook).
    std::function<void(int finished)> before_trial;
};

// Bytes moved by rank 0 (for the report of a run).
struct Traffic {
    std::uint64_t broadcast_bytes = 0;  // the splits, once
    std::uint64_t sent_bytes = 0;       // trials, model requests, cancels and stops
    std::uint64_t received_bytes = 0;   // epochs, heartbeats, results, model files
    std::uint64_t model_bytes = 0;      // of which model files
    std::uint64_t trials = 0;           // trials handed out
    std::uint64_t lost_workers = 0;
};

// One per process: MPI_Init_thread in the constructor, MPI_Finalize in the destructor (on rank 0
// after telling every live worker to stop). Throws Error when MPI cannot be initialised.
class MpiSearch {
  public:
    MpiSearch();
    ~MpiSearch();
    MpiSearch(const MpiSearch&) = delete;
    MpiSearch& operator=(const MpiSearch&) = delete;

    int rank() const;
    int size() const;

    // Rank > 0: trains what rank 0 sends until rank 0 stops (or goes away).
    void serve(const WorkerOptions& options = {});

    // Rank 0: the backend for Execution::backend; slot_count() = size() - 1. A worker silent for more
    // than `heartbeat_timeout_s` seconds while it has a trial is lost.
    search::TrialBackend& backend(double heartbeat_timeout_s = 120);
    Traffic traffic() const;

    struct Impl;

  private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowcnn::distributed
