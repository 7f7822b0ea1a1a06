#include "dateparser.h"

#include "zonetime.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace Callbook {

namespace {

// A recognised date: one day, a span of days, or several readings of an ambiguous phrase.
struct DatePart {
    QList<QDate> days; // the readings (first = preferred)
    QDate lastDay;     // for spans (weeks): the last day of the span, else invalid
    bool corrected = false;
};

// A recognised time of day, as said (meridiem applied later).
struct TimePart {
    int hour = 0;
    int minute = 0;
    int spanMinutes = 0;        // > 0 for "kurz nach 9" (a short range)
    bool meridiemKnown = false; // 24-hour value, am/pm, noon
};

// Morning, afternoon …: a range of the day.
struct DayPart {
    QTime from, to;
    bool afternoon = false; // makes a bare "3" mean 15:00
};

// std::search: for these short texts cheaper than QString::contains's set-up.
bool contains(QStringView text, QStringView literal) {
    return std::search(text.begin(), text.end(), literal.begin(), literal.end()) != text.end();
}

bool isAsciiSpace(char16_t c) { // QChar::isSpace and the regex \s agree on these
    return c == u' ' || (c >= u'\t' && c <= u'\r');
}

// normalize() in one pass for text of ASCII and German umlauts (nearly everything callers say):
// lower case, umlauts spelt out, punctuation as spaces, "a.m." as "am", single spaces, trimmed.
// Nullopt for any other character: toLower() and trimmed() know Unicode, this does not.
std::optional<QString> foldSimpleText(const QString &text) {
    const qsizetype n = text.size();
    auto lowerAt = [&](qsizetype i) -> char16_t {
        const char16_t c = text[i].unicode();
        return c >= u'A' && c <= u'Z' ? char16_t(c + 32) : c;
    };
    QString out(2 * n, Qt::Uninitialized); // an umlaut becomes two letters, nothing more
    char16_t *const begin = reinterpret_cast<char16_t *>(out.data());
    char16_t *o = begin;
    bool space = false; // a space is due before the next character
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = lowerAt(i);
        const char *spelt = nullptr;
        switch (c) {
        case u'ä':
        case u'Ä':
            spelt = "ae";
            break;
        case u'ö':
        case u'Ö':
            spelt = "oe";
            break;
        case u'ü':
        case u'Ü':
            spelt = "ue";
            break;
        case u'ß':
            spelt = "ss";
            break;
        case u',':
        case u';':
        case u'!':
        case u'?':
        case u'"':
        case u'\'':
        case u'(':
        case u')':
            space = o != begin;
            continue;
        default:
            if (c >= 0x80)
                return std::nullopt;
            if (isAsciiSpace(c)) {
                space = o != begin;
                continue;
            }
        }
        if (space)
            *o++ = u' ';
        space = false;
        if (spelt) {
            *o++ = char16_t(spelt[0]), *o++ = char16_t(spelt[1]);
        } else if ((c == u'a' || c == u'p') && i + 3 < n && lowerAt(i + 1) == u'.' &&
                   lowerAt(i + 2) == u'm' && lowerAt(i + 3) == u'.') {
            *o++ = c, *o++ = u'm'; // a.m. / p.m.
            i += 3;
        } else {
            *o++ = c;
        }
    }
    out.truncate(o - begin);
    return out;
}

QString normalize(const QString &input) {
    QString text;
    if (std::optional<QString> simple = foldSimpleText(input)) {
        text = std::move(*simple);
    } else {
        text = input.toLower().trimmed();
        // Digits of other scripts ("٣ Uhr", full-width "１４ Uhr") match the patterns' \d but
        // not the conversions to numbers: written as ASCII digits here. (Digits outside the
        // Basic Multilingual Plane are left alone.)
        for (QChar &c : text)
            if (c.unicode() >= 0x80 && c.category() == QChar::Number_DecimalDigit)
                c = QChar(u'0' + c.digitValue());
        text.replace(QStringLiteral("ä"), QStringLiteral("ae"))
            .replace(QStringLiteral("ö"), QStringLiteral("oe"))
            .replace(QStringLiteral("ü"), QStringLiteral("ue"))
            .replace(QStringLiteral("ß"), QStringLiteral("ss"));
        static const QRegularExpression noise(QStringLiteral("[,;!?\"'()]"));
        text.replace(noise, QStringLiteral(" "));
        text.replace(QStringLiteral("a.m."), QStringLiteral("am"));
        text.replace(QStringLiteral("p.m."), QStringLiteral("pm"));
        static const QRegularExpression spaces(QStringLiteral("\\s+"));
        text.replace(spaces, QStringLiteral(" "));
        text = text.trimmed();
    }
    if (!contains(text, u"morgen")) // both patterns below need it
        return text;
    // "am Morgen" is the morning, never tomorrow.
    static const QRegularExpression amMorgen(QStringLiteral("\\b(am|guten|jeden) morgen\\b"));
    if (contains(text, u"am morgen") || contains(text, u"guten morgen") ||
        contains(text, u"jeden morgen"))
        text.replace(amMorgen, QStringLiteral("morgens"));
    // "Dienstag morgen" / "Dienstagmorgen" is Tuesday morning.
    static const QRegularExpression weekdayMorning(QStringLiteral(
        "\\b(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\\s*morgen\\b"));
    if (contains(text, u"tag") || contains(text, u"mittwoch")) // each of those weekdays has one
        text.replace(weekdayMorning, QStringLiteral("\\1 morgens"));
    return text.trimmed();
}

