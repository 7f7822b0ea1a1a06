#pragma once

#include "uicolors.h"

#include <QTableWidget>

namespace Callbook {

// Sets the text of a cell, reusing its item: pages refreshed every second keep their items
// (and their selection) instead of making new ones.
inline QTableWidgetItem *setCellText(QTableWidget *table, int row, int column,
                                     const QString &text) {
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        table->setItem(row, column, item);
    }
    item->setText(text);
    return item;
}

} // namespace Callbook
