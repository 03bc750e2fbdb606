// Stands in for model/ModelDescriptor.cpp in tst_index_store_asan: the reader resolves
// Microscope aliases through microscopeAliasTarget(), whose std::regex draws false
// -Wmaybe-uninitialized warnings from GCC 12 under the sanitizers. Alias resolution itself is
// tested with the real function in tst_index_clip.

#include "model/ModelDescriptor.h"

namespace ms {

std::string microscopeAliasTarget(const std::string&) { return {}; }

}  // namespace ms
