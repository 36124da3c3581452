# One static library per business module, and include roots that make the declared dependencies
# the only ones that compile (issue 10, docs/architecture.md "Module dependencies").
#
# No target gets src/ as an include directory. Each part of the tree has a root of its own under
# the build directory holding one symbolic link: <build>/include/core/core → src/core,
# <build>/include/platform/platform → src/platform, <build>/include/module_X/modules/X →
# src/modules/X. A library sees "core/…" and "platform/…" through the platform libraries it links,
# and "modules/Y/…" only when it names Y in USES: an include of any other module fails to build.

set(RETAINER_INCLUDE_ROOT ${CMAKE_BINARY_DIR}/include)

# retainer_include_root(ROOT SUBDIR): <build>/include/ROOT/SUBDIR → <source>/src/SUBDIR.
function(retainer_include_root root subdir)
  set(link ${RETAINER_INCLUDE_ROOT}/${root}/${subdir})
  get_filename_component(parent ${link} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT IS_SYMLINK ${link})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${subdir} ${link} SYMBOLIC)
  endif()
endfunction()

# retainer_module(NAME [USES module…]): the library retainer_module_NAME of every .cpp in
# src/modules/NAME but its unit tests, linked to the platform and to the modules it uses — and
# able to include only those.
function(retainer_module name)
  cmake_parse_arguments(M "" "" "USES" ${ARGN})
  retainer_include_root(module_${name} modules/${name})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/modules/${name}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  add_library(retainer_module_${name} STATIC ${sources})
  target_include_directories(retainer_module_${name} PUBLIC ${RETAINER_INCLUDE_ROOT}/module_${name})
  target_link_libraries(retainer_module_${name} PUBLIC retainer_records retainer_pdf retainer_mail
                        retainer_jobs)
  foreach(used ${M_USES})
    # PRIVATE: a module's users do not inherit what it uses; they name it themselves.
    target_link_libraries(retainer_module_${name} PRIVATE retainer_module_${used})
  endforeach()
  set_property(GLOBAL APPEND PROPERTY RETAINER_MODULES ${name})
endfunction()
