#pragma once

#include <QJsonObject>
#include <QWidget>

class QLineEdit;
class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QTableWidget;

namespace Callbook {

// One business as a form: name, numbers, language and time zone, business hours, closures and
// services. It edits a configuration object in the --config format; what the form does not
// show (calendar provider settings, agents) is kept as it was.
class BusinessForm final : public QWidget {
    Q_OBJECT
public:
    explicit BusinessForm(QWidget *parent = nullptr);

    void setConfig(const QJsonObject &config, bool isNew);
    QJsonObject config() const;

private:
    void addServiceRow(const QJsonObject &service);

    QJsonObject m_original;
    QLineEdit *m_name;
    QLineEdit *m_slug;
    QComboBox *m_timezone;
    QComboBox *m_locale;
    QLineEdit *m_numbers;
    QLineEdit *m_transfer;
    QSpinBox *m_holdMinutes;
    QDoubleSpinBox *m_pricePerMinute;
    QSpinBox *m_retentionDays;
    QTableWidget *m_hours;
    QLineEdit *m_closures;
    QTableWidget *m_services;
};

} // namespace Callbook
