#pragma once
/// @file A k-d tree over points (nanoflann) for radius queries without all-pairs work.

#include <Eigen/Core>
#include <memory>
#include <nanoflann.hpp>
#include <vector>

namespace opensam::tracking {

class SpatialIndex {
 public:
  SpatialIndex() = default;
  /// Indexes `points` (kept by pointer: they must outlive the queries).
  void build(const std::vector<Eigen::Vector3d>& points) {
    if (!cloud_) cloud_ = std::make_unique<Cloud>();
    cloud_->points = &points;
    if (!tree_) tree_ = std::make_unique<Tree>(3, *cloud_, nanoflann::KDTreeSingleIndexAdaptorParams(16));
    tree_->buildIndex();
  }

  /// Calls f(index) for every point within radius_m of centre (unordered).
  template <class F>
  void within(const Eigen::Vector3d& centre, double radius_m, F&& f) const {
    if (!cloud_ || cloud_->points->empty()) return;
    Collector<F> c{radius_m * radius_m, f};
    tree_->radiusSearchCustomCallback(centre.data(), c, nanoflann::SearchParams(32, 0.0, false));
  }

 private:
  struct Cloud {
    const std::vector<Eigen::Vector3d>* points = nullptr;
    [[nodiscard]] std::size_t kdtree_get_point_count() const { return points->size(); }
    [[nodiscard]] double kdtree_get_pt(std::size_t i, std::size_t d) const { return (*points)[i][int(d)]; }
    template <class B>
    bool kdtree_get_bbox(B& /*bb*/) const {
      return false;
    }
  };
  using Tree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Simple_Adaptor<double, Cloud>, Cloud, 3>;

  /// nanoflann's result-set interface, forwarding each hit.
  template <class F>
  struct Collector {
    double radius2;
    F& f;
    void init() {}
    void clear() {}
    [[nodiscard]] std::size_t size() const { return 0; }
    [[nodiscard]] bool full() const { return true; }
    bool addPoint(double dist2, std::size_t index) {
      if (dist2 < radius2) f(index);
      return true;
    }
    [[nodiscard]] double worstDist() const { return radius2; }
  };

  std::unique_ptr<Cloud> cloud_;  // on the heap: the tree keeps a reference to it
  std::unique_ptr<Tree> tree_;
};

}  // namespace opensam::tracking
