list(APPEND MULTISCOPE_CORE_SOURCES
  bundled/WordByteTokenizer.h bundled/WordByteTokenizer.cpp
  bundled/BundledSidecar.h bundled/BundledSidecar.cpp
  bundled/TrainingData.h bundled/TrainingData.cpp
  bundled/ClipTrainer.h bundled/ClipTrainer.cpp)
