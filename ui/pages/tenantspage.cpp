#include "tenantspage.h"

#include "businessform.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Callbook {

static const char kNewBusiness[] = R"({
  "slug": "new-business",
  "name": "New business",
  "timezone": "Europe/Berlin",
  "locale": "de",
  "phone_numbers": ["+4930000000"],
  "business_hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                     "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]},
  "closures": [],
  "calendar": {"provider": "local"},
  "services": [{"name": "Termin", "duration_min": 30}]
}
)";

TenantsPage::TenantsPage(ConsoleRequests *requests, QWidget *parent)
    : QWidget(parent)
    , m_requests(requests) {
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("tenantList"));
    m_list->setToolTip(tr("The businesses this installation answers for."));
    m_form = new BusinessForm(this);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("tenantEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setToolTip(tr("Numbers, services, business hours and closures of the selected "
                            "business, in the format of the --config file. Secrets are named, "
                            "never written here."));
    m_save = new QPushButton(tr("&Save"), this);
    m_save->setToolTip(tr("Check and store the business; calls are answered with it at once."));
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setToolTip(tr("Discard the changes and show what is stored."));
    m_add = new QPushButton(tr("&New business"), this);
    m_add->setToolTip(tr("Start from a template; it is stored when you save it."));
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_list, &QListWidget::currentRowChanged, this, &TenantsPage::select);
    m_views = new QTabWidget(this);
    m_views->addTab(m_form, tr("F&orm"));
    m_views->addTab(m_editor, tr("&JSON"));
    m_views->setTabToolTip(1, tr("Everything, including the calendar provider's settings."));
    // The two views show the same business: switching carries the edits over.
    connect(m_views, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == 1) {
            m_editor->setPlainText(
                QString::fromUtf8(QJsonDocument(m_form->config()).toJson(QJsonDocument::Indented)));
            return;
        }
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(m_editor->toPlainText().toUtf8(), &error);
        if (!doc.isObject()) {
            m_result->setText(tr("The JSON is not valid (%1); fix it before using the form.")
                                  .arg(error.errorString()));
            m_views->blockSignals(true);
            m_views->setCurrentIndex(1);
            m_views->blockSignals(false);
            return;
        }
        m_form->setConfig(doc.object(), m_editingNew);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        m_result->setText(tr("Saving…"));
        Q_EMIT m_requests->saveTenant(currentJson());
    });
    connect(m_revert, &QPushButton::clicked, this, [this] { select(m_list->currentRow()); });
    connect(m_add, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
        edit(QByteArray(kNewBusiness), true);
        m_result->setText(tr("Fill in the new business and save it."));
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_views);
    rightLayout->addWidget(m_result);
    rightLayout->addLayout(buttons);
    auto *split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setTabOrder(m_list, m_views);
    setTabOrder(m_views, m_save);
}

void TenantsPage::show(const QList<TenantEntry> &tenants) {
    const QString current = m_list->currentRow() >= 0 && m_list->currentRow() < m_tenants.size()
                                ? m_tenants[m_list->currentRow()].slug
                                : QString();
    m_tenants = tenants;
    m_list->blockSignals(true);
    m_list->clear();
    int select = tenants.isEmpty() ? -1 : 0;
    for (int i = 0; i < tenants.size(); ++i) {
        m_list->addItem(tenants[i].name + QStringLiteral(" (") + tenants[i].slug +
                        QLatin1Char(')'));
        if (tenants[i].slug == current)
            select = i;
    }
    m_list->blockSignals(false);
    m_list->setCurrentRow(select);
    this->select(select);
}

void TenantsPage::select(int row) {
    if (row < 0 || row >= m_tenants.size())
        return;
    edit(m_tenants[row].configJson, false);
}

void TenantsPage::edit(const QByteArray &json, bool isNew) {
    m_editingNew = isNew;
    m_form->setConfig(QJsonDocument::fromJson(json).object(), isNew);
    m_editor->setPlainText(QString::fromUtf8(json));
}

QByteArray TenantsPage::currentJson() const {
    return m_views->currentIndex() == 0
               ? QJsonDocument(m_form->config()).toJson(QJsonDocument::Indented)
               : m_editor->toPlainText().toUtf8();
}

void TenantsPage::showSaveResult(bool ok, const QString &message) {
    m_result->setText(ok ? message : tr("Not saved:\n%1").arg(message));
}

} // namespace Callbook
