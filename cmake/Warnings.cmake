add_library(opensam_warnings INTERFACE)
target_compile_options(opensam_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wconversion
  -Wno-sign-conversion -Wimplicit-fallthrough)
if(OPENSAM_WERROR)
  target_compile_options(opensam_warnings INTERFACE -Werror)
endif()

# A library of the project: opensam_add_module(name SOURCES ... DEPS ...)
function(opensam_add_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(opensam_${name} STATIC ${M_SOURCES})
  target_include_directories(opensam_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/src)
  target_link_libraries(opensam_${name} PUBLIC ${M_DEPS} PRIVATE opensam_warnings ${M_PRIVATE_DEPS})
endfunction()
