list(APPEND MULTISCOPE_CORE_SOURCES
  util/Error.h
  util/CpuAutocast.h util/CpuFeatures.h
  util/Log.h util/Log.cpp
  util/LogRelay.h util/LogRelay.cpp
  util/BuildInfo.h util/BuildInfo.cpp
  util/CacheDir.h util/CacheDir.cpp)
