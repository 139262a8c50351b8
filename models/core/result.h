#pragma once

// A small expected-style result type. C++20 has no std::expected and Debian 12 ships
// no tl::expected package, so MeshDesk carries this minimal subset: a value or an Error.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace md {

// A failure that a user can read: what went wrong (message), where (file:line:column,
// a field path, a URL...), and a short machine code (e.g. "yaml.parse", "IST0101").
struct Error
{
    QString code;
    QString message;
    QString where;

    QString toString() const
    {
        return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
    }
};

template<typename E> struct Unexpected
{
    E error;
};

inline Unexpected<Error> unexpected(Error e)
{
    return {std::move(e)};
}

inline Unexpected<Error> unexpected(QString code, QString message, QString where = {})
{
    return {Error {std::move(code), std::move(message), std::move(where)}};
}

template<typename T, typename E = Error> class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Unexpected<E> u)
        : m_data(std::in_place_index<1>, std::move(u.error))
    { }

    bool has_value() const { return m_data.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const E &error() const { return std::get<1>(m_data); }

    template<typename U> T value_or(U &&fallback) const &
    {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, E> m_data;
};

// Result<void>: success or an Error.
template<typename E> class Result<void, E>
{
public:
    Result() = default;
    Result(Unexpected<E> u)
        : m_error(std::move(u.error))
    { }

    bool has_value() const { return !m_error.has_value(); }
    explicit operator bool() const { return has_value(); }
    const E &error() const { return *m_error; }

private:
    std::optional<E> m_error;
};

} // namespace md