const QHash<QString, int> &numberWords() {
    static const QHash<QString, int> words = {
        {QStringLiteral("ein"), 1},        {QStringLiteral("eins"), 1},
        {QStringLiteral("eine"), 1},       {QStringLiteral("einer"), 1},
        {QStringLiteral("einem"), 1},      {QStringLiteral("one"), 1},
        {QStringLiteral("a"), 1},          {QStringLiteral("an"), 1},
        {QStringLiteral("zwei"), 2},       {QStringLiteral("two"), 2},
        {QStringLiteral("drei"), 3},       {QStringLiteral("three"), 3},
        {QStringLiteral("vier"), 4},       {QStringLiteral("four"), 4},
        {QStringLiteral("fuenf"), 5},      {QStringLiteral("five"), 5},
        {QStringLiteral("sechs"), 6},      {QStringLiteral("six"), 6},
        {QStringLiteral("sieben"), 7},     {QStringLiteral("seven"), 7},
        {QStringLiteral("acht"), 8},       {QStringLiteral("eight"), 8},
        {QStringLiteral("neun"), 9},       {QStringLiteral("nine"), 9},
        {QStringLiteral("zehn"), 10},      {QStringLiteral("ten"), 10},
        {QStringLiteral("elf"), 11},       {QStringLiteral("eleven"), 11},
        {QStringLiteral("zwoelf"), 12},    {QStringLiteral("twelve"), 12},
        {QStringLiteral("dreizehn"), 13},  {QStringLiteral("vierzehn"), 14},
        {QStringLiteral("fuenfzehn"), 15}, {QStringLiteral("sechzehn"), 16},
        {QStringLiteral("siebzehn"), 17},  {QStringLiteral("achtzehn"), 18},
        {QStringLiteral("neunzehn"), 19},  {QStringLiteral("zwanzig"), 20},
    };
    return words;
}

std::optional<int> number(const QString &token) {
    bool ok = false;
    const int n = token.toInt(&ok);
    if (ok)
        return n;
    const auto it = numberWords().constFind(token);
    return it == numberWords().constEnd() ? std::nullopt : std::optional<int>(*it);
}

