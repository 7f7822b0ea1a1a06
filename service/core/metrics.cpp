#include "metrics.h"

namespace Callbook {

const QList<double> &Metrics::buckets() {
    static const QList<double> b = {0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
                                    0.25,  0.5,   0.8,   1.0,  2.5,   5.0,  10.0};
    return b;
}

static QString escaped(QString value) {
    return value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"));
}

QString Metrics::labelText(const Labels &labels) {
    QStringList parts;
    for (const auto &[k, v] : labels)
        parts << k + QStringLiteral("=\"") + escaped(v) + QLatin1Char('"');
    return parts.join(QLatin1Char(','));
}

void Metrics::describe(const QString &name, const QString &type, const QString &help) {
    Family &f = m_families[name];
    f.type = type;
    f.help = help;
}

void Metrics::increment(const QString &name, const Labels &labels, double by) {
    counter(name, labels) += by;
}

double &Metrics::counter(const QString &name, const Labels &labels) {
    return m_families[name].counters[labelText(labels)];
}

Metrics::Histogram &Metrics::histogram(const QString &name, const Labels &labels) {
    Histogram &h = m_families[name].histograms[labelText(labels)];
    if (h.counts.isEmpty())
        h.counts.fill(0, buckets().size());
    return h;
}

void Metrics::observe(const QString &name, const Labels &labels, double seconds) {
    observe(histogram(name, labels), seconds);
}

void Metrics::observe(Histogram &h, double seconds) {
    for (qsizetype i = 0; i < buckets().size(); ++i)
        if (seconds <= buckets()[i]) {
            ++h.counts[i];
            break;
        }
    ++h.count;
    h.sum += seconds;
}

static QString number(double v) {
    return QString::number(v, 'g', 12);
}

static QString sample(const QString &name, const QString &labels, const QString &value) {
    return labels.isEmpty() ? name + QLatin1Char(' ') + value + QLatin1Char('\n')
                            : name + QLatin1Char('{') + labels + QStringLiteral("} ") + value +
                                  QLatin1Char('\n');
}

QByteArray Metrics::render(const QMap<QString, Gauge> &gauges) const {
    QString out;
    for (auto it = m_families.begin(); it != m_families.end(); ++it) {
        const Family &f = it.value();
        out += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n").arg(it.key(), f.help, f.type);
        for (auto c = f.counters.begin(); c != f.counters.end(); ++c)
            out += sample(it.key(), c.key(), number(c.value()));
        for (auto h = f.histograms.begin(); h != f.histograms.end(); ++h) {
            quint64 cumulative = 0;
            const QString prefix = h.key().isEmpty() ? QString() : h.key() + QLatin1Char(',');
            for (qsizetype i = 0; i < buckets().size(); ++i) {
                cumulative += h.value().counts[i];
                out += sample(it.key() + QStringLiteral("_bucket"),
                              prefix + QStringLiteral("le=\"%1\"").arg(number(buckets()[i])),
                              QString::number(cumulative));
            }
            out += sample(it.key() + QStringLiteral("_bucket"),
                          prefix + QStringLiteral("le=\"+Inf\""), QString::number(h.value().count));
            out += sample(it.key() + QStringLiteral("_sum"), h.key(), number(h.value().sum));
            out += sample(it.key() + QStringLiteral("_count"), h.key(),
                          QString::number(h.value().count));
        }
    }
    for (auto g = gauges.begin(); g != gauges.end(); ++g) {
        out += QStringLiteral("# HELP %1 %2\n# TYPE %1 gauge\n").arg(g.key(), g.value().help);
        for (const Sample &s : g.value().samples)
            out += sample(g.key(), labelText(s.labels), number(s.value));
    }
    return out.toUtf8();
}

} // namespace Callbook
