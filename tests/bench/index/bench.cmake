# Activation index benchmarks (included from tests/bench/CMakeLists.txt).
# bench_index_query: top-k latency, disk size and memory on a synthetic 1M × 2,560 index.
add_library(multiscope_bench_index STATIC index/SyntheticIndex.h index/SyntheticIndex.cpp)
target_include_directories(multiscope_bench_index PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}/index")
target_link_libraries(multiscope_bench_index PUBLIC multiscope_core)
add_executable(bench_index_query index/bench_index_query.cpp)
target_link_libraries(bench_index_query PRIVATE multiscope_bench_index)
multiscope_warnings(bench_index_query)

# bench_index_pipeline: end-to-end indexing images/s vs the model alone (RN50, 224 px).
add_executable(bench_index_pipeline index/bench_index_pipeline.cpp)
target_link_libraries(bench_index_pipeline PRIVATE multiscope_core ${TORCH_LIBRARIES} Qt6::Gui)
target_include_directories(bench_index_pipeline SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_warnings(bench_index_pipeline)

# bench_unit_switch: a neuron-page unit switch (examples + unit response jobs) on a 1M index.
add_executable(bench_unit_switch index/bench_unit_switch.cpp)
target_link_libraries(bench_unit_switch PRIVATE multiscope_bench_index)
multiscope_warnings(bench_unit_switch)
