# Test suites for core/index (included from tests/core/CMakeLists.txt).

# Storage and queries, no model.
multiscope_add_test(tst_index_store SOURCES index/tst_index_store.cpp LIBS multiscope_core LABELS unit)

# The same suite with the storage and query sources compiled in under AddressSanitizer +
# UndefinedBehaviorSanitizer (mapped files, offsets, the binary16 conversion).
set(_index_core "${PROJECT_SOURCE_DIR}/core")
multiscope_add_test(tst_index_store_asan
  SOURCES index/tst_index_store.cpp
          ${_index_core}/index/IndexTypes.cpp ${_index_core}/index/PosixFile.cpp ${_index_core}/index/Sqlite.cpp
          ${_index_core}/index/IndexSchema.cpp ${_index_core}/index/LayerMatrix.cpp ${_index_core}/index/IndexWriter.cpp
          ${_index_core}/index/TopK.cpp ${_index_core}/index/IndexReader.cpp
          index/AliasSeam.cpp
  LIBS Qt6::Core SQLite::SQLite3
  LABELS unit)
target_include_directories(tst_index_store_asan PRIVATE "${_index_core}")
target_compile_definitions(tst_index_store_asan PRIVATE MULTISCOPE_VERSION="${PROJECT_VERSION}")
multiscope_sanitize_target(tst_index_store_asan address)

# What the pipeline suites share: a deterministic fake model, corpus builders, fingerprints.
add_library(multiscope_index_testkit STATIC
  index/FakeActivationSource.h index/FakeActivationSource.cpp
  index/IndexTestSupport.h index/IndexTestSupport.cpp)
target_include_directories(multiscope_index_testkit PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/index")
target_include_directories(multiscope_index_testkit SYSTEM PUBLIC ${TORCH_INCLUDE_DIRS})
target_link_libraries(multiscope_index_testkit PUBLIC multiscope_core ${TORCH_LIBRARIES} OpenCV::core OpenCV::imgcodecs)
multiscope_warnings(multiscope_index_testkit)

multiscope_add_test(tst_index_pipeline SOURCES index/tst_index_pipeline.cpp
  LIBS multiscope_index_testkit LABELS unit)

# Real kill -9: a helper process kills itself (SIGKILL) at chosen points, or the test kills it.
add_executable(index_crash_child index/index_crash_child.cpp)
target_link_libraries(index_crash_child PRIVATE multiscope_index_testkit)
multiscope_warnings(index_crash_child)
multiscope_add_test(tst_index_crash SOURCES index/tst_index_crash.cpp
  LIBS multiscope_index_testkit LABELS unit)
target_compile_definitions(tst_index_crash PRIVATE INDEX_CRASH_CHILD="$<TARGET_FILE:index_crash_child>")
add_dependencies(tst_index_crash index_crash_child)

# The real CLIP adapter on the rn_tiny / vit_tiny fixtures, against brute force.
multiscope_add_test(tst_index_clip SOURCES index/tst_index_clip.cpp
  LIBS multiscope_index_testkit LABELS unit)

# Indexing as a sliced worker job.
multiscope_add_test(tst_index_job SOURCES index/tst_index_job.cpp LIBS multiscope_index_testkit LABELS unit)