// Regex alternatives for a number said as digits or a word (longest first).
QString wordsPattern(bool withArticles) {
    QStringList words;
    for (auto it = numberWords().begin(); it != numberWords().end(); ++it)
        if (withArticles ||
            !QStringList{QStringLiteral("a"), QStringLiteral("an"), QStringLiteral("eine"),
                         QStringLiteral("einer"), QStringLiteral("einem")}
                 .contains(it.key()))
            words.append(it.key());
    std::sort(words.begin(), words.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return QStringLiteral("(\\d{1,2}|") + words.join(QLatin1Char('|')) + QLatin1Char(')');
}
const QString &countPattern() { // "in einer Woche", "in a week"
    static const QString p = wordsPattern(true);
    return p;
}
const QString &hourPattern() { // "um drei", "halb zwei"
    static const QString p = wordsPattern(false);
    return p;
}
int hourOf(const QString &token) {
    return number(token).value_or(-1);
}

int monthNumber(const QString &word) {
    static const QList<QStringList> names = {
        {QStringLiteral("januar"), QStringLiteral("jaenner"), QStringLiteral("january"),
         QStringLiteral("jan")},
        {QStringLiteral("februar"), QStringLiteral("february"), QStringLiteral("feb")},
        {QStringLiteral("maerz"), QStringLiteral("march"), QStringLiteral("mar"),
         QStringLiteral("mrz")},
        {QStringLiteral("april"), QStringLiteral("apr")},
        {QStringLiteral("mai"), QStringLiteral("may")},
        {QStringLiteral("juni"), QStringLiteral("june"), QStringLiteral("jun")},
        {QStringLiteral("juli"), QStringLiteral("july"), QStringLiteral("jul")},
        {QStringLiteral("august"), QStringLiteral("aug")},
        {QStringLiteral("september"), QStringLiteral("sept"), QStringLiteral("sep")},
        {QStringLiteral("oktober"), QStringLiteral("october"), QStringLiteral("okt"),
         QStringLiteral("oct")},
        {QStringLiteral("november"), QStringLiteral("nov")},
        {QStringLiteral("dezember"), QStringLiteral("december"), QStringLiteral("dez"),
         QStringLiteral("dec")},
    };
    for (int i = 0; i < names.size(); ++i)
        if (names[i].contains(word))
            return i + 1;
    return 0;
}

const QString kMonths = QStringLiteral(
    "(januar|jaenner|january|jan|februar|february|feb|maerz|march|mar|mrz|april|apr|mai|may|"
    "juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|oct|"
    "november|nov|dezember|december|dez|dec)");

int weekdayNumber(const QString &word) {
    static const QList<QStringList> names = {
        {QStringLiteral("montag"), QStringLiteral("monday"), QStringLiteral("mon")},
        {QStringLiteral("dienstag"), QStringLiteral("tuesday"), QStringLiteral("tue"),
         QStringLiteral("tues")},
        {QStringLiteral("mittwoch"), QStringLiteral("wednesday"), QStringLiteral("wed")},
        {QStringLiteral("donnerstag"), QStringLiteral("thursday"), QStringLiteral("thu"),
         QStringLiteral("thurs")},
        {QStringLiteral("freitag"), QStringLiteral("friday"), QStringLiteral("fri")},
        {QStringLiteral("samstag"), QStringLiteral("sonnabend"), QStringLiteral("saturday"),
         QStringLiteral("sat")},
        {QStringLiteral("sonntag"), QStringLiteral("sunday"), QStringLiteral("sun")},
    };
    for (int i = 0; i < names.size(); ++i)
        if (names[i].contains(word))
            return i + 1;
    return 0;
}

const QString kWeekdays = QStringLiteral(
    "(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|"
    "wednesday|thursday|friday|saturday|sunday|tues|thurs|mon|tue|wed|thu|fri|sat|sun)");

// Removes the match from `rest` so later recognisers do not see it again.
void consume(QString &rest, const QRegularExpressionMatch &m) {
    rest.replace(m.capturedStart(), m.capturedLength(), QStringLiteral(" "));
}

QRegularExpression rx(const QString &pattern) {
    return QRegularExpression(pattern, QRegularExpression::UseUnicodePropertiesOption);
}

// A QRegularExpression::match costs far more (allocations, bookkeeping) than a few searches for
// literals, so each recogniser below first asks whether the text contains what every match of
// its pattern contains; only then is the pattern tried. Skipping one that cannot match changes
// nothing.
std::optional<QRegularExpressionMatch> find(const QRegularExpression &re, const QString &text,
                                            bool possible = true) {
    if (!possible)
        return std::nullopt;
    QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    return m;
}

// A set of ASCII characters, as two 64-bit words (others are left out).
struct CharSet {
    quint64 bits[2] = {};
    constexpr void add(char16_t c) {
        if (c < 128)
            bits[c / 64] |= quint64(1) << (c % 64);
    }
    constexpr bool has(char16_t c) const { return bits[c / 64] >> (c % 64) & 1; }
    constexpr bool contains(const CharSet &other) const {
        return (other.bits[0] & ~bits[0]) == 0 && (other.bits[1] & ~bits[1]) == 0;
    }
};

// An ASCII literal that a pattern needs, with its characters worked out at compile time.
struct Literal {
    QStringView text;
    CharSet chars;
    template<size_t N>
    constexpr Literal(const char16_t (&s)[N])
        : text(s, N - 1) {
        for (size_t i = 0; i + 1 < N; ++i)
            chars.add(s[i]);
    }
};

// Which ASCII characters a text has, and whether it has others: a quick first answer to "does
// it contain this literal?", since only a text with all of the literal's characters can.
class Chars {
public:
    explicit Chars(QStringView text) {
        for (QChar c : text) {
            m_set.add(c.unicode());
            m_others = m_others || c.unicode() >= 128;
        }
    }
    bool has(char16_t c) const { return c < 128 && m_set.has(c); }
    bool mayContain(const Literal &literal) const { return m_set.contains(literal.chars); }
    // Whether the Unicode-aware \d could match: an ASCII digit or any non-ASCII character.
    bool mayHaveDigit() const { return m_others || (m_set.bits[0] & (quint64(0x3ff) << '0')); }

private:
    CharSet m_set;
    bool m_others = false;
};

template<typename Literals>
bool hasAny(const QString &text, const Chars &chars, const Literals &literals) {
    return std::any_of(literals.begin(), literals.end(), [&](const Literal &literal) {
        return chars.mayContain(literal) && contains(text, literal.text);
    });
}
bool hasAny(const QString &text, const Chars &chars, std::initializer_list<Literal> literals) {
    return hasAny<std::initializer_list<Literal>>(text, chars, literals);
}

bool isAsciiWord(char16_t c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_';
}

bool mayHaveMonth(const QString &text, const Chars &chars) { // a stem of every name in kMonths
    return hasAny(text, chars,
                  {u"jan", u"jaen", u"feb", u"maer", u"mar", u"mrz", u"apr", u"mai", u"may", u"jun",
                   u"jul", u"aug", u"sep", u"okt", u"oct", u"nov", u"dez", u"dec"});
}

// For "\b<number>\s*(am|pm|uhr|h)\b": whether a unit occurs at a possible word end, after
// optional spaces that follow a digit or the last letter of a number word. Non-ASCII characters
// count as possible (Unicode digits, spaces and word ends).
bool mayHaveHourUnit(const QString &text, const Chars &chars) {
    if (!chars.has(u'h') && !chars.has(u'm'))
        return false;
    static const QString lastLetters = [] {
        QString letters;
        for (auto it = numberWords().begin(); it != numberWords().end(); ++it)
            if (!letters.contains(it.key().back()))
                letters.append(it.key().back());
        return letters;
    }();
    for (QStringView unit :
         {QStringView(u"am"), QStringView(u"pm"), QStringView(u"uhr"), QStringView(u"h")}) {
        for (qsizetype i = text.indexOf(unit); i >= 0; i = text.indexOf(unit, i + 1)) {
            const qsizetype end = i + unit.size();
            if (end < text.size() && isAsciiWord(text[end].unicode()))
                continue; // no word boundary after the unit
            qsizetype j = i - 1;
            while (j >= 0 && isAsciiSpace(text[j].unicode()))
                --j;
            if (j < 0)
                continue;
            const QChar before = text[j];
            if (before.unicode() >= 0x80 || (before >= u'0' && before <= u'9') ||
                lastLetters.contains(before))
                return true;
        }
    }
    return false;
}

class Resolver {
public:
    Resolver(const QDateTime &now, const QTimeZone &zone)
        : m_now(now)
        , m_zone(zone) {
        m_today = now.date();
    }

    std::optional<DatePart> date(QString &rest, QString *error) const;
    std::optional<TimePart> time(QString &rest, QString *error) const;
    std::optional<DayPart> dayPart(QString &rest) const;

private:
    // The next `weekday` strictly after today.
    QDate nextWeekday(int weekday) const {
        int ahead = (weekday - m_today.dayOfWeek() + 7) % 7;
        return m_today.addDays(ahead == 0 ? 7 : ahead);
    }
    QDate mondayOf(const QDate &d) const { return d.addDays(1 - d.dayOfWeek()); }
    // Day and month without a year: this year, or next year once passed.
    DatePart dayMonth(int day, int month, std::optional<int> year, QString *error) const;

    QDateTime m_now;
    QTimeZone m_zone;
    QDate m_today;
};

DatePart Resolver::dayMonth(int day, int month, std::optional<int> year, QString *error) const {
    DatePart part;
    if (year && *year < 100)
        *year += 2000;
    const int y = year.value_or(m_today.year());
    QDate d(y, month, day);
    if (!d.isValid()) {
        *error = QStringLiteral("%1.%2. is not a date").arg(day).arg(month);
        return part;
    }
    if (d < m_today) {
        if (year && *year >= m_today.year()) { // said with this year, and gone
            *error = QStringLiteral("%1 is in the past").arg(d.toString(Qt::ISODate));
            return part;
        }
        // Without a year (or with a past one): the next time it comes round.
        QDate next(m_today.year(), month, day);
        if (!next.isValid() || next < m_today)
            next = QDate(m_today.year() + 1, month, day);
        part.corrected = year.has_value();
        d = next;
    }
    part.days = {d};
    return part;
}

std::optional<DatePart> Resolver::date(QString &rest, QString *error) const {
    const Chars chars(rest); // rest changes only just before this returns
    // ISO date from the model: 2026-12-01.
    static const QRegularExpression iso =
        rx(QStringLiteral("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b"));
    if (const auto m = find(iso, rest, chars.has(u'-') && chars.mayHaveDigit())) {
        consume(rest, *m);
        return dayMonth(m->captured(3).toInt(), m->captured(2).toInt(), m->captured(1).toInt(),
                        error);
    }
    // German numbers: 5.1. / 05.01.2027 / 5.1.27
    static const QRegularExpression numeric =
        rx(QStringLiteral("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})?(?![\\d])"));
    if (const auto m = find(numeric, rest, chars.has(u'.') && chars.mayHaveDigit())) {
        consume(rest, *m);
        std::optional<int> year;
        if (!m->captured(3).isEmpty())
            year = m->captured(3).toInt();
        return dayMonth(m->captured(1).toInt(), m->captured(2).toInt(), year, error);
    }
    // 5. Januar / 5 January / 5th of January [2027]
    static const QRegularExpression dayName =
        rx(QStringLiteral("\\b(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s*(?:of\\s+)?") + kMonths +
           QStringLiteral("\\b(?:\\s+(\\d{4}))?"));
    if (const auto m = find(dayName, rest, chars.mayHaveDigit() && mayHaveMonth(rest, chars))) {
        consume(rest, *m);
        std::optional<int> year;
        if (!m->captured(3).isEmpty())
            year = m->captured(3).toInt();
        return dayMonth(m->captured(1).toInt(), monthNumber(m->captured(2)), year, error);
    }
    // January 5th [2027]
    static const QRegularExpression nameDay =
        rx(QStringLiteral("\\b") + kMonths +
           QStringLiteral("\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:\\s+(\\d{4}))?"));
    if (const auto m = find(nameDay, rest, chars.mayHaveDigit() && mayHaveMonth(rest, chars))) {
        consume(rest, *m);
        std::optional<int> year;
        if (!m->captured(3).isEmpty())
            year = m->captured(3).toInt();
        return dayMonth(m->captured(2).toInt(), monthNumber(m->captured(1)), year, error);
    }
    // The 5th / am 5. / den 5.: this month, or next month once passed.
    static const QRegularExpression dayOnly = rx(
        QStringLiteral("(?:\\b(?:am|den|zum|the|on the)\\s+(\\d{1,2})(?:\\.|st|nd|rd|th)(?!\\d))|"
                       "(?:\\b(\\d{1,2})(?:st|nd|rd|th)\\b)"));
    if (const auto m =
            find(dayOnly, rest,
                 chars.mayHaveDigit() &&
                     (chars.has(u'.') || hasAny(rest, chars, {u"st", u"nd", u"rd", u"th"})))) {
        consume(rest, *m);
        const int day = (m->captured(1).isEmpty() ? m->captured(2) : m->captured(1)).toInt();
        QDate d(m_today.year(), m_today.month(), 1);
        for (int i = 0; i < 13; ++i, d = d.addMonths(1)) {
            const QDate candidate(d.year(), d.month(), day);
            if (candidate.isValid() && candidate >= m_today)
                return DatePart{{candidate}, {}, false};
        }
        *error = QStringLiteral("the %1th is not a day of the month").arg(day);
        return DatePart{};
    }
    static const QRegularExpression dayAfterTomorrow =
        rx(QStringLiteral("\\b(ueber ?morgen|(the )?day after tomorrow)\\b"));
    if (const auto m =
            find(dayAfterTomorrow, rest,
                 hasAny(rest, chars, {u"uebermorgen", u"ueber morgen", u"day after tomorrow"}))) {
        consume(rest, *m);
        return DatePart{{m_today.addDays(2)}, {}, false};
    }
    static const QRegularExpression today = rx(QStringLiteral("\\b(heute|today|tonight)\\b"));
    if (const auto m = find(today, rest, hasAny(rest, chars, {u"heute", u"today", u"tonight"}))) {
        if (m->captured(1) != QLatin1String("tonight")) // tonight also says "evening"
            consume(rest, *m);
        return DatePart{{m_today}, {}, false};
    }
    static const QRegularExpression tomorrow = rx(QStringLiteral("\\b(morgen|tomorrow)\\b"));
    if (const auto m = find(tomorrow, rest, hasAny(rest, chars, {u"morgen", u"tomorrow"}))) {
        consume(rest, *m);
        return DatePart{{m_today.addDays(1)}, {}, false};
    }
    // Weekdays: Dienstag / nächsten Dienstag / diesen Dienstag / Dienstag in einer Woche /
    // Dienstag nächste Woche / nächste Woche Dienstag / übernächsten Dienstag / next Tuesday /
    // Tuesday next week / a week from Tuesday.
    static const QRegularExpression weekday =
        rx(QStringLiteral("(?:\\b(?<q>uebernaechste[nmrs]?|naechste[nmrs]?|kommende[nmrs]?|"
                          "diese[nmrs]?|next|this|coming)\\s+)?"
                          "(?:\\b(?<pre>naechste woche|kommende woche|next week|a week from|"
                          "one week from)\\s+)?(?:\\bam\\s+|\\bon\\s+)?\\b(?<wd>") +
           kWeekdays.mid(1, kWeekdays.size() - 2) +
           QStringLiteral(")\\b(?:\\s+(?<post>in einer woche|in 1 woche|in zwei wochen|"
                          "in 2 wochen|naechste woche|kommende woche|next week|in a week|"
                          "in one week|week))?"));
    if (const auto m = find(weekday, rest,
                            hasAny(rest, chars,
                                   {u"tag", u"mittwoch", u"sonnabend", u"mon", u"tue", u"wed",
                                    u"thu", u"fri", u"sat", u"sun"}))) {
        consume(rest, *m);
        // The groups' numbers, looked up once: a lookup by name on every match costs more.
        static const QStringList names = weekday.namedCaptureGroups();
        static const int q = names.indexOf(u"q"), pr = names.indexOf(u"pre"),
                         po = names.indexOf(u"post"), w = names.indexOf(u"wd");
        const QString qualifier = m->captured(q);
        const QString pre = m->captured(pr);
        const QString post = m->captured(po);
        const int wd = weekdayNumber(m->captured(w));
        const QDate upcoming = nextWeekday(wd);
        const QDate thisWeeks = mondayOf(m_today).addDays(wd - 1);
        const QDate nextWeeks = mondayOf(m_today).addDays(7 + wd - 1);
        if (post.contains(QLatin1String("zwei")) || post.contains(QLatin1Char('2')))
            return DatePart{{upcoming.addDays(14)}, {}, false};
        if (post.startsWith(QLatin1String("in ")) || post == QLatin1String("week") ||
            pre.contains(QLatin1String("from")))
            return DatePart{{upcoming.addDays(7)}, {}, false};
        if (!post.isEmpty() || !pre.isEmpty()) // nächste Woche / next week: that week's day
            return DatePart{{nextWeeks}, {}, false};
        if (qualifier.startsWith(QLatin1String("ueber")))
            return DatePart{{upcoming.addDays(7)}, {}, false};
        if (qualifier.startsWith(QLatin1String("diese")) || qualifier == QLatin1String("this"))
            return DatePart{{thisWeeks >= m_today ? thisWeeks : upcoming}, {}, false};
        if (!qualifier.isEmpty() && upcoming == thisWeeks)
            // "next Tuesday" said on a Monday: tomorrow, or Tuesday of next week?
            return DatePart{{upcoming, upcoming.addDays(7)}, {}, false};
        return DatePart{{upcoming}, {}, false};
    }
    // in 3 Tagen / in zwei Wochen / in a week
    static const QRegularExpression inSome =
        rx(QStringLiteral("\\bin\\s+") + countPattern() +
           QStringLiteral("\\s+(tagen|tage|tag|days|day|wochen|woche|weeks|week|monaten|monat|"
                          "months|month)\\b"));
    if (const auto m = find(inSome, rest,
                            hasAny(rest, chars, {u"in"}) &&
                                hasAny(rest, chars, {u"tag", u"day", u"woche", u"week", u"mon"}))) {
        consume(rest, *m);
        const int n = number(m->captured(1)).value_or(0);
        const QString unit = m->captured(2);
        if (unit.startsWith(QLatin1String("tag")) || unit.startsWith(QLatin1String("day")))
            return DatePart{{m_today.addDays(n)}, {}, false};
        if (unit.startsWith(QLatin1String("mon")))
            return DatePart{{m_today.addMonths(n)}, {}, false};
        return DatePart{{m_today.addDays(7 * n)}, {}, false};
    }
    // Weeks and parts of weeks: (Anfang|Mitte|Ende) (nächster|dieser|übernächster) Woche.
    static const QRegularExpression week = rx(QStringLiteral(
        "\\b(?:(anfang|mitte|ende|early|mid|end of|late)\\s+)?(?:der\\s+|of\\s+)?"
        "(uebernaechste[nr]?\\s+woche|week after next|naechste[nr]?\\s+woche|"
        "kommende[nr]?\\s+woche|next week|diese[nr]?\\s+woche|this week|woche|week)\\b"));
    if (const auto m = find(week, rest, hasAny(rest, chars, {u"woche", u"week"}))) {
        const QString which = m->captured(2);
        if (which == QLatin1String("woche") || which == QLatin1String("week")) {
            if (m->captured(1).isEmpty())
                return std::nullopt; // a lone "Woche": not a date
        }
        consume(rest, *m);
        int weeksAhead = 0;
        if (which.startsWith(QLatin1String("uebernaechste")) ||
            which.contains(QLatin1String("after")))
            weeksAhead = 2;
        else if (which.startsWith(QLatin1String("naechste")) ||
                 which.startsWith(QLatin1String("kommende")) ||
                 which.startsWith(QLatin1String("next")))
            weeksAhead = 1;
        const QDate monday = mondayOf(m_today).addDays(7 * weeksAhead);
        QDate first = monday, last = monday.addDays(6);
        const QString part = m->captured(1);
        if (part == QLatin1String("anfang") || part == QLatin1String("early"))
            last = monday.addDays(1);
        else if (part == QLatin1String("mitte") || part == QLatin1String("mid"))
            first = monday.addDays(1), last = monday.addDays(3);
        else if (!part.isEmpty()) // Ende / end of / late: Thursday to Saturday
            first = monday.addDays(3), last = monday.addDays(5);
        if (first < m_today)
            first = m_today;
        if (last < first) {
            *error = QStringLiteral("that part of the week has passed");
            return DatePart{};
        }
        return DatePart{{first}, last, false};
    }
    static const QRegularExpression weekend =
        rx(QStringLiteral("\\b(?:(naechste[snm]?|kommende[snm]?|diese[snm]?|next|this)\\s+)?"
                          "(?:am\\s+|on the\\s+|the\\s+)?(wochenende|weekend)\\b"));
    if (const auto m = find(weekend, rest, hasAny(rest, chars, {u"wochenende", u"weekend"}))) {
        consume(rest, *m);
        QDate saturday = mondayOf(m_today).addDays(5);
        const QString q = m->captured(1);
        if (q.startsWith(QLatin1String("naechste")) || q.startsWith(QLatin1String("kommende")) ||
            q == QLatin1String("next"))
            saturday = saturday.addDays(7);
        QDate first = saturday < m_today ? m_today : saturday;
        return DatePart{{first}, saturday.addDays(1), false};
    }
    return std::nullopt;
}

std::optional<TimePart> Resolver::time(QString &rest, QString *error) const {
    const Chars chars(rest);
    const QString &num = hourPattern();
    auto checked = [&](TimePart t) -> std::optional<TimePart> {
        if (t.hour < 0 || t.hour > 24 || t.minute < 0 || t.minute > 59 ||
            (t.hour == 24 && t.minute > 0)) {
            *error = QStringLiteral("%1:%2 is not a time of day")
                         .arg(t.hour)
                         .arg(t.minute, 2, 10, QLatin1Char('0'));
            return TimePart{-1};
        }
        return t;
    };
    auto meridiem = [](TimePart &t, const QString &suffix) {
        if (suffix == QLatin1String("pm") && t.hour < 12)
            t.hour += 12;
        else if (suffix == QLatin1String("am") && t.hour == 12)
            t.hour = 0;
        t.meridiemKnown = t.hour >= 13 || t.hour == 0 || suffix == QLatin1String("am") ||
                          suffix == QLatin1String("pm");
    };
    // 14:30 / 14.30 Uhr / 3:30pm / 9.15h
    static const QRegularExpression clock =
        rx(QStringLiteral("\\b(\\d{1,2})[:.](\\d{2})\\s*(uhr|h|am|pm)?(?![\\d])"));
    if (const auto m =
            find(clock, rest, (chars.has(u':') || chars.has(u'.')) && chars.mayHaveDigit())) {
        consume(rest, *m);
        TimePart t{m->captured(1).toInt(), m->captured(2).toInt()};
        meridiem(t, m->captured(3));
        return checked(t);
    }
    // 3pm / 14 Uhr / 14 Uhr 30 / drei Uhr
    static const QRegularExpression hourUnit =
        rx(QStringLiteral("\\b") + num +
           QStringLiteral("\\s*(am|pm|uhr|h)\\b(?:\\s+(\\d{1,2})\\b(?!\\s*(?:uhr|am|pm)))?"));
    if (const auto m = find(hourUnit, rest, mayHaveHourUnit(rest, chars))) {
        consume(rest, *m);
        TimePart t{hourOf(m->captured(1)), m->captured(3).isEmpty() ? 0 : m->captured(3).toInt()};
        meridiem(t, m->captured(2));
        return checked(t);
    }
    struct Said {
        QRegularExpression re;
        QList<Literal> needs; // one of these is in every match
        TimePart (*make)(const QRegularExpressionMatch &);
    };
    static const QList<Said> phrases = {
        // halb drei = 2:30; half past two = 2:30
        {rx(QStringLiteral("\\bhalb\\s+") + num),
         {u"halb"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)) - 1, 30};
         }},
        {rx(QStringLiteral("\\bhalf\\s+past\\s+") + num),
         {u"half"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)), 30};
         }},
        {rx(QStringLiteral("\\b(?:viertel|quarter)\\s+(?:nach|past|after)\\s+") + num),
         {u"viertel", u"quarter"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)), 15};
         }},
        {rx(QStringLiteral("\\b(?:viertel\\s+vor|quarter\\s+to|quarter\\s+of|dreiviertel)\\s+") +
            num),
         {u"viertel", u"quarter"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)) - 1, 45};
         }},
        {rx(QStringLiteral("\\bviertel\\s+") + num), // south German: viertel drei = 2:15
         {u"viertel"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)) - 1, 15};
         }},
        {rx(QStringLiteral("\\b(?:kurz|just|shortly)\\s+(?:nach|after)\\s+") + num),
         {u"kurz", u"just", u"shortly"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)), 0, 15};
         }},
        {rx(QStringLiteral("\\b(?:kurz|just|shortly)\\s+(?:vor|before)\\s+") + num),
         {u"kurz", u"just", u"shortly"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)) - 1, 45, 15};
         }},
        {rx(QStringLiteral("\\b") + num +
            QStringLiteral("\\s+(?:minuten\\s+|minutes\\s+)?(?:nach|past|after)\\s+") + num),
         {u"nach", u"past", u"after"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(2)), hourOf(mm.captured(1))};
         }},
        {rx(QStringLiteral("\\b") + num +
            QStringLiteral("\\s+(?:minuten\\s+|minutes\\s+)?(?:vor|to)\\s+") + num),
         {u"vor", u"to"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(2)) - 1, 60 - hourOf(mm.captured(1))};
         }},
        {rx(QStringLiteral("\\b(noon|midday)\\b")),
         {u"noon", u"midday"},
         [](auto &) {
             return TimePart{12, 0, 0, true};
         }},
        {rx(QStringLiteral("\\b(midnight|mitternacht)\\b")),
         {u"midnight", u"mitternacht"},
         [](auto &) {
             return TimePart{0, 0, 0, true};
         }},
        {rx(QStringLiteral("\\b(?:um|at|gegen|around|ab|from|by)\\s+") + num +
            QStringLiteral("\\b")),
         {u"um", u"at", u"gegen", u"around", u"ab", u"from", u"by"},
         [](auto &mm) {
             return TimePart{hourOf(mm.captured(1)), 0};
         }},
    };
    for (const Said &said : phrases) {
        if (const auto m = find(said.re, rest, hasAny(rest, chars, said.needs))) {
            consume(rest, *m);
            TimePart t = said.make(*m);
            if (t.hour == 0 && !t.meridiemKnown && t.minute >= 30)
                t.hour = 12; // halb eins = 12:30
            t.meridiemKnown = t.meridiemKnown || t.hour >= 13;
            return checked(t);
        }
    }
    return std::nullopt;
}

