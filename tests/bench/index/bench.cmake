# Activation index benchmarks (included from tests/bench/CMakeLists.txt).
# bench_index_query: top-k latency, disk size and memory on a synthetic 1M × 2,560 index.
add_executable(bench_index_query index/bench_index_query.cpp)
target_link_libraries(bench_index_query PRIVATE multiscope_core)
multiscope_warnings(bench_index_query)

# bench_index_pipeline: end-to-end indexing images/s vs the model alone (RN50, 224 px).
add_executable(bench_index_pipeline index/bench_index_pipeline.cpp)
target_link_libraries(bench_index_pipeline PRIVATE multiscope_core ${TORCH_LIBRARIES} Qt6::Gui)
target_include_directories(bench_index_pipeline SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_warnings(bench_index_pipeline)
