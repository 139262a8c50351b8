#include "core/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <atomic>
#include <memory>
#include <vector>

namespace md {

namespace {

std::vector<std::unique_ptr<QTranslator>> &installed()
{
    static std::vector<std::unique_ptr<QTranslator>> translators;
    return translators;
}

} // namespace

namespace {
std::atomic<int> generation = 0;
}

int translationsGeneration()
{
    return generation.load(std::memory_order_acquire);
}

bool installTranslations(const QLocale &locale)
{
    struct Bump
    {
        ~Bump() { generation.fetch_add(1, std::memory_order_acq_rel); }
    } bump;
    for (const auto &t : installed())
        QCoreApplication::removeTranslator(t.get());
    installed().clear();

    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;

    auto app = std::make_unique<QTranslator>();
    if (!app->load(locale, QStringLiteral("meshdesk"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        return false;
    QCoreApplication::installTranslator(app.get());
    installed().push_back(std::move(app));

    // Qt's own strings (standard buttons, dialogs); optional, from qt6-translations-l10n.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        installed().push_back(std::move(qt));
    }
    return true;
}

QLocale localeFromOption(const QString &option)
{
    if (option.isEmpty())
        return QLocale::system();
    QString name = option;
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    return QLocale(name);
}

QStringList availableLanguages()
{
    QStringList languages {QStringLiteral("en")};
    const QStringList files
        = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("meshdesk_*.qm")});
    for (const QString &file : files)
        languages.append(file.mid(9, file.size() - 9 - 3));
    return languages;
}

} // namespace md