std::optional<DayPart> Resolver::dayPart(QString &rest) const {
    const Chars chars(rest);
    struct Part {
        QRegularExpression re;
        QList<Literal> needs; // one of these is in every match
        DayPart part;
    };
    static const QList<Part> parts = {
        {rx(QStringLiteral("\\b(vormittags?|am vormittag|late morning)\\b")),
         {u"vormittag", u"late morning"},
         {QTime(8, 0), QTime(12, 0), false}},
        {rx(QStringLiteral("\\b(nachmittags?|am nachmittag|(?:this |in the )?afternoon)\\b")),
         {u"nachmittag", u"afternoon"},
         {QTime(12, 0), QTime(18, 0), true}},
        {rx(QStringLiteral("\\b(abends?|am abend|(?:this |in the )?evening|tonight)\\b")),
         {u"abend", u"evening", u"tonight"},
         {QTime(17, 0), QTime(21, 0), true}},
        {rx(QStringLiteral("\\b(mittags?|ueber mittag|lunchtime|at lunch)\\b")),
         {u"mittag", u"lunch"},
         {QTime(11, 30), QTime(14, 0), false}},
        {rx(QStringLiteral("\\b(frueh|morgens|(?:this |in the )?morning)\\b")),
         {u"frueh", u"morgens", u"morning"},
         {QTime(7, 0), QTime(11, 0), false}},
    };
    for (const Part &p : parts) {
        if (const auto m = find(p.re, rest, hasAny(rest, chars, p.needs))) {
            consume(rest, *m);
            return p.part;
        }
    }
    return std::nullopt;
}

