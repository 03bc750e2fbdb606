# Sources of core/io (added by the files' authors).
# Npy, Safetensors and MappedFile are torch-free (QtCore at most): the sanitizer test in
# tests/core/io/tests.cmake compiles them on their own.
list(APPEND MULTISCOPE_CORE_SOURCES
  io/Int8Weights.h io/Int8Weights.cpp
  io/MappedFile.h io/MappedFile.cpp
  io/Npy.h io/Npy.cpp
  io/NpyTensor.h io/NpyTensor.cpp
  io/Safetensors.h io/Safetensors.cpp
  io/StateDict.h io/StateDict.cpp
  io/TorchScriptArchive.cpp)
