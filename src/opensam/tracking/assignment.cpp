#include "opensam/tracking/assignment.hpp"

#include <limits>

#include "opensam/core/assert.hpp"

namespace opensam::tracking {

bool solve_assignment(int rows, int cols, std::span<const double> cost, std::span<int> col_for_row,
                      AssignmentWorkspace& ws) {
  OPENSAM_ASSERT(rows <= cols);
  constexpr double kInf = std::numeric_limits<double>::infinity();
  ws.u.assign(rows, 0.0);
  ws.v.assign(cols, 0.0);
  ws.row_for_col.assign(cols, -1);
  ws.shortest.resize(cols);
  ws.path.resize(cols);
  ws.remaining.resize(cols);
  ws.seen_row.resize(rows);
  ws.seen_col.resize(cols);
  for (int r = 0; r < rows; ++r) col_for_row[r] = -1;

  for (int row = 0; row < rows; ++row) {
    // Dijkstra over reduced costs from `row` to the nearest free column.
    std::fill(ws.shortest.begin(), ws.shortest.end(), kInf);
    std::fill(ws.path.begin(), ws.path.end(), -1);
    std::fill(ws.seen_row.begin(), ws.seen_row.end(), 0);
    std::fill(ws.seen_col.begin(), ws.seen_col.end(), 0);
    int n_remaining = cols;
    for (int c = 0; c < cols; ++c) ws.remaining[c] = cols - c - 1;
    double min_val = 0.0;
    int i = row, sink = -1;
    while (sink < 0) {
      ws.seen_row[i] = 1;
      int best = -1;
      double lowest = kInf;
      for (int k = 0; k < n_remaining; ++k) {
        const int c = ws.remaining[k];
        const double reduced = min_val + cost[std::size_t(i) * cols + c] - ws.u[i] - ws.v[c];
        if (reduced < ws.shortest[c]) {
          ws.path[c] = i;
          ws.shortest[c] = reduced;
        }
        if (ws.shortest[c] < lowest || (ws.shortest[c] == lowest && ws.row_for_col[c] < 0)) {
          lowest = ws.shortest[c];
          best = k;
        }
      }
      min_val = lowest;
      if (min_val == kInf) return false;
      const int c = ws.remaining[best];
      ws.seen_col[c] = 1;
      ws.remaining[best] = ws.remaining[--n_remaining];
      if (ws.row_for_col[c] < 0)
        sink = c;
      else
        i = ws.row_for_col[c];
    }
    // Dual update.
    ws.u[row] += min_val;
    for (int r = 0; r < rows; ++r)
      if (ws.seen_row[r] && r != row) ws.u[r] += min_val - ws.shortest[col_for_row[r]];
    for (int c = 0; c < cols; ++c)
      if (ws.seen_col[c]) ws.v[c] -= min_val - ws.shortest[c];
    // Augment along the path back to `row`.
    int c = sink;
    while (true) {
      const int r = ws.path[c];
      ws.row_for_col[c] = r;
      std::swap(col_for_row[r], c);
      if (r == row) break;
    }
  }
  return true;
}

}  // namespace opensam::tracking