// "2026-12-14 10:00", "2026-12-14T10:00:30": the model's usual way, read directly, where the
// pattern and Qt's general parser below cost ten times as much. Nullopt for anything else
// (fractions, offsets, a lower-case t, 24:00, invalid dates), which goes the long way.
std::optional<QDateTime> plainIsoDateTime(QStringView t, const QTimeZone &zone) {
    if (t.size() != 16 && t.size() != 19)
        return std::nullopt;
    auto number = [&](qsizetype at, qsizetype digits, int *value) {
        int v = 0;
        for (qsizetype i = at; i < at + digits; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            v = v * 10 + (c - u'0');
        }
        *value = v;
        return true;
    };
    int year, month, day, hour, minute, second = 0;
    if (!number(0, 4, &year) || t[4] != u'-' || !number(5, 2, &month) || t[7] != u'-' ||
        !number(8, 2, &day) || (t[10] != u' ' && t[10] != u'T') || !number(11, 2, &hour) ||
        t[13] != u':' || !number(14, 2, &minute))
        return std::nullopt;
    if (t.size() == 19 && (t[16] != u':' || !number(17, 2, &second)))
        return std::nullopt;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return ZoneTime::wallClock(date, time, zone);
}

std::optional<QDateTime> isoDateTime(const QString &text, const QTimeZone &zone) {
    static const QRegularExpression full = rx(QStringLiteral(
        "^\\d{4}-\\d{2}-\\d{2}[t ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(z|[+-]\\d{2}:?\\d{2})?$"));
    if (!text.contains(u'-') || !text.contains(u':')) // cheap: what the pattern needs
        return std::nullopt;
    const QString t = text.trimmed();
    if (const auto plain = plainIsoDateTime(t, zone))
        return plain;
    const QRegularExpressionMatch m = full.match(t.toLower());
    if (!m.hasMatch())
        return std::nullopt;
    const bool hasOffset = m.hasCaptured(3);
    QString iso = t;
    iso.replace(QLatin1Char(' '), QLatin1Char('T'));
    // Without an offset it is a wall-clock time in the business's zone. Qt would read it in the
    // machine's own zone first (and refuse one in that zone's clock change), so it is read as
    // UTC, which has none, and only its date and time are kept.
    const QDateTime dt =
        QDateTime::fromString(hasOffset ? iso : iso + QLatin1Char('Z'), Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (!hasOffset)
        return ZoneTime::wallClock(dt.date(), dt.time(), zone);
    return dt.toTimeZone(zone);
}

// QDateTime::toString(Qt::ISODate), e.g. 2026-12-01T14:30:00+01:00 (always ASCII).
void appendIso(QByteArray &out, const QDateTime &dt) {
    out += ZoneTime::isoString(dt).toLatin1();
}

} // namespace

