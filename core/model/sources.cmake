# Sources of core/model: the CLIP architectures, capture, descriptor and the model facade.
# Torch-free headers: ClipConfig.h, ModelDescriptor.h, CaptureRequest.h, ClipModel.h, ModelBundle.h.
list(APPEND MULTISCOPE_CORE_SOURCES
  model/ClipConfig.h model/ClipConfig.cpp
  model/ModelDescriptor.h model/ModelDescriptor.cpp
  model/CaptureRequest.h model/CaptureResult.h
  model/CaptureSink.h model/CaptureSink.cpp
  model/Layers.h model/Layers.cpp
  model/VisionTowers.h model/VisionTowers.cpp
  model/InferenceResNet.h model/InferenceResNet.cpp
  model/ClipModule.h model/ClipModule.cpp
  model/ClipBuilder.h model/ClipBuilder.cpp
  model/ClipModel.h model/ClipModel.cpp
  model/ClipModelTorch.h model/ClipNetwork.cpp
  model/ModelBundle.h model/ModelBundle.cpp)
