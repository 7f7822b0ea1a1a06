#include "businessform.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Callbook {

static const char *const kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

enum ServiceColumn { Name, Duration, Price, BufferBefore, BufferAfter, Aliases, EventType, Count };

static QString joined(const QJsonValue &array) {
    QStringList parts;
    for (const QJsonValue &v : array.toArray())
        parts << (v.isDouble() ? QString::number(v.toInteger()) : v.toString());
    return parts.join(QStringLiteral(", "));
}

static QJsonArray split(const QString &text) {
    QJsonArray out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    return out;
}

BusinessForm::BusinessForm(QWidget *parent)
    : QWidget(parent) {
    m_name = new QLineEdit(this);
    m_slug = new QLineEdit(this);
    m_slug->setToolTip(tr("Short unique name used in URLs and commands; fixed once saved."));
    m_timezone = new QComboBox(this);
    m_timezone->setEditable(true);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_timezone->addItem(QString::fromLatin1(id));
    m_locale = new QComboBox(this);
    m_locale->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_locale->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_locale->setToolTip(tr("The language the agent speaks for this business."));
    m_numbers = new QLineEdit(this);
    m_numbers->setToolTip(tr("The business's numbers in E.164 (+49…), separated by commas."));
    m_transfer = new QLineEdit(this);
    m_transfer->setToolTip(tr("Where transfer_to_staff connects callers during business hours "
                              "(E.164); empty: callers are offered a callback."));
    m_holdMinutes = new QSpinBox(this);
    m_holdMinutes->setRange(1, 60);
    m_holdMinutes->setSuffix(tr(" min"));
    m_holdMinutes->setToolTip(tr("How long a slot is held for a caller between start_booking "
                                 "and confirm_booking."));
    m_pricePerMinute = new QDoubleSpinBox(this);
    m_pricePerMinute->setRange(0, 100);
    m_pricePerMinute->setDecimals(3);
    m_pricePerMinute->setSuffix(QStringLiteral(" €"));
    m_retentionDays = new QSpinBox(this);
    m_retentionDays->setRange(1, 3650);
    m_retentionDays->setSuffix(tr(" days"));
    m_retentionDays->setToolTip(tr("Transcripts and personal data older than this are deleted."));

    auto *general = new QGroupBox(tr("Business"), this);
    auto *form = new QFormLayout(general);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("S&hort name:"), m_slug);
    form->addRow(tr("&Time zone:"), m_timezone);
    form->addRow(tr("&Language:"), m_locale);
    form->addRow(tr("&Phone numbers:"), m_numbers);
    form->addRow(tr("T&ransfer to:"), m_transfer);
    form->addRow(tr("&Hold slots for:"), m_holdMinutes);
    form->addRow(tr("Price per &minute:"), m_pricePerMinute);
    form->addRow(tr("&Keep data for:"), m_retentionDays);

    m_hours = new QTableWidget(7, 1, this);
    m_hours->setObjectName(QStringLiteral("businessHours"));
    m_hours->setHorizontalHeaderLabels({tr("Open")});
    m_hours->setToolTip(tr("Open (e.g. 09:00-12:00, 13:00-18:00; empty: closed)"));
    m_hours->setVerticalHeaderLabels({tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"),
                                      tr("Friday"), tr("Saturday"), tr("Sunday")});
    m_hours->horizontalHeader()->setStretchLastSection(true);
    m_closures = new QLineEdit(this);
    m_closures->setPlaceholderText(QStringLiteral("2026-12-24, 2026-12-25"));
    m_closures->setToolTip(tr("Days the business is closed (YYYY-MM-DD), separated by commas."));
    auto *hours = new QGroupBox(tr("Business hours"), this);
    auto *hoursLayout = new QFormLayout(hours);
    hoursLayout->addRow(m_hours);
    hoursLayout->addRow(tr("&Closed on:"), m_closures);

    m_services = new QTableWidget(0, ServiceColumn::Count, this);
    m_services->setObjectName(QStringLiteral("services"));
    m_services->setHorizontalHeaderLabels({tr("Service"), tr("Minutes"), tr("Price €"),
                                           tr("Buffer before"), tr("Buffer after"),
                                           tr("Also called"), tr("Cal.com event type")});
    m_services->horizontalHeader()->setStretchLastSection(true);
    m_services->setToolTip(tr("What callers can book. \"Also called\" lists other words callers "
                              "use, separated by commas."));
    auto *addService = new QPushButton(tr("&Add service"), this);
    auto *removeService = new QPushButton(tr("Remo&ve service"), this);
    connect(addService, &QPushButton::clicked, this, [this] {
        addServiceRow({{QStringLiteral("duration_min"), 30}});
        m_services->setCurrentCell(m_services->rowCount() - 1, Name);
        m_services->editItem(m_services->item(m_services->rowCount() - 1, Name));
    });
    connect(removeService, &QPushButton::clicked, this, [this] {
        if (m_services->currentRow() >= 0)
            m_services->removeRow(m_services->currentRow());
    });
    auto *services = new QGroupBox(tr("Services"), this);
    auto *servicesLayout = new QVBoxLayout(services);
    servicesLayout->addWidget(m_services);
    auto *serviceButtons = new QHBoxLayout;
    serviceButtons->addWidget(addService);
    serviceButtons->addWidget(removeService);
    serviceButtons->addStretch();
    servicesLayout->addLayout(serviceButtons);

    auto *top = new QHBoxLayout;
    top->addWidget(general, 1);
    top->addWidget(hours, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(services, 1);
}

