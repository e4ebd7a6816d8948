#include "opensam/montecarlo/mpi_transport.hpp"

#include <cstdlib>

#ifdef OPENSAM_HAVE_MPI
#include <mpi.h>

#include <cstdint>
#endif

namespace opensam::montecarlo {

namespace {

#ifdef OPENSAM_HAVE_MPI
class MpiTransport final : public Transport {
 public:
  MpiTransport() {
    MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiTransport() override { MPI_Finalize(); }
  MpiTransport(const MpiTransport&) = delete;
  MpiTransport& operator=(const MpiTransport&) = delete;

  [[nodiscard]] int rank() const override { return rank_; }
  [[nodiscard]] int size() const override { return size_; }

  std::vector<WorkItem> share(std::vector<WorkItem> items) override {
    std::uint64_t n = items.size();
    MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    std::vector<std::uint64_t> flat(2 * n);
    if (rank_ == 0)
      for (std::size_t i = 0; i < n; ++i) {
        flat[2 * i] = items[i].point;
        flat[2 * i + 1] = items[i].replicate;
      }
    MPI_Bcast(flat.data(), int(flat.size()), MPI_UINT64_T, 0, MPI_COMM_WORLD);
    items.resize(n);
    for (std::size_t i = 0; i < n; ++i) items[i] = {std::uint32_t(flat[2 * i]), flat[2 * i + 1]};
    return items;
  }

  std::vector<ReplicateRecord> gather(std::vector<ReplicateRecord> mine) override {
    const std::vector<std::uint8_t> bytes = to_bytes(mine);
    int size = int(bytes.size());
    std::vector<int> sizes(rank_ == 0 ? std::size_t(size_) : 0);
    MPI_Gather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<int> offsets(sizes.size());
    std::size_t total = 0;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      offsets[r] = int(total);
      total += std::size_t(sizes[r]);
    }
    std::vector<std::uint8_t> all(total);
    MPI_Gatherv(bytes.data(), size, MPI_BYTE, all.data(), sizes.data(), offsets.data(), MPI_BYTE, 0,
                MPI_COMM_WORLD);
    if (rank_ != 0) return {};
    std::vector<ReplicateRecord> out;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      const std::vector<std::uint8_t> part(all.begin() + offsets[r], all.begin() + offsets[r] + sizes[r]);
      for (ReplicateRecord& rec : from_bytes(part)) out.push_back(std::move(rec));
    }
    return out;
  }

  bool agree(bool flag) override {
    int v = flag ? 1 : 0;
    MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return v != 0;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};
#endif

}  // namespace

bool mpi_available() {
#ifdef OPENSAM_HAVE_MPI
  return true;
#else
  return false;
#endif
}

// Set by the launchers of Open MPI, MPICH and Slurm.
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(name)) return true;
  return false;
}

std::unique_ptr<Transport> make_mpi_transport() {
#ifdef OPENSAM_HAVE_MPI
  return std::make_unique<MpiTransport>();
#else
  return nullptr;
#endif
}

}  // namespace opensam::montecarlo