QString toString(ParsedDate::Granularity granularity) {
    switch (granularity) {
    case ParsedDate::Granularity::Day:
        return QStringLiteral("day");
    case ParsedDate::Granularity::Time:
        return QStringLiteral("time");
    case ParsedDate::Granularity::Range:
        return QStringLiteral("range");
    }
    return {};
}

QJsonObject ParsedDate::toJson() const {
    if (!ok)
        return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), errorCode},
                                                      {QStringLiteral("message"), errorMessage}}}};
    // Written as JSON text and parsed: each QJsonObject::insert of a string costs thousands of
    // instructions (the value is a container of its own, then copied), the parser builds the
    // object in one go.
    return QJsonDocument::fromJson('{' + toJsonMembers() + '}').object();
}

QByteArray ParsedDate::toJsonMembers() const {
    Q_ASSERT(ok);
    // All written here is ASCII without quotes or backslashes.
    QByteArray json;
    json.reserve(80 + 28 * candidates.size());
    if (ambiguous()) {
        json += "\"candidates\":[";
        for (const QDateTime &c : candidates) {
            json += '"';
            appendIso(json, c);
            json += "\",";
        }
        json.back() = ']';
        json += ',';
    }
    if (corrected)
        json += "\"corrected\":true,";
    if (end) {
        json += "\"end\":\"";
        appendIso(json, *end);
        json += "\",";
    }
    json += "\"granularity\":\"";
    json += toString(granularity).toLatin1();
    json += "\",\"start\":\"";
    appendIso(json, start);
    json += '"';
    return json;
}

