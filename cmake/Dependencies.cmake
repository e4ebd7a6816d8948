# Third-party packages, all from Debian 12 (installed by scripts/setup.sh).
find_package(PkgConfig REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(Boost 1.74 REQUIRED)  # header-only: Boost.Math
find_package(GDAL 3.6 CONFIG REQUIRED)
find_package(TBB REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(GeographicLib REQUIRED IMPORTED_TARGET geographiclib)
pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)

# Random123 is header-only and ships no CMake file.
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(opensam_random123 INTERFACE)
target_include_directories(opensam_random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})

if(NOT OPENSAM_FUZZ)
  # Campaigns across processes: built when MPI is found (scripts/setup.sh installs OpenMPI).
  set(MPI_CXX_SKIP_MPICXX ON)
  find_package(MPI COMPONENTS CXX)
  if(OPENSAM_PYTHON)
    # Debian's interpreter, which sees apt's numpy and pandas (an earlier python3 on PATH may not).
    if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
      set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python the module is built for")
    endif()
    set(PYBIND11_FINDPYTHON ON)
    find_package(Python 3.9 REQUIRED COMPONENTS Interpreter Development.Module)
    find_package(pybind11 2.6 CONFIG REQUIRED)
  endif()
  if(OPENSAM_BUILD_TESTS)
    find_package(GTest REQUIRED)
  endif()
  if(OPENSAM_BUILD_BENCH)
    find_package(benchmark REQUIRED)
  endif()
endif()
