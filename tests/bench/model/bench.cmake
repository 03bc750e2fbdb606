# Image-tower throughput: encode_image on randomly initialised RN50 and RN50x4 at their
# native resolution, batch 8, 1 and 2 threads, plain and inference fast path, against the
# GFLOP/s of a 2048³ float32 matrix product measured in the same run. Included from
# tests/bench/CMakeLists.txt.
add_executable(bench_encode_image model/bench_encode_image.cpp)
target_link_libraries(bench_encode_image PRIVATE multiscope_core)
multiscope_warnings(bench_encode_image)
