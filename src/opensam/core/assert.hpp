#pragma once
/// @file Invariant checks: on in debug, asan and CI builds, compiled out in release.

#include <cstdio>
#include <cstdlib>

#if !defined(NDEBUG) || defined(OPENSAM_ALWAYS_ASSERT)
#define OPENSAM_ASSERT(cond)                                                                            \
  do {                                                                                                  \
    if (!(cond)) {                                                                                      \
      std::fprintf(stderr, "%s:%d: internal error: assertion failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                                     \
    }                                                                                                   \
  } while (false)
#else
#define OPENSAM_ASSERT(cond) ((void)0)
#endif
