list(APPEND MULTISCOPE_CORE_SOURCES
  analysis/ModelInput.h analysis/ModelInput.cpp
  analysis/ZeroShot.h analysis/ZeroShot.cpp
  analysis/TypographicAttack.h analysis/TypographicAttack.cpp
  analysis/ModelText.h analysis/ModelText.cpp
  analysis/Evaluation.h analysis/Evaluation.cpp
  analysis/Probe.h analysis/Probe.cpp
  analysis/AttackBench.h analysis/AttackBench.cpp)
