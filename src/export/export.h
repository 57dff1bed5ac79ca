// export.h: the export module's entry header: GDELT 2.0 events, GDELT GKG 2.1
// and events CSV writers over a Document (see gdelt_export.h, docs/events.md).
#ifndef TIES_EXPORT_EXPORT_H_
#define TIES_EXPORT_EXPORT_H_

#include "export/gdelt_export.h"

#endif  // TIES_EXPORT_EXPORT_H_
