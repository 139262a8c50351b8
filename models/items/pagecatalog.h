#pragma once

// The pages of the shell: one entry per page, grouped by module. Plain data; titles are
// translation sources (translated by NavigationModel at display time, so a language switch
// needs no rebuild of the catalog).

#include <QList>
#include <QString>

namespace md {

struct PageInfo
{
    QString id; // stable id, persisted in settings: "traffic.virtualservices"
    QString module; // module id: "traffic"
    const char *title; // translation source (context "md::Pages")
    const char *summary; // one sentence: what the user does there (translation source)
    QStringList keywords; // extra palette terms, not translated: kinds, short names
    QString shortcut; // QKeySequence::PortableText ("Ctrl+3"), may be empty
};

struct ModuleInfo
{
    QString id;
    const char *title; // translation source (context "md::Pages")
    QString iconName; // resource icon base name, ":/icons/<iconName>.svg"
};

class PageCatalog
{
public:
    static const QList<ModuleInfo> &modules();
    static const QList<PageInfo> &pages();
    static const PageInfo *page(const QString &id);
    static const ModuleInfo *module(const QString &id);
    static QList<PageInfo> pagesOf(const QString &moduleId);
    static QString defaultPageId();

    static QString translatedTitle(const PageInfo &page);
    static QString translatedSummary(const PageInfo &page);
    static QString translatedTitle(const ModuleInfo &module);
};

} // namespace md
