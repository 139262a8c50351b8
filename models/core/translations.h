#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace md {

// Installs MeshDesk's translation (embedded at :/i18n) and Qt's own for `locale` into the
// application, replacing any installed before. Returns false when MeshDesk has no
// translation for that language (English is the source language and always available).
bool installTranslations(const QLocale &locale);

// Changes each time installTranslations() runs: what caches translated text compares.
int translationsGeneration();

// Parses the --lang option: "zh_CN", "zh-CN", "en", "C" or "" (system locale).
QLocale localeFromOption(const QString &option);

// The languages MeshDesk ships, as locale names ("en", "zh_CN").
QStringList availableLanguages();

} // namespace md
