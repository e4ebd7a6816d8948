#pragma once
/// @file Campaigns across processes with MPI (`mpirun -n K opensam mc ...`).

#include <memory>

#include "opensam/montecarlo/campaign.hpp"

namespace opensam::montecarlo {

/// Whether this build can run a campaign across MPI processes.
[[nodiscard]] bool mpi_available();

/// Whether an MPI launcher (mpirun, srun) started this process: a plain `opensam mc` never
/// initialises MPI.
[[nodiscard]] bool launched_by_mpi();

/// The MPI transport (MPI is initialised now and finalised when it is destroyed); null when
/// this build has no MPI.
[[nodiscard]] std::unique_ptr<Transport> make_mpi_transport();

}  // namespace opensam::montecarlo
