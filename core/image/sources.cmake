# Sources of core/image (added by the files' authors).
list(APPEND MULTISCOPE_CORE_SOURCES
  image/ImageOptions.h
  image/ImageHeader.h image/ImageHeader.cpp
  image/ImageDecode.h image/ImageDecode.cpp
  image/PilResize.h image/PilResize.cpp
  image/PreprocessSteps.h image/PreprocessSteps.cpp
  image/QtImageConvert.h image/QtImageConvert.cpp
  image/ClipPreprocess.h image/ClipPreprocess.cpp
  image/TensorImage.h image/TensorImage.cpp)
