# Feature visualization: ms/step of a Lucid-preset session vs a plain forward+backward+Adam
# floor on an RN50-sized random CLIP. Included from tests/bench/CMakeLists.txt.
add_executable(bench_featurevis featurevis/bench_featurevis.cpp)
target_link_libraries(bench_featurevis PRIVATE multiscope_core ${TORCH_LIBRARIES})
target_include_directories(bench_featurevis SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_warnings(bench_featurevis)
