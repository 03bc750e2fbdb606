# Test suites for core/image.
multiscope_add_test(tst_imagesteps
  SOURCES image/tst_imagesteps.cpp image/ImageTestData.h
  LIBS multiscope_core OpenCV::core OpenCV::imgcodecs ZLIB::ZLIB
  LABELS unit)

# CLIP preprocessing against the reference fixtures (needs LibTorch for the tensors).
multiscope_add_test(tst_preprocess
  SOURCES image/tst_preprocess.cpp image/ImageTestData.h
  LIBS multiscope_core ${TORCH_LIBRARIES} OpenCV::core OpenCV::imgcodecs ZLIB::ZLIB nlohmann_json::nlohmann_json
  LABELS unit)

# The same torch-free suite with the header parser, decoder and resampler compiled in under
# AddressSanitizer + UndefinedBehaviorSanitizer.
set(_image_core "${PROJECT_SOURCE_DIR}/core/image")
multiscope_add_test(tst_imagesteps_asan
  SOURCES image/tst_imagesteps.cpp image/ImageTestData.h
          ${_image_core}/ImageHeader.cpp ${_image_core}/ImageDecode.cpp ${_image_core}/PilResize.cpp
          ${_image_core}/PreprocessSteps.cpp ${_image_core}/QtImageConvert.cpp
  LIBS Qt6::Gui OpenCV::core OpenCV::imgproc OpenCV::imgcodecs ZLIB::ZLIB
  LABELS unit)
target_include_directories(tst_imagesteps_asan PRIVATE "${PROJECT_SOURCE_DIR}/core")
multiscope_sanitize_target(tst_imagesteps_asan address)
