#pragma once
/// @file Optimal 2-D assignment: the shortest augmenting path algorithm of Jonker and
/// Volgenant (1987) in the rectangular form of Crouse (2016), "On implementing 2D rectangular
/// assignment algorithms", IEEE Trans. AES-52(4).

#include <span>
#include <vector>

namespace opensam::tracking {

/// Buffers reused from one solve to the next.
struct AssignmentWorkspace {
  std::vector<double> u, v, shortest;
  std::vector<int> path, row_for_col, remaining;
  std::vector<char> seen_row, seen_col;
};

/// Assigns each of `rows` rows to a distinct one of `cols` columns (rows <= cols) at least
/// total cost. `cost` is row-major; +infinity forbids a pair. Writes the column of each row
/// into `col_for_row` and returns false when no complete assignment exists.
bool solve_assignment(int rows, int cols, std::span<const double> cost, std::span<int> col_for_row,
                      AssignmentWorkspace& ws);

}  // namespace opensam::tracking
