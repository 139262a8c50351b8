// Helper of tst_draftscrash: opens the policy editor on the database given as argument,
// types into the YAML of an existing object and of a new one as a user would (no Ctrl+S),
// prints "drafts-saved" once the editors saved their drafts on their own, then waits to be
// killed.

#include "editors/policyeditor.h"
#include "editors/yamleditor.h"
#include "istio/document.h"
#include "store/draftstore.h"

#include <QApplication>
#include <QTest>
#include <QTextBlock>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: drafts_crash_helper DATABASE\n");
        return 2;
    }
    md::store::DraftStore drafts;
    if (auto opened = drafts.open(QString::fromLocal8Bit(argv[1])); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().toString()));
        return 1;
    }
    md::ui::EditorServices services;
    services.drafts = &drafts;
    services.draftDelayMs = 200;

    const auto live = md::istio::parseValue(R"(apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "17"
spec:
  host: reviews
)");
    md::ui::PolicyEditor existing(
        services,
        md::ui::EditorDocument::forObject(*live, QStringLiteral("ctx"), QStringLiteral("demo")));
    md::ui::PolicyEditor created(
        services,
        md::ui::EditorDocument::forNew(QStringLiteral("AuthorizationPolicy"),
                                       QStringLiteral("bookinfo"), QStringLiteral("ctx"),
                                       QStringLiteral("demo")));
    existing.show();
    created.show();
    if (!QTest::qWaitForWindowExposed(&existing) || !QTest::qWaitForWindowExposed(&created))
        return 1;

    // Type as a user: the host becomes "reviews-typed".
    md::ui::YamlEditor *yaml = existing.yamlEditor();
    existing.showYaml();
    QTextCursor cursor = yaml->document()->find(QStringLiteral("host: reviews"));
    cursor.clearSelection();
    yaml->setTextCursor(cursor);
    yaml->setFocus();
    QTest::keyClicks(yaml, QStringLiteral("-typed"));
    created.showYaml();
    created.yamlEditor()->moveCursor(QTextCursor::End);
    QTest::keyClicks(created.yamlEditor(), QStringLiteral("  # deny by default"));

    // The drafts are written by the editors' own timers.
    if (!QTest::qWaitFor(
            [&] {
                auto list = drafts.drafts();
                return list && list->size() == 2;
            },
            20000)) {
        std::fprintf(stderr, "the drafts were not saved\n");
        return 1;
    }
    std::printf("drafts-saved\n");
    std::fflush(stdout);
    return app.exec(); // until SIGKILL
}
