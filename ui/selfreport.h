#pragma once

namespace Callbook {

class MainWindow;

// With CALLBOOK_UI_REPORT=FILE set, writes what the window shows (MainWindow::report() as
// JSON) to FILE and a grab of the window to FILE.png after CALLBOOK_UI_REPORT_AFTER_MS
// (default 15000), then quits the application. For the GUI smoke test and the UI benchmark.
void scheduleSelfReport(MainWindow &window);

} // namespace Callbook