// `utcMs` on the zone's wall clock, as a fixed offset: the parser only takes now's date and
// compares instants with it, and a QDateTime in the zone itself asks the zone's backend.
static QDateTime wallClockNow(qint64 utcMs, const QTimeZone &zone) {
    const int offset = ZoneTime::offsetFromUtc(utcMs, zone);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromMSecsSinceEpoch(utcMs, QTimeZone::fromSecondsAheadOfUtc(offset));
#else
    return QDateTime::fromMSecsSinceEpoch(utcMs, Qt::OffsetFromUTC, offset);
#endif
}

DateParser::DateParser(const QDateTime &now, QTimeZone zone, QString locale)
    : DateParser(now.toMSecsSinceEpoch(), std::move(zone), std::move(locale)) {}

DateParser::DateParser(qint64 nowUtcMs, QTimeZone zone, QString locale)
    : m_now(wallClockNow(nowUtcMs, zone))
    , m_zone(std::move(zone))
    , m_locale(std::move(locale)) {}

ParsedDate DateParser::parse(const QString &text) const {
    ParsedDate out;
    auto fail = [&](const QString &code, const QString &message) {
        out = ParsedDate{};
        out.errorCode = code;
        out.errorMessage = message;
        return out;
    };
    if (text.trimmed().isEmpty())
        return fail(QStringLiteral("empty_date"), QStringLiteral("no date or time given"));

    if (const auto exact = isoDateTime(text, m_zone)) {
        QDateTime dt = *exact;
        if (dt.date().year() < m_now.date().year()) { // the model's stale year
            QDate next(m_now.date().year(), dt.date().month(), dt.date().day());
            if (!next.isValid() || ZoneTime::wallClock(next, dt.time(), m_zone) < m_now)
                next = QDate(m_now.date().year() + 1, dt.date().month(), dt.date().day());
            dt = ZoneTime::wallClock(next, dt.time(), m_zone);
            out.corrected = true;
        }
        out.ok = true;
        out.start = dt;
        out.granularity = ParsedDate::Granularity::Time;
        out.candidates = {dt};
        return out;
    }

    QString rest = normalize(text);
    const Resolver resolve(m_now, m_zone);
    QString error;
    const std::optional<DatePart> date = resolve.date(rest, &error);
    if (!error.isEmpty())
        return fail(QStringLiteral("unparseable_date"), error);
    const std::optional<DayPart> part = resolve.dayPart(rest);
    const std::optional<TimePart> time = resolve.time(rest, &error);
    if (!error.isEmpty())
        return fail(QStringLiteral("unparseable_date"), error);
    if (!date && !time && !part)
        return fail(QStringLiteral("unparseable_date"),
                    QStringLiteral("no date or time recognised in \"%1\"").arg(text));
    // Numbers left over mean something was said that we did not understand. (The regex \\d
    // without Unicode properties, as this was, is an ASCII digit.)
    if (std::any_of(rest.begin(), rest.end(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return fail(QStringLiteral("unparseable_date"),
                    QStringLiteral("could not understand \"%1\"").arg(rest.simplified()));

    std::optional<QTime> at;
    int spanMinutes = 0;
    if (time) {
        TimePart t = *time;
        if (!t.meridiemKnown) {
            if (part && part->afternoon && t.hour < 12)
                t.hour += 12;
            else if (!part && t.hour >= 1 && t.hour <= 6)
                t.hour += 12; // business hours: "um drei" is 15:00
        }
        at = QTime(t.hour % 24, t.minute);
        spanMinutes = t.spanMinutes;
    }

    QList<QDate> days = date ? date->days : QList<QDate>{m_now.date()};
    if (!date) {
        // Only a time or a part of the day: today, or tomorrow once it has passed.
        const QTime until = at ? *at : part->to;
        if (QDateTime(m_now.date(), until, m_zone) <= m_now)
            days = {m_now.date().addDays(1)};
    }
    out.ok = true;
    out.corrected = date && date->corrected;
    for (const QDate &day : days) {
        QDateTime start;
        std::optional<QDateTime> end;
        if (at) {
            start = ZoneTime::wallClock(day, *at, m_zone);
            if (spanMinutes > 0)
                end = start.addSecs(60 * spanMinutes);
        } else if (part) {
            start = QDateTime(day, part->from, m_zone);
            end = QDateTime(day, part->to, m_zone);
        } else {
            start = day.startOfDay(m_zone);
            const QDate last = date->lastDay.isValid() ? date->lastDay : day;
            end = last.addDays(1).startOfDay(m_zone);
        }
        if (out.candidates.isEmpty()) {
            out.start = start;
            out.end = end;
        }
        out.candidates.append(start);
    }
    if (at)
        out.granularity =
            spanMinutes > 0 ? ParsedDate::Granularity::Range : ParsedDate::Granularity::Time;
    else if (part || (date && date->lastDay.isValid()))
        out.granularity = ParsedDate::Granularity::Range;
    else
        out.granularity = ParsedDate::Granularity::Day;
    return out;
}

} // namespace Callbook
