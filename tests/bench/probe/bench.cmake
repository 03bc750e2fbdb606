# Probe latency: drop → first results and overlay edit → updated chart in the real probe dock,
# on the bundled model and a randomly initialised RN50, against one bare forward pass.
# Included from tests/bench/CMakeLists.txt.
add_executable(bench_probe_latency probe/bench_probe_latency.cpp)
target_link_libraries(bench_probe_latency PRIVATE multiscope_widgets Qt6::Test ${TORCH_LIBRARIES})
target_include_directories(bench_probe_latency SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
target_compile_definitions(bench_probe_latency PRIVATE MULTISCOPE_FIXTURES_DIR="${MULTISCOPE_FIXTURES_DIR}")
multiscope_warnings(bench_probe_latency)