void BusinessForm::addServiceRow(const QJsonObject &s) {
    const int row = m_services->rowCount();
    m_services->insertRow(row);
    auto number = [](const QJsonValue &v) {
        return v.isUndefined() || v.isNull() ? QString() : QString::number(v.toDouble());
    };
    const QStringList cells = {s.value(QStringLiteral("name")).toString(),
                               number(s.value(QStringLiteral("duration_min"))),
                               number(s.value(QStringLiteral("price_eur"))),
                               number(s.value(QStringLiteral("buffer_before_min"))),
                               number(s.value(QStringLiteral("buffer_after_min"))),
                               joined(s.value(QStringLiteral("aliases"))),
                               number(s.value(QStringLiteral("event_type_id")))};
    for (int c = 0; c < cells.size(); ++c)
        m_services->setItem(row, c, new QTableWidgetItem(cells[c]));
}

void BusinessForm::setConfig(const QJsonObject &c, bool isNew) {
    m_original = c;
    m_name->setText(c.value(QStringLiteral("name")).toString());
    m_slug->setText(c.value(QStringLiteral("slug")).toString());
    m_slug->setReadOnly(!isNew);
    m_timezone->setCurrentText(c.value(QStringLiteral("timezone")).toString());
    m_locale->setCurrentIndex(
        std::max(0, m_locale->findData(c.value(QStringLiteral("locale")).toString())));
    m_numbers->setText(joined(c.value(QStringLiteral("phone_numbers"))));
    m_transfer->setText(c.value(QStringLiteral("transfer_number")).toString());
    m_holdMinutes->setValue(c.value(QStringLiteral("hold_minutes")).toInt(5));
    m_pricePerMinute->setValue(c.value(QStringLiteral("price_per_minute_eur")).toDouble());
    m_retentionDays->setValue(c.value(QStringLiteral("retention_days")).toInt(90));
    const QJsonObject hours = c.value(QStringLiteral("business_hours")).toObject();
    for (int d = 0; d < 7; ++d)
        m_hours->setItem(d, 0,
                         new QTableWidgetItem(joined(hours.value(QLatin1String(kDayKeys[d])))));
    m_closures->setText(joined(c.value(QStringLiteral("closures"))));
    m_services->setRowCount(0);
    for (const QJsonValue &s : c.value(QStringLiteral("services")).toArray())
        addServiceRow(s.toObject());
    m_services->resizeColumnsToContents(); // a handful of rows: cheap, and names stay readable
}

QJsonObject BusinessForm::config() const {
    QJsonObject c = m_original;
    auto setText = [&c](const char *key, const QString &value) {
        if (value.trimmed().isEmpty())
            c.remove(QLatin1String(key));
        else
            c.insert(QLatin1String(key), value.trimmed());
    };
    setText("name", m_name->text());
    setText("slug", m_slug->text());
    setText("timezone", m_timezone->currentText());
    c.insert(QStringLiteral("locale"), m_locale->currentData().toString());
    c.insert(QStringLiteral("phone_numbers"), split(m_numbers->text()));
    setText("transfer_number", m_transfer->text());
    c.insert(QStringLiteral("hold_minutes"), m_holdMinutes->value());
    c.insert(QStringLiteral("price_per_minute_eur"), m_pricePerMinute->value());
    c.insert(QStringLiteral("retention_days"), m_retentionDays->value());
    QJsonObject hours;
    for (int d = 0; d < 7; ++d) {
        const QJsonArray ranges =
            split(m_hours->item(d, 0) ? m_hours->item(d, 0)->text() : QString());
        if (!ranges.isEmpty())
            hours.insert(QLatin1String(kDayKeys[d]), ranges);
    }
    c.insert(QStringLiteral("business_hours"), hours);
    c.insert(QStringLiteral("closures"), split(m_closures->text()));
    // Values are passed on as typed; the service's validation names any that is wrong.
    QJsonArray services;
    for (int r = 0; r < m_services->rowCount(); ++r) {
        auto text = [&](int column) {
            const QTableWidgetItem *item = m_services->item(r, column);
            return item ? item->text().trimmed() : QString();
        };
        if (text(Name).isEmpty())
            continue;
        QJsonObject s{{QStringLiteral("name"), text(Name)},
                      {QStringLiteral("aliases"), split(text(Aliases))}};
        const std::pair<int, const char *> numbers[] = {{Duration, "duration_min"},
                                                        {Price, "price_eur"},
                                                        {BufferBefore, "buffer_before_min"},
                                                        {BufferAfter, "buffer_after_min"},
                                                        {EventType, "event_type_id"}};
        for (const auto &[column, key] : numbers) {
            if (text(column).isEmpty())
                continue;
            bool ok = false;
            const double v = QLocale().toDouble(text(column), &ok);
            const double plain = ok ? v : text(column).toDouble(&ok);
            s.insert(QLatin1String(key), ok ? QJsonValue(plain) : QJsonValue(text(column)));
        }
        services.append(s);
    }
    c.insert(QStringLiteral("services"), services);
    return c;
}

} // namespace Callbook
