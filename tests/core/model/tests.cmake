# Test suites for core/model.
multiscope_add_test(tst_clip_parity SOURCES model/tst_clip_parity.cpp
  LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_clip_parity SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_add_test(tst_clip_model SOURCES model/tst_clip_model.cpp
  LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_clip_model SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_add_test(tst_model_descriptor SOURCES model/tst_model_descriptor.cpp LIBS multiscope_core LABELS unit)
multiscope_add_test(tst_inference_resnet SOURCES model/tst_inference_resnet.cpp
  LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_inference_resnet SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
multiscope_add_test(tst_model_bundle SOURCES model/tst_model_bundle.cpp LIBS multiscope_core LABELS unit)
multiscope_add_test(tst_ablation SOURCES model/tst_ablation.cpp LIBS multiscope_core ${TORCH_LIBRARIES} LABELS unit)
target_include_directories(tst_ablation SYSTEM PRIVATE ${TORCH_INCLUDE_DIRS})
