#include "jsonscan.h"

namespace Callbook {

namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A recursive-descent walk that checks and skips values; only the outermost object's members
// are listed.
class Scanner {
public:
    explicit Scanner(QByteArrayView text)
        : m_p(text.data())
        , m_end(text.data() + text.size()) {}

    bool document(QList<JsonMember> *members) {
        skipSpace();
        if (m_p == m_end || *m_p != '{' || !object(members))
            return false;
        skipSpace();
        return m_p == m_end;
    }

private:
    static constexpr int kMaxDepth = 512;

    void skipSpace() {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    // At the opening quote; ends after the closing one.
    bool string(bool *escaped) {
        ++m_p;
        const char *const start = m_p;
        bool nonAscii = false;
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return !nonAscii || QByteArrayView(start, m_p - 1 - start).isValidUtf8();
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                *escaped = true;
                if (++m_p == m_end)
                    return false;
                switch (*m_p) {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    ++m_p;
                    break;
                case 'u':
                    if (m_end - m_p < 5)
                        return false;
                    for (int i = 1; i <= 4; ++i)
                        if (!isHexDigit(m_p[i]))
                            return false;
                    m_p += 5;
                    break;
                default:
                    return false;
                }
                continue;
            }
            nonAscii |= c >= 0x80;
            ++m_p;
        }
        return false;
    }

    bool number() {
        const char *const start = m_p;
        if (*m_p == '-')
            ++m_p;
        if (m_p == m_end)
            return false;
        if (*m_p == '0') {
            ++m_p;
        } else if (isDigit(*m_p)) {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        } else {
            return false;
        }
        if (m_p < m_end && *m_p == '.') {
            const char *const fraction = ++m_p;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
            if (m_p == fraction)
                return false;
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E'))
            return false;
        return m_p - start <= 300;
    }

    bool literal(QByteArrayView word) {
        if (m_end - m_p < word.size() || QByteArrayView(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }

    bool value() {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '"': {
            bool escaped = false;
            return string(&escaped);
        }
        case '{':
            return object(nullptr);
        case '[':
            return array();
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return number();
        }
    }

    bool array() {
        if (++m_depth > kMaxDepth)
            return false;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            --m_depth;
            return true;
        }
        while (true) {
            skipSpace();
            if (!value())
                return false;
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == ']') {
                ++m_p;
                --m_depth;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    bool object(QList<JsonMember> *members) {
        if (++m_depth > kMaxDepth)
            return false;
        ++m_p;
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            --m_depth;
            return true;
        }
        while (true) {
            skipSpace();
            if (m_p == m_end || *m_p != '"')
                return false;
            const char *const keyStart = m_p + 1;
            bool escaped = false;
            if (!string(&escaped))
                return false;
            const QByteArrayView key(keyStart, m_p - 1 - keyStart);
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return false;
            ++m_p;
            skipSpace();
            const char *const valueStart = m_p;
            if (!value())
                return false;
            if (members)
                members->append({key, QByteArrayView(valueStart, m_p - valueStart), escaped});
            skipSpace();
            if (m_p == m_end)
                return false;
            if (*m_p == '}') {
                ++m_p;
                --m_depth;
                return true;
            }
            if (*m_p++ != ',')
                return false;
        }
    }

    const char *m_p;
    const char *const m_end;
    int m_depth = 0;
};

} // namespace

std::optional<QList<JsonMember>> scanJsonObject(QByteArrayView text) {
    QList<JsonMember> members;
    members.reserve(16); // envelopes and call objects have a dozen or so
    if (!Scanner(text).document(&members))
        return std::nullopt;
    return members;
}

} // namespace Callbook
