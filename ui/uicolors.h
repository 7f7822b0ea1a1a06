#pragma once

#include <QColor>

namespace Callbook {

// Red for what needs attention (slow functions, an open breaker, overdue callbacks); readable
// on light and dark palettes.
inline QColor alarmColor(int alpha = 255) {
    return QColor(220, 50, 47, alpha);
}

} // namespace Callbook
