list(APPEND MULTISCOPE_CORE_SOURCES
  jobs/Feedback.h jobs/Feedback.cpp
  jobs/Job.h jobs/Job.cpp
  jobs/ComputeWorker.h jobs/ComputeWorker.cpp
  jobs/WorkerLoop.h jobs/WorkerLoop.cpp
  jobs/ComputeThread.h jobs/ComputeThread.cpp)
